import Foundation

/// A lease as `GET …/next` returns it.
public struct NextItem: Sendable {
    public let item: String
    public let lease: String
    public let body: String
}

/// Typed helpers for the JSON API, one per endpoint.
extension TestClient {
    /// `POST /api/v1/tasks/TASK/items` with a JSONL (or CSV) body.
    public func importItems(_ task: String, _ body: String, csv: Bool = false, token: String) async throws -> HTTPResult {
        try await postRaw(
            "/api/v1/tasks/\(task)/items", Data(body.utf8), contentType: csv ? "text/csv" : "application/x-ndjson", token: token)
    }

    /// JSONL text for `count` plain text items `prefix0…`.
    public static func itemLines(_ count: Int, prefix: String = "i") -> String {
        (0..<count).map { #"{"id":"\#(prefix)\#($0)","text":"item number \#($0)"}"# }.joined(separator: "\n") + "\n"
    }

    /// `GET /api/v1/tasks/TASK/next`: the leased item, or nil on 204. Any other status fails the test.
    public func next(_ task: String, token: String) async throws -> NextItem? {
        let result = try await get("/api/v1/tasks/\(task)/next", token: token)
        if result.status == 204 { return nil }
        guard result.status == 200, let item = result.json["item"] as? [String: Any], let id = item["id"] as? String,
            let lease = result.json["lease"] as? String
        else { throw TestFailure("next: unexpected \(result.status) \(result.text)") }
        return NextItem(item: id, lease: lease, body: result.text)
    }

    /// `POST /api/v1/tasks/TASK/annotations`.
    public func submit(
        _ task: String, item: String, label: Any, lease: String? = nil, requestID: String? = nil, token: String
    ) async throws -> HTTPResult {
        var body: [String: Any] = ["item": item, "label": label]
        if let lease { body["lease"] = lease }
        if let requestID { body["request_id"] = requestID }
        return try await postJSON("/api/v1/tasks/\(task)/annotations", body, token: token)
    }

    /// `GET /api/v1/tasks/TASK/annotations` parsed from JSON Lines.
    public func annotations(_ task: String, token: String) async throws -> [[String: Any]] {
        let result = try await get("/api/v1/tasks/\(task)/annotations", token: token)
        guard result.status == 200 else { throw TestFailure("annotations: unexpected \(result.status) \(result.text)") }
        return try result.text.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw TestFailure("annotations: a line is not an object: \(line)")
            }
            return object
        }
    }

    /// Labels next items until the queue answers 204; returns the items this annotator labeled.
    public func labelUntilDone(_ task: String, token: String, label: String = "yes", limit: Int = 10_000) async throws -> [String]
    {
        var done: [String] = []
        for _ in 0..<limit {
            guard let next = try await next(task, token: token) else { return done }
            let result = try await submit(
                task, item: next.item, label: label, lease: next.lease, requestID: UUID().uuidString, token: token)
            guard result.status == 201 || result.status == 200 else {
                throw TestFailure("submit: unexpected \(result.status) \(result.text)")
            }
            done.append(next.item)
        }
        throw TestFailure("the queue never ran dry after \(limit) items")
    }
}
