import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A small HTTP client for the service's JSON API, on AsyncHTTPClient.
///
/// URLSession on Linux kept a core busy polling while it waited for an answer (taking it from a
/// server on the same machine), and linking it put libcurl and its two dozen libraries into the
/// server's process as well, since `labelbench serve` is the same executable.
struct APIClient: Sendable {
    let base: URL
    let token: String

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// A long import or export is one request; the server answers when the work is done.
    static let timeout = TimeAmount.hours(1)

    /// One client for the process. A failed connection is reported at once rather than retried
    /// with backoff: a person is waiting, and a refused connection means no server is listening.
    static let http: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(10)
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// Sends a request and returns status, body and headers; a status outside `accept` becomes a
    /// `Failure` carrying the server's message.
    @discardableResult
    func send(
        _ method: String, _ path: String, body: Data? = nil, contentType: String = "application/json",
        accept: Set<Int> = [200, 201, 204]
    ) async throws -> (status: Int, data: Data, headers: [String: String]) {
        var request = try makeRequest(method, path)
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(data: body))
        }
        return try await execute(request, accept: accept)
    }

    /// POSTs a file, streamed from disk in chunks so a large upload never sits in memory, showing
    /// progress on a terminal.
    func upload(
        _ path: String, file: URL, contentType: String, headers: [(String, String)] = [], accept: Set<Int> = [200, 201]
    ) async throws -> (status: Int, data: Data, headers: [String: String]) {
        var request = try makeRequest("POST", path)
        request.headers.add(name: "Content-Type", value: contentType)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let chunks = try FileChunks(file)
        request.body = .stream(chunks, length: .known(chunks.size))
        return try await execute(request, accept: accept)
    }

    private func makeRequest(_ method: String, _ path: String) throws -> HTTPClientRequest {
        let url = base.absoluteString.trimmingSuffix("/") + "/api/v1" + path
        guard URL(string: url) != nil else { throw Failure(description: "invalid path \(path)") }
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        return request
    }

    private func execute(
        _ request: HTTPClientRequest, accept: Set<Int>
    ) async throws -> (status: Int, data: Data, headers: [String: String]) {
        let status: Int
        let body: ByteBuffer
        var headers: [String: String] = [:]
        do {
            let response = try await Self.http.execute(request, timeout: Self.timeout)
            status = Int(response.status.code)
            for header in response.headers { headers[header.name.lowercased()] = header.value }
            body = try await response.body.collect(upTo: Int.max)
        } catch {
            throw Failure(description: "cannot reach \(base.absoluteString): \(ConnectionProblem.reason(error))")
        }
        let data = Data(buffer: body)
        if !accept.contains(status) { throw Self.failure(status: status, body: data) }
        return (status, data, headers)
    }

    /// Sends a request (with a JSON body, if any) and streams a 200 answer's body into a new file,
    /// so a large download never sits in memory; shows progress on a terminal when `label` is given.
    func download(_ method: String, _ path: String, body: Data? = nil, to file: URL, label: String? = nil) async throws {
        var request = try makeRequest(method, path)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: body))
        }
        let response: HTTPClientResponse
        do {
            response = try await Self.http.execute(request, timeout: Self.timeout)
        } catch {
            throw Failure(description: "cannot reach \(base.absoluteString): \(ConnectionProblem.reason(error))")
        }
        let status = Int(response.status.code)
        guard status == 200 else {
            throw Self.failure(status: status, body: Data(buffer: try await response.body.collect(upTo: 1 << 20)))
        }
        guard FileManager.default.createFile(atPath: file.path, contents: nil), let handle = try? FileHandle(forWritingTo: file)
        else {
            throw Failure(description: "cannot write \(file.path)")
        }
        defer { try? handle.close() }
        let total = response.headers.first(name: "Content-Length").flatMap(Int.init) ?? 0
        var received = 0
        var chunks = response.body.makeAsyncIterator()
        while true {
            let next: ByteBuffer?
            do {
                next = try await chunks.next()
            } catch {
                // The server cuts a file it finds damaged while sending it; say so in bytes, not in the parser's words.
                throw Failure(description: "the server stopped sending after \(received) of \(total) bytes")
            }
            guard let chunk = next else { break }
            do { try handle.write(contentsOf: chunk.readableBytesView) } catch {
                throw Failure(description: "cannot write \(file.path): \(error)")
            }
            received += chunk.readableBytes
            if let label { Console.progress(label, done: received, total: total) }
        }
        if total > 0, received != total { throw Failure(description: "the answer ended after \(received) of \(total) bytes") }
    }

    /// The server's own message for a refused request, with its status.
    private static func failure(status: Int, body: Data) -> Failure {
        let message = (try? JSONSerialization.jsonObject(with: body) as? [String: Any])
            .flatMap { ($0["error"] as? [String: Any])?["message"] as? String }
        return Failure(description: message.map { "\($0) (HTTP \(status))" } ?? "HTTP \(status)")
    }

    /// Decodes a JSON object response.
    func json(
        _ method: String, _ path: String, body: Data? = nil, contentType: String = "application/json"
    ) async throws -> [String: Any] {
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
