import Foundation

/// The identity of stored bytes: SHA-256 (the address), MD5 (for W&B, DVC and S3) and size.
public struct BlobRef: Codable, Sendable, Hashable {
    /// Lowercase hex SHA-256 of the bytes.
    public var sha256: String
    /// Lowercase hex MD5 of the bytes.
    public var md5: String
    /// Size in bytes.
    public var size: Int64

    /// Creates a reference from already computed digests.
    public init(sha256: String, md5: String, size: Int64) {
        self.sha256 = sha256
        self.md5 = md5
        self.size = size
    }

    /// The MD5 as standard base64 of its 16 raw bytes, which is W&B's entry digest.
    public var md5Base64: String {
        Data(Hex.bytes(md5) ?? []).base64EncodedString()
    }
}
