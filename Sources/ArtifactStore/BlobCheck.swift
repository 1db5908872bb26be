import Crypto
import Foundation

/// Re-hashes a blob as it is read, in one piece or in chunks while it is being sent, and tells whether the
/// bytes still match the SHA-256 they are stored under.
public struct BlobCheck {
    /// The address the bytes must hash to.
    public let sha256: String
    /// Where the bytes come from, for the error.
    public let path: String
    private var hash = SHA256()

    /// Starts checking bytes that must hash to `sha256`.
    public init(sha256: String, path: String) {
        self.sha256 = sha256
        self.path = path
    }

    /// Feeds the next bytes.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        hash.update(bufferPointer: buffer)
    }

    /// Feeds the next bytes.
    public mutating func update(_ data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    /// Checks everything fed so far.
    ///
    /// - Throws: `ArtifactStoreError.integrity` naming the file when the digest differs.
    public func finish() throws {
        let found = Hex.string(hash.finalize())
        guard found == sha256 else { throw Self.mismatch(path: path, found: found) }
    }

    static func mismatch(path: String, found: String) -> ArtifactStoreError {
        .integrity(path: path, reason: "its bytes hash to sha256:\(found), not to the address it is stored under")
    }
}
