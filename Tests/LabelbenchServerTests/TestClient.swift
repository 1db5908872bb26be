import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One HTTP response, fully read.
struct HTTPResult: Sendable {
    let status: Int
    let headers: [String: String]
    let body: Data

    var text: String { String(decoding: body, as: UTF8.self) }

    /// A header by case-insensitive name.
    func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }

    /// The body as a JSON object (empty when it is not one).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    }

    /// The message of an `{"error": {"message": …}}` body, if the body has that shape.
    var errorMessage: String? {
        (json["error"] as? [String: Any])?["message"] as? String
    }

    /// The value of the session cookie set by this response.
    var sessionCookie: String? {
        guard let setCookie = header("Set-Cookie"),
            let range = setCookie.range(of: #"labelbench_session=[^;,]*"#, options: .regularExpression)
        else { return nil }
        let value = String(setCookie[range].dropFirst("labelbench_session=".count))
        return value.isEmpty ? nil : value
    }
}

/// A cookie-less HTTP client that never follows redirects, so tests see every 303 and set
/// the `Cookie` header themselves (one simulated browser = one cookie value).
final class TestClient: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
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

    /// Sends one request and reads the whole response.
    func send(
        _ method: String, _ path: String, body: Data? = nil, headers: [String: String] = [:], token: String? = nil,
        cookie: String? = nil
    ) async throws -> HTTPResult {
        guard let url = URL(string: path, relativeTo: baseURL) else { throw TestFailure("bad path \(path)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let cookie { request.setValue("labelbench_session=\(cookie)", forHTTPHeaderField: "Cookie") }
        let session = self.session!
        return try await withCheckedThrowingContinuation { continuation in
            let task = session.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: error)
                    return
                }
                guard let http = response as? HTTPURLResponse else {
                    continuation.resume(throwing: TestFailure("no HTTP response for \(method) \(path)"))
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

    func get(_ path: String, token: String? = nil, cookie: String? = nil) async throws -> HTTPResult {
        try await send("GET", path, token: token, cookie: cookie)
    }

    /// POSTs a JSON value (an object or array encoded with `JSONSerialization`).
    func postJSON(_ path: String, _ body: Any, token: String?) async throws -> HTTPResult {
        let data = try JSONSerialization.data(withJSONObject: body)
        return try await postRaw(path, data, contentType: "application/json", token: token)
    }

    func postRaw(
        _ path: String, _ body: Data, contentType: String = "application/json", token: String?
    ) async throws -> HTTPResult {
        try await send("POST", path, body: body, headers: ["Content-Type": contentType], token: token)
    }

    /// POSTs an `application/x-www-form-urlencoded` form; repeated names are allowed.
    func postForm(_ path: String, _ fields: [(String, String)], cookie: String?) async throws -> HTTPResult {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        let body = fields.map { name, value in
            let n = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name
            let v = (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)
            return n + "=" + v
        }.joined(separator: "&")
        return try await send(
            "POST", path, body: Data(body.utf8), headers: ["Content-Type": "application/x-www-form-urlencoded"], cookie: cookie)
    }
}
