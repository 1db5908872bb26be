import Foundation

/// One image read from an `ImageSource` and accepted by `ImageInspector`.
public struct LoadedImage: Sendable, Equatable {
    /// The normalised path inside the archive or folder.
    public var path: String
    /// The file's bytes.
    public var data: Data
    /// Format and size, decided from the bytes.
    public var info: ImageInfo

    /// Creates a loaded image.
    public init(path: String, data: Data, info: ImageInfo) {
        self.path = path
        self.data = data
        self.info = info
    }
}
