import Foundation

/// Upper bounds applied to uploaded images and archives before any of their bytes are decoded.
///
/// Every limit is checked against sizes that are known up front (the byte count of a file, the
/// declared sizes in a zip's central directory, the dimensions in an image header) so a hostile
/// upload is refused before it costs memory or CPU (quality bar rule 8).
public struct ImageLimits: Sendable, Codable, Equatable {
    /// Largest single image file, in bytes. Default 20 MB (20 × 1024 × 1024).
    public var maxFileBytes: Int
    /// Largest image area, width × height. Default 50 megapixels.
    public var maxPixels: Int
    /// Largest width or height. Default 20,000 pixels.
    public var maxDimension: Int
    /// Most entries (files, folders, links) a zip may hold. Default 20,000.
    public var maxZipEntries: Int
    /// Largest sum of the declared uncompressed sizes of a zip's entries. Default 2 GB.
    public var maxZipUncompressedBytes: Int64
    /// Largest uncompressed ÷ compressed ratio of one zip entry. Default 100.
    public var maxCompressionRatio: Int
    /// Largest request body the server accepts for an upload. Default 256 MB.
    public var maxRequestBytes: Int

    /// The defaults used when a deployment configures nothing.
    public static let `default` = ImageLimits()

    /// Creates limits; every argument defaults to the documented default.
    public init(
        maxFileBytes: Int = 20 * 1024 * 1024,
        maxPixels: Int = 50_000_000,
        maxDimension: Int = 20_000,
        maxZipEntries: Int = 20_000,
        maxZipUncompressedBytes: Int64 = 2 * 1024 * 1024 * 1024,
        maxCompressionRatio: Int = 100,
        maxRequestBytes: Int = 256 * 1024 * 1024
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxPixels = maxPixels
        self.maxDimension = maxDimension
        self.maxZipEntries = maxZipEntries
        self.maxZipUncompressedBytes = maxZipUncompressedBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.maxRequestBytes = maxRequestBytes
    }

    private enum CodingKeys: String, CodingKey {
        case maxFileBytes, maxPixels, maxDimension, maxZipEntries, maxZipUncompressedBytes
        case maxCompressionRatio, maxRequestBytes
    }

    /// Decodes limits; a missing key keeps its default so a config file can name only what it changes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ImageLimits()
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
            try container.decodeIfPresent(T.self, forKey: key) ?? fallback
        }
        self.init(
            maxFileBytes: try value(.maxFileBytes, defaults.maxFileBytes),
            maxPixels: try value(.maxPixels, defaults.maxPixels),
            maxDimension: try value(.maxDimension, defaults.maxDimension),
            maxZipEntries: try value(.maxZipEntries, defaults.maxZipEntries),
            maxZipUncompressedBytes: try value(.maxZipUncompressedBytes, defaults.maxZipUncompressedBytes),
            maxCompressionRatio: try value(.maxCompressionRatio, defaults.maxCompressionRatio),
            maxRequestBytes: try value(.maxRequestBytes, defaults.maxRequestBytes)
        )
    }
}
