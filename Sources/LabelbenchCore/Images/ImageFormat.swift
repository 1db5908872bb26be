/// The image formats Labelbench accepts. Anything else (SVG above all, which can carry script) is refused.
public enum ImageFormat: String, Sendable, Codable, CaseIterable {
    case png
    case jpeg
    case gif
    case webp

    /// The media type to send when serving an image of this format.
    public var mimeType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .webp: "image/webp"
        }
    }

    /// The file extension (without dot) used when storing or exporting an image of this format.
    public var fileExtension: String {
        switch self {
        case .png: "png"
        case .jpeg: "jpg"
        case .gif: "gif"
        case .webp: "webp"
        }
    }

    /// File name extensions (lower case) that name an image in an archive or folder listing.
    ///
    /// Only used to tell image entries from metadata files; the format itself is always decided from the bytes.
    public static let nameExtensions: Set<String> = ["png", "jpg", "jpeg", "jpe", "gif", "webp"]
}
