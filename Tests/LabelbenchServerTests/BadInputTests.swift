import Foundation
import LabelbenchCore
import Testing

/// No input produces a 5xx: each bad body gets a 4xx `{"error":{"message":…}}` and changes nothing.
@Suite struct BadInputTests {
    static let tenMegabytes = String(repeating: "x", count: 10 << 20)

    static let annotationBodies: [(String, Data)] = [
        ("malformed JSON", Data(#"{"item": "i0", "label": "#.utf8)),
        ("empty body", Data()),
        ("JSON null", Data("null".utf8)),
        ("JSON array", Data(#"["i0", "yes"]"#.utf8)),
        ("wrong item type", Data(#"{"item": 5, "label": "yes"}"#.utf8)),
        ("wrong label type", Data(#"{"item": "i0", "label": {"a": 1}}"#.utf8)),
        ("label as number", Data(#"{"item": "i0", "label": 3}"#.utf8)),
        ("missing label", Data(#"{"item": "i0"}"#.utf8)),
        ("unknown label", Data(#"{"item": "i0", "label": "maybe"}"#.utf8)),
        ("huge seconds", Data(#"{"item": "i0", "label": "yes", "seconds": 1e400}"#.utf8)),
        ("huge integer seconds", Data(#"{"item": "i0", "label": "yes", "seconds": 123456789012345678901234567890}"#.utf8)),
        ("negative seconds", Data(#"{"item": "i0", "label": "yes", "seconds": -1}"#.utf8)),
        ("wrong request_id type", Data(#"{"item": "i0", "label": "yes", "request_id": 7}"#.utf8)),
        ("unknown field", Data(#"{"item": "i0", "label": "yes", "admin": true}"#.utf8)),
        ("invalid UTF-8", Data([0x7B, 0x22, 0x69, 0x74, 0x65, 0x6D, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D])),
        ("unknown item", Data(#"{"item": "no-such-item", "label": "yes"}"#.utf8)),
        ("right-to-left item id", Data(#"{"item": "\u202Ei0\u0301", "label": "yes"}"#.utf8)),
        ("10 MB label", Data(#"{"item": "i0", "label": "\#(tenMegabytes)"}"#.utf8)),
    ]

    static let taskBodies: [(String, Data)] = [
        ("malformed JSON", Data("{\"name\": ".utf8)),
        ("empty body", Data()),
        ("wrong types", Data(#"{"name": 5, "labels": "yes,no"}"#.utf8)),
        ("huge overlap", Data(#"{"name": "huge", "labels": [{"name": "a"}, {"name": "b"}], "overlap": 1e300}"#.utf8)),
        (
            "huge integer",
            Data(#"{"name": "huge", "labels": [{"name": "a"}, {"name": "b"}], "lease_seconds": 99999999999999999999999}"#.utf8)
        ),
        ("out of range", Data(#"{"name": "range", "labels": [{"name": "a"}, {"name": "b"}], "overlap": 0}"#.utf8)),
        ("unknown field", Data(#"{"name": "unknown", "labels": [{"name": "a"}, {"name": "b"}], "owner": "root"}"#.utf8)),
        ("invalid UTF-8", Data([0x7B, 0x22, 0x6E, 0x61, 0x6D, 0x65, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D])),
        ("10 MB label name", Data(#"{"name": "big", "labels": [{"name": "\#(tenMegabytes)"}, {"name": "b"}]}"#.utf8)),
        (
            "long label name",
            Data(#"{"name": "long", "labels": [{"name": "\#(String(repeating: "é", count: 5000))"}, {"name": "b"}]}"#.utf8)
        ),
    ]

    static let itemBodies: [(String, Data)] = [
        ("empty body", Data()),
        ("invalid UTF-8", Data([0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D, 0x0A])),
        ("not objects", Data("[1,2,3]\n".utf8)),
        ("unknown field", Self.line(#"{"id": "n1", "text": "t", "secret": 1}"#)),
        ("10 MB gold label", Self.line(#"{"id": "n1", "text": "t", "gold": "\#(tenMegabytes)"}"#)),
        ("huge id", Self.line(#"{"id": 1e400, "text": "t"}"#)),
    ]

    static func line(_ text: String) -> Data { Data((text + "\n").utf8) }

    static func expectClientError(_ result: HTTPResult, _ what: String) {
        #expect((400..<500).contains(result.status), "\(what): \(result.status) \(result.text.prefix(300))")
        #expect(result.errorMessage?.isEmpty == false, "\(what): \(result.text.prefix(300))")
    }

    @Test func badAnnotationBodies() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let ann = try await server.addUser("ann", role: .annotator)
            try await server.addTask("bad", annotators: ["ann"])
            #expect(try await server.client.importItems("bad", TestClient.itemLines(2), token: pat.token).status == 201)
            _ = try #require(try await server.client.next("bad", token: ann.token))
            for (what, body) in Self.annotationBodies {
                let result = try await server.client.postRaw("/api/v1/tasks/bad/annotations", body, token: ann.token)
                Self.expectClientError(result, what)
            }
            #expect(try server.count("annotation") == 0)
        }
    }

    @Test func badTaskBodies() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            for (what, body) in Self.taskBodies {
                let result = try await server.client.postRaw("/api/v1/tasks", body, token: pat.token)
                Self.expectClientError(result, what)
            }
            #expect(try server.count("task") == 0)
        }
    }

    @Test func badItemBodies() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            try await server.addTask("items")
            for (what, body) in Self.itemBodies {
                let result = try await server.client.postRaw(
                    "/api/v1/tasks/items/items", body, contentType: "application/x-ndjson", token: pat.token)
                Self.expectClientError(result, what)
            }
            #expect(try server.count("item") == 0)
        }
    }

    @Test func badQueryParameters() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            try await server.addTask("query")
            for path in [
                "/api/v1/tasks/query/aggregate?method=bogus", "/api/v1/tasks/query/agreement?level=bogus",
                "/api/v1/tasks/%FF%FE/next", "/api/v1/tasks/\(String(repeating: "a", count: 5000))",
            ] {
                let result = try await server.client.get(path, token: pat.token)
                Self.expectClientError(result, path.prefix(60).description)
            }
        }
    }
}
