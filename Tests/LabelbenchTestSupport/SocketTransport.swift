import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Requests over a real loopback connection (URLSession), for tests that need a socket: crashes, the CLI,
/// connection limits, concurrency across connections. Never follows redirects and keeps no cookies.
final class SocketTransport: NSObject, TestTransport, URLSessionTaskDelegate, @unchecked Sendable {
    let baseURL: URL
    private var session: URLSession!

    init(baseURL: URL) {
        self.baseURL = baseURL
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = 300
        configuration.timeoutIntervalForResource = 600
        configuration.httpMaximumConnectionsPerHost = 32
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
    }

    deinit { session.invalidateAndCancel() }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func send(_ request: TestRequest) async throws -> HTTPResult {
        guard let url = URL(string: request.path, relativeTo: baseURL) else { throw TestFailure("bad path \(request.path)") }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        urlRequest.httpBody = request.body
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        let session = self.session!
        return try await withCheckedThrowingContinuation { continuation in
            let task = session.dataTask(with: urlRequest) { data, response, error in
                if let error {
                    continuation.resume(throwing: error)
                    return
                }
                guard let http = response as? HTTPURLResponse else {
                    continuation.resume(throwing: TestFailure("no HTTP response for \(request.method) \(request.path)"))
                    return
                }
                var fields: [String: String] = [:]
                for (key, value) in http.allHeaderFields {
                    fields[String(describing: key)] = String(describing: value)
                }
                continuation.resume(returning: HTTPResult(status: http.statusCode, headers: fields, body: data ?? Data()))
            }
            task.resume()
        }
    }
}
