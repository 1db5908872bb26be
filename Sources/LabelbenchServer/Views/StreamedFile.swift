import Foundation
import Hummingbird
import NIOCore

/// A file sent as a response body in 128 KB chunks read off the event loops, so a large artifact
/// or export never sits whole in the server's memory.
///
/// The file is opened when this is made, so its path may be removed right after (a scratch
/// export); the bytes stay readable until the body has been sent and the descriptor closes.
final class StreamedFile: Sendable {
    let size: Int
    private let descriptor: Int32
    private static let chunkBytes = 128 * 1024

    init(path: String) throws {
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
            while offset < self.size {
                let start = offset
                let chunk = try await offload { try self.read(at: start) }
                offset += chunk.readableBytes
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
