import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A small HTTP client for the service's JSON API.
struct APIClient: Sendable {
    let base: URL
    let token: String

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends a request and returns status, body and headers; a 4xx/5xx becomes a `Failure`
    /// carrying the server's message.
    @discardableResult
    func send(
        _ method: String, _ path: String, body: Data? = nil, contentType: String = "application/json",
        accept: Set<Int> = [200, 201, 204], progress: Progress? = nil
    ) async throws -> (status: Int, data: Data, headers: [String: String]) {
        guard let url = URL(string: base.absoluteString.trimmingSuffix("/") + "/api/v1" + path) else {
            throw Failure(description: "invalid path \(path)")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.timeoutInterval = 3600
        if let body {
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
            request.httpBody = body
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw Failure(description: "cannot reach \(base.absoluteString): \(error.localizedDescription)")
        }
        guard let http = response as? HTTPURLResponse else { throw Failure(description: "no HTTP response") }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields { headers[String(describing: key).lowercased()] = String(describing: value) }
        if !accept.contains(http.statusCode) {
            let message = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])
                .flatMap { ($0["error"] as? [String: Any])?["message"] as? String }
            throw Failure(description: message.map { "\($0) (HTTP \(http.statusCode))" } ?? "HTTP \(http.statusCode)")
        }
        return (http.statusCode, data, headers)
    }

    /// Decodes a JSON object response.
    func json(_ method: String, _ path: String, body: Data? = nil, contentType: String = "application/json") async throws -> [String: Any] {
        let result = try await send(method, path, body: body, contentType: contentType)
        return (try? JSONSerialization.jsonObject(with: result.data) as? [String: Any]) ?? [:]
    }

    /// Percent-encodes one path segment (task and artifact names are already restricted; this is belt and braces).
    static func segment(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.:"))) ?? value
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}

/// Messages for people go to stderr; stdout stays clean for pipes.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("labelbench: \(message)\n".utf8))
    }

    static func status(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Whether stderr is a terminal, so progress is shown only where a person watches.
    static var isInteractive: Bool { isatty(2) != 0 }

    static func progress(_ label: String, done: Int, total: Int) {
        guard isInteractive, total > 0 else { return }
        let percent = Int(Double(done) / Double(total) * 100)
        FileHandle.standardError.write(Data("\r\(label) \(percent)% (\(done)/\(total))\u{1B}[K".utf8))
        if done >= total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
