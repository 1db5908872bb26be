import Foundation
import NIOCore

/// A multipart/form-data body of files, written to a temporary file as it is built so the CLI
/// never holds a large upload in memory.
final class MultipartBody {
    let boundary = "labelbench-" + UUID().uuidString
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("labelbench-upload-\(UUID().uuidString)")
    private let handle: FileHandle

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    init() throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw APIClient.Failure(description: "cannot create a temporary file in \(url.deletingLastPathComponent().path)")
        }
        handle = try FileHandle(forWritingTo: url)
    }

    deinit {
        try? handle.close()
        try? FileManager.default.removeItem(at: url)
    }

    /// Appends one file part, copying the file in chunks.
    func addFile(name: String, from source: URL) throws {
        let safeName = name.replacingOccurrences(of: "\"", with: "_").replacingOccurrences(of: "\r", with: "")
            .replacingOccurrences(of: "\n", with: "")
        try handle.write(
            contentsOf: Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(safeName)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    .utf8))
        let input = try FileHandle(forReadingFrom: source)
        defer { try? input.close() }
        while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
            try handle.write(contentsOf: chunk)
        }
        try handle.write(contentsOf: Data("\r\n".utf8))
    }

    func finish() throws {
        try handle.write(contentsOf: Data("--\(boundary)--\r\n".utf8))
        try handle.close()
    }
}

/// A file as an upload body, read in 1 MiB chunks; progress is shown on a terminal as chunks are
/// handed to the connection.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let url: URL
    let size: Int64

    init(_ url: URL) throws {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber else {
            throw APIClient.Failure(description: "cannot read \(url.path)")
        }
        self.url = url
        self.size = size.int64Value
    }

    func makeAsyncIterator() -> Iterator { Iterator(url: url, size: size) }

    struct Iterator: AsyncIteratorProtocol {
        let url: URL
        let size: Int64
        private var handle: FileHandle?
        private var sent: Int64 = 0
        private var finished = false

        init(url: URL, size: Int64) {
            self.url = url
            self.size = size
        }

        mutating func next() async throws -> ByteBuffer? {
            if finished { return nil }
            if handle == nil { handle = try FileHandle(forReadingFrom: url) }
            guard let chunk = try handle?.read(upToCount: 1 << 20), !chunk.isEmpty else {
                finished = true
                try handle?.close()
                return nil
            }
            sent += Int64(chunk.count)
            if size > 1 << 20 { Console.progress("uploading", done: Int(sent >> 10), total: Int(size >> 10)) }
            return ByteBuffer(data: chunk)
        }
    }
}
