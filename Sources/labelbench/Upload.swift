import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A multipart/form-data body of files, built for `import`.
struct MultipartBody {
    let boundary = "labelbench-" + UUID().uuidString
    private(set) var data = Data()

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    mutating func addFile(name: String, contents: Data) {
        let safeName = name.replacingOccurrences(of: "\"", with: "_").replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: "")
        data.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(safeName)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
        data.append(contents)
        data.append(Data("\r\n".utf8))
    }

    mutating func finish() {
        data.append(Data("--\(boundary)--\r\n".utf8))
    }
}

/// Uploads a body while showing progress on a terminal.
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

    /// POSTs `body` and returns status and response body.
    static func post(_ request: URLRequest, body: Data) async throws -> (Int, Data) {
        let delegate = UploadProgress()
        let session = URLSession(configuration: .default, delegate: delegate, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        return try await withCheckedThrowingContinuation { continuation in
            let task = session.uploadTask(with: request, from: body) { data, response, error in
                if let error {
                    continuation.resume(throwing: error)
                } else {
                    continuation.resume(returning: ((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data()))
                }
            }
            task.resume()
        }
    }
}
