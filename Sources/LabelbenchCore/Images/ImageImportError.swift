import Foundation

/// Why an image, an archive or one of its entries was refused.
///
/// `description` always starts with the file or entry it is about, so it can be shown to the user as is;
/// `kind` lets the server choose a status (e.g. 413 for the size limits) without parsing text.
public struct ImageImportError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// The category of a refusal.
    public enum Kind: String, Sendable, Equatable, Codable {
        /// The bytes are not a PNG, JPEG, GIF or WebP image.
        case unsupportedFormat
        /// The image claims a known format but its structure is broken or cut short.
        case malformed
        /// The file, an entry, or an archive's total exceeds a byte limit.
        case tooLarge
        /// The width or height is zero or above the limit, or the area has too many pixels.
        case badDimensions
        /// A path is absolute, leaves its folder, or is otherwise unsafe.
        case unsafePath
        /// A symbolic link was found where only regular files are allowed.
        case symlink
        /// The archive holds more entries than allowed.
        case tooManyEntries
        /// An entry compresses suspiciously well or decompresses to more than it declared (a zip bomb).
        case compressionBomb
        /// A named image or entry does not exist.
        case notFound
        /// The archive or file could not be read.
        case unreadable
    }

    /// The file or entry the error is about, e.g. `photo.png` or `photos.zip entry "a/b.jpg"`.
    public var file: String
    /// The category of the refusal.
    public var kind: Kind
    /// What is wrong, without the file name.
    public var reason: String

    /// Creates an error about `file`.
    public init(file: String, kind: Kind, reason: String) {
        self.file = file
        self.kind = kind
        self.reason = reason
    }

    /// The full message, naming the file first: `photo.png: not a PNG, JPEG, GIF or WebP image …`.
    public var description: String { "\(file): \(reason)" }

    /// Same as `description`, for code that reads `localizedDescription`.
    public var errorDescription: String? { description }
}
