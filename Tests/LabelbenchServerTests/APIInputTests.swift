import Foundation
import Hummingbird
import HummingbirdTesting
import LabelbenchCore
import LabelbenchServer
import Logging
import Testing

/// The API's typed bodies (hardening findings 9 and 11, and issue 11's GET → PUT round trip),
/// through the in-process router.
@Suite struct APIInputTests {
    /// A fresh install with a practitioner `pat`, an annotator `ann` and a task `t` of three items.
    static func withAPI(_ body: @Sendable (any TestClientProtocol, String, String) async throws -> Void) async throws {
        let root = try TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = DataFolder(path: root.appendingPathComponent("data").path)
        let database = try folder.openDatabase()
        _ = try database.createUser(name: "pat", role: .practitioner, password: nil)
        _ = try database.createUser(name: "ann", role: .annotator, password: nil)
        let task = try database.createTask(
            TaskDefinition(
                name: "t", title: "T", labels: [TaskLabel(name: "yes"), TaskLabel(name: "no")], overlap: 1, annotators: ["ann"]),
            by: nil)
        _ = try await database.importItems(
            ItemFileParser.parse(
                Data("{\"id\":\"i0\",\"text\":\"a\"}\n{\"id\":\"i1\",\"text\":\"b\"}\n".utf8), fileName: "i.jsonl"), into: task)
        let (pat, ann) = (try database.createToken(forUser: "pat"), try database.createToken(forUser: "ann"))
        var logger = Logger(label: "labelbench-test")
        logger.logLevel = .error
        let config = ServerConfig(host: "127.0.0.1", port: 0, resourcesPath: TestServer.repositoryRoot().path)
        let app = try await buildApplication(config: config, database: database, dataFolder: folder, logger: logger)
        try await app.test(.router) { client in try await body(client, pat, ann) }
    }

    static func send(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, _ body: String?, token: String
    ) async throws -> (status: Int, text: String) {
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        if body != nil { headers[.contentType] = "application/json" }
        let response = try await client.execute(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return (response.status.code, String(buffer: response.body))
    }

    @Test func aTaskReadWithGetCanBeSentBackWithPut() async throws {
        try await Self.withAPI { client, pat, _ in
            let read = try await Self.send(client, .get, "/api/v1/tasks/t", nil, token: pat)
            #expect(read.status == 200)
            #expect(read.text.contains("\"guideline_version\":1"))
            var edited = try #require(try JSONSerialization.jsonObject(with: Data(read.text.utf8)) as? [String: Any])
            edited["title"] = "T, edited"
            let body = String(decoding: try JSONSerialization.data(withJSONObject: edited), as: UTF8.self)
            let put = try await Self.send(client, .put, "/api/v1/tasks/t", body, token: pat)
            #expect(put.status == 200, "\(put.text)")
            #expect(put.text.contains("T, edited"))
        }
    }

    @Test func badBodiesNameTheirField() async throws {
        try await Self.withAPI { client, pat, ann in
            let cases: [(HTTPRequest.Method, String, String, String, String)] = [
                (.post, "tasks/t/exports", #"{"include_unlabeled": "yes"}"#, pat, "include_unlabeled:"),
                (.post, "tasks", #"{"name": "n", "overlap": 2.5, "labels": [{"name": "a"}, {"name": "b"}]}"#, pat, "overlap:"),
                (
                    .post, "tasks", #"{"name": "n", "name": "m", "labels": [{"name": "a"}, {"name": "b"}]}"#, pat,
                    "name: given twice"
                ),
                (
                    .post, "tasks", #"{"name": "n", "title": "cut\u0000here", "labels": [{"name": "a"}, {"name": "b"}]}"#, pat,
                    "title: contains a NUL"
                ),
                (.post, "tasks/t/annotations", #"{"item": "i0", "label": "yes", "label": "no"}"#, ann, "label: given twice"),
                (
                    .post, "tasks/t/annotations", #"{"item": "i0", "label": "yes", "request_id": "r\u0000"}"#, ann,
                    "request_id: contains a NUL"
                ),
                (
                    .put, "tasks/t/adjudications", #"{"item": "i0", "label": "yes", "note": "a\u0000b"}"#, pat,
                    "note: contains a NUL"
                ),
                (.put, "tasks/t/adjudications", #"{"item": "i0", "label": "yes", "item": "i1"}"#, pat, "item: given twice"),
                (.post, "tasks/t/relabel", #"{"items": ["i0"], "extra": 1}"#, pat, "relabel: unknown field"),
                (.post, "tasks/t/skip", #"{"item": 5}"#, ann, "item:"),
                (
                    .post, "tasks/t/annotations/import",
                    #"{"item": "i0", "annotator": "ann", "label": "yes", "guideline_version": 1e300}"#, pat,
                    "annotations line 1: guideline_version:"
                ),
            ]
            for (method, path, body, token, expected) in cases {
                let result = try await Self.send(client, method, "/api/v1/" + path, body, token: token)
                #expect(
                    (400..<500).contains(result.status) && result.text.contains(expected),
                    "\(path) \(body): \(result.status) \(result.text)")
            }
            #expect(try await Self.send(client, .get, "/api/v1/tasks/t/annotations", nil, token: pat).text.isEmpty)
        }
    }

    @Test func relabelIsDescribedInTheOpenAPIDocument() async throws {
        try await Self.withAPI { client, pat, _ in
            let document = try await Self.send(client, .get, "/api/v1/openapi.json", nil, token: pat)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(document.text.utf8)) as? [String: Any])
            let paths = try #require(json["paths"] as? [String: Any])
            #expect(paths["/tasks/{task}/relabel"] != nil)
        }
    }
}
