import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A multipart/form-data body of files, written to a temporary file as it is built so the CLI
/// never holds a large upload in memory (and URLSession uploads from a file far more cheaply).
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
        try handle.write(contentsOf: Data(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(safeName)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
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

/// Uploads a file body while showing progress on a terminal.
final class UploadProgress: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    // Only touched from the session's serial delegate queue.
    private var lastPercent = -1

    func urlSession(_ session: URLSession, task: URLSessionTask, didSendBodyData bytesSent: Int64, totalBytesSent: Int64, totalBytesExpectedToSend: Int64) {
        guard totalBytesExpectedToSend > 1 << 20 else { return }
        let percent = Int(Double(totalBytesSent) / Double(totalBytesExpectedToSend) * 100)
        if percent != lastPercent {
            lastPercent = percent
            Console.progress("uploading", done: Int(totalBytesSent >> 10), total: Int(totalBytesExpectedToSend >> 10))
        }
    }

    /// POSTs the file at `body` and returns status and response body.
    static func post(_ request: URLRequest, bodyFile: URL) async throws -> (Int, Data) {
        let session = URLSession(
            configuration: .default, delegate: Console.isInteractive ? UploadProgress() : nil, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        return try await withCheckedThrowingContinuation { continuation in
            let task = session.uploadTask(with: request, fromFile: bodyFile) { data, response, error in
                if let error {
                    continuation.resume(throwing: APIClient.Failure(description: "upload failed: \(error.localizedDescription)"))
                } else {
                    continuation.resume(returning: ((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data()))
                }
            }
            task.resume()
        }
    }
}
