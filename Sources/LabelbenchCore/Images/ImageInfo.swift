/// What the header of an accepted image says: its real format and size.
public struct ImageInfo: Sendable, Codable, Equatable {
    /// The format decided from the file's bytes.
    public var format: ImageFormat
    /// Width in pixels, at least 1.
    public var width: Int
    /// Height in pixels, at least 1.
    public var height: Int
    /// Size of the file in bytes.
    public var byteCount: Int

    /// Creates an image description.
    public init(format: ImageFormat, width: Int, height: Int, byteCount: Int) {
        self.format = format
        self.width = width
        self.height = height
        self.byteCount = byteCount
    }
}
