import Crypto
import Foundation

/// Computes SHA-256, MD5 and size in one pass, so large files are read once.
struct DigestAccumulator {
    private var sha256 = SHA256()
    private var md5 = Insecure.MD5()
    private(set) var size: Int64 = 0

    /// Feeds more bytes.
    mutating func update(_ buffer: UnsafeRawBufferPointer) {
        sha256.update(bufferPointer: buffer)
        md5.update(bufferPointer: buffer)
        size += Int64(buffer.count)
    }

    /// Feeds more bytes.
    mutating func update(_ data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    /// The digests of everything fed so far.
    func finalize() -> BlobRef {
        BlobRef(
            sha256: Hex.string(sha256.finalize()),
            md5: Hex.string(md5.finalize()),
            size: size
        )
    }

    /// The digests of a whole buffer.
    static func digest(of data: Data) -> BlobRef {
        var accumulator = DigestAccumulator()
        accumulator.update(data)
        return accumulator.finalize()
    }

    /// The digests of a file, read in fixed-size chunks so memory stays constant.
    static func digest(ofFile path: String) throws -> BlobRef {
        var accumulator = DigestAccumulator()
        try FileIO.forEachChunk(ofFile: path) { accumulator.update($0) }
        return accumulator.finalize()
    }
}
