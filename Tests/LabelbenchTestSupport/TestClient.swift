import Foundation

/// One HTTP response, fully read.
public struct HTTPResult: Sendable {
    public let status: Int
    public let headers: [String: String]
    public let body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var text: String { String(decoding: body, as: UTF8.self) }

    /// A header by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }

    /// The body as a JSON object (empty when it is not one).
    public var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    }

    /// The message of an `{"error": {"message": …}}` body, if the body has that shape.
    public var errorMessage: String? {
        (json["error"] as? [String: Any])?["message"] as? String
    }

    /// The value of the session cookie set by this response.
    public var sessionCookie: String? {
        guard let setCookie = header("Set-Cookie"),
            let range = setCookie.range(of: #"labelbench_session=[^;,]*"#, options: .regularExpression)
        else { return nil }
        let value = String(setCookie[range].dropFirst("labelbench_session=".count))
        return value.isEmpty ? nil : value
    }
}

/// One request as a test describes it, before a transport sends it.
struct TestRequest: Sendable {
    let method: String
    let path: String
    let body: Data?
    let headers: [String: String]
}

/// How a request reaches the service: over a loopback socket, or straight into the router.
protocol TestTransport: Sendable {
    func send(_ request: TestRequest) async throws -> HTTPResult
}

/// A cookie-less HTTP client that never follows redirects, so tests see every 303 and set
/// the `Cookie` header themselves (one simulated browser = one cookie value).
public final class TestClient: Sendable {
    private let transport: any TestTransport

    init(transport: any TestTransport) { self.transport = transport }

    /// A client of a live server at `baseURL`.
    public convenience init(baseURL: URL) { self.init(transport: SocketTransport(baseURL: baseURL)) }

    /// Sends one request and reads the whole response.
    public func send(
        _ method: String, _ path: String, body: Data? = nil, headers: [String: String] = [:], token: String? = nil,
        cookie: String? = nil
    ) async throws -> HTTPResult {
        var headers = headers
        if let token { headers["Authorization"] = "Bearer \(token)" }
        if let cookie { headers["Cookie"] = "labelbench_session=\(cookie)" }
        return try await transport.send(TestRequest(method: method, path: path, body: body, headers: headers))
    }

    public func get(_ path: String, token: String? = nil, cookie: String? = nil) async throws -> HTTPResult {
        try await send("GET", path, token: token, cookie: cookie)
    }

    /// POSTs a JSON value (an object or array encoded with `JSONSerialization`).
    public func postJSON(_ path: String, _ body: Any, token: String?) async throws -> HTTPResult {
        let data = try JSONSerialization.data(withJSONObject: body)
        return try await postRaw(path, data, contentType: "application/json", token: token)
    }

    public func postRaw(
        _ path: String, _ body: Data, contentType: String = "application/json", token: String?
    ) async throws -> HTTPResult {
        try await send("POST", path, body: body, headers: ["Content-Type": contentType], token: token)
    }

    /// POSTs an `application/x-www-form-urlencoded` form; repeated names are allowed.
    public func postForm(_ path: String, _ fields: [(String, String)], cookie: String?) async throws -> HTTPResult {
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
