import ArtifactStore
import Foundation
import Hummingbird
import Logging
import NIOCore

/// A file sent as a response body in 128 KB chunks read off the event loops, so a large artifact
/// or export never sits whole in the server's memory.
///
/// The file is opened when this is made, so its path may be removed right after (a scratch
/// export); the bytes stay readable until the body has been sent and the descriptor closes.
///
/// A blob is re-hashed while it is sent, and its last chunk goes out only when the whole blob matched its
/// address: a modified blob ends in a cut connection (shorter than its `Content-Length`) and a log line,
/// never in a complete body a client would trust.
final class StreamedFile: Sendable {
    let size: Int
    private let descriptor: Int32
    private let expected: (sha256: String, path: String, logger: Logger)?
    private static let chunkBytes = 128 * 1024

    /// Opens a stored blob that must hash to `sha256`; an empty file that should not be empty fails here.
    convenience init(blobAt url: URL, sha256: String, logger: Logger) throws {
        try self.init(path: url.path, expected: (sha256, url.path, logger))
        if size == 0 { try BlobCheck(sha256: sha256, path: url.path).finish() }
    }

    /// Opens a file that is sent as it is (a finished export in a scratch folder).
    convenience init(path: String) throws {
        try self.init(path: path, expected: nil)
    }

    private init(path: String, expected: (sha256: String, path: String, logger: Logger)?) throws {
        self.expected = expected
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StreamedFileError(path: path, code: errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw StreamedFileError(path: path, code: code)
        }
        self.descriptor = descriptor
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    var body: ResponseBody {
        ResponseBody(contentLength: size) { writer in
            var offset = 0
            var check = self.expected.map { BlobCheck(sha256: $0.sha256, path: $0.path) }
            while offset < self.size {
                let start = offset
                let chunk = try await offload { try self.read(at: start) }
                offset += chunk.readableBytes
                chunk.withUnsafeReadableBytes { check?.update($0) }
                if offset >= self.size, let expected = self.expected {
                    do {
                        try check?.finish()
                    } catch {
                        expected.logger.error(
                            "blob failed its integrity check while being sent; response cut", metadata: ["error": "\(error)"])
                        throw error
                    }
                }
                try await writer.write(chunk)
            }
            try await writer.finish(nil)
        }
    }

    private func read(at offset: Int) throws -> ByteBuffer {
        var buffer = ByteBuffer()
        let wanted = min(Self.chunkBytes, size - offset)
        let count = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: wanted) { bytes in
            let count = pread(descriptor, bytes.baseAddress, wanted, off_t(offset))
            if count < 0 { throw StreamedFileError(path: "descriptor \(descriptor)", code: errno) }
            return count
        }
        // The file is immutable (a blob or a finished export): a short read means it was cut.
        if count == 0 { throw StreamedFileError(path: "descriptor \(descriptor)", code: EIO) }
        return buffer
    }
}

struct StreamedFileError: Error, CustomStringConvertible {
    let path: String
    let code: Int32
    var description: String { "cannot read \(path): \(String(cString: strerror(code)))" }
}
