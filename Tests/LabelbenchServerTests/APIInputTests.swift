import Foundation
import Hummingbird
import LabelbenchCore
import LabelbenchServer
import Logging
import Testing

/// The API's typed bodies (hardening findings 9 and 11, and issue 11's GET → PUT round trip),
/// through the in-process router.
@Suite struct APIInputTests {
    /// A fresh install with a practitioner `pat`, an annotator `ann` and a task `t` of three items.
    static func withAPI(_ body: @Sendable (TestClient, String, String) async throws -> Void) async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let ann = try await server.addUser("ann", role: .annotator)
            let task = try await server.database.createTask(
                TaskDefinition(
                    name: "t", title: "T", labels: [TaskLabel(name: "yes"), TaskLabel(name: "no")], overlap: 1,
                    annotators: ["ann"]),
                by: nil)
            _ = try await server.database.importItems(
                ItemFileParser.parse(
                    Data("{\"id\":\"i0\",\"text\":\"a\"}\n{\"id\":\"i1\",\"text\":\"b\"}\n".utf8), fileName: "i.jsonl"),
                into: task)
            try await body(server.client, pat.token, ann.token)
        }
    }

    static func send(
        _ client: TestClient, _ method: HTTPRequest.Method, _ path: String, _ body: String?,
        token: String
    ) async throws -> (status: Int, text: String) {
        let result = try await client.send(
            method.rawValue, path, body: body.map { Data($0.utf8) },
            headers: body == nil ? [:] : ["Content-Type": "application/json"], token: token)
        return (result.status, result.text)
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
