import Foundation
import Hummingbird
import LabelbenchCore
import LabelbenchServer
import Testing

/// `answer: spans` over the API: authoring a span task, submitting span lists (offsets in code
/// points) and importing them, through the in-process router.
@Suite struct SpanAPITests {
    /// Ünïcode with a combining accent, an emoji outside the BMP and CJK: 14 code points, 15 UTF-16 units.
    static let text = "Jose\u{301} \u{1F600} 東京 Ltd"

    static func withSpanTask(_ body: @Sendable (TestClient, String, String) async throws -> Void) async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let ann = try await server.addUser("ann", role: .annotator)
            let created = try await APIInputTests.send(
                server.client, .post, "/api/v1/tasks",
                #"{"name": "ner", "answer": "spans", "annotators": ["ann"], "labels": [{"name": "PER", "key": "p"}, {"name": "LOC", "key": "l"}]}"#,
                token: pat.token)
            #expect(created.status == 201, "\(created.text)")
            let owner = try #require(try server.database.user(named: "pat"))
            let task = try await server.database.task(named: "ner", visibleTo: owner)
            let line = try JSONSerialization.data(withJSONObject: ["id": "n0", "text": text])
            _ = try await server.database.importItems(
                ItemFileParser.parse(line + Data("\n{\"id\":\"n1\",\"text\":\"no one\"}\n".utf8), fileName: "i.jsonl"),
                into: task)
            try await body(server.client, pat.token, ann.token)
        }
    }

    @Test func spansAreRefusedForImageTasksNamingTheAnswer() async throws {
        try await Self.withSpanTask { client, pat, _ in
            let result = try await APIInputTests.send(
                client, .post, "/api/v1/tasks",
                #"{"name": "img", "kind": "image", "answer": "spans", "labels": [{"name": "a"}, {"name": "b"}]}"#, token: pat)
            #expect(result.status == 422 && result.text.contains("answer: spans mark ranges of a text item"), "\(result.text)")
            let read = try await APIInputTests.send(client, .get, "/api/v1/tasks/ner", nil, token: pat)
            #expect(read.text.contains(#""answer":"spans""#), "\(read.text)")
        }
    }

    @Test func aSpanListIsStoredSortedAndReturnedAsSent() async throws {
        try await Self.withSpanTask { client, pat, ann in
            let body =
                #"{"item": "n0", "label": [{"start": 11, "end": 14, "label": "PER"}, {"start": 0, "end": 5, "label": "PER"}, {"start": 6, "end": 7, "label": "LOC"}]}"#
            let first = try await APIInputTests.send(client, .post, "/api/v1/tasks/ner/annotations", body, token: ann)
            #expect(first.status == 201, "\(first.text)")
            let sorted =
                #"[{"start":0,"end":5,"label":"PER"},{"start":6,"end":7,"label":"LOC"},{"start":11,"end":14,"label":"PER"}]"#
            let again = try await APIInputTests.send(client, .post, "/api/v1/tasks/ner/annotations", body, token: ann)
            #expect(again.status == 200, "\(again.text)")
            let none = try await APIInputTests.send(
                client, .post, "/api/v1/tasks/ner/annotations", #"{"item": "n1", "label": []}"#, token: ann)
            #expect(none.status == 201, "\(none.text)")
            let listed = try await APIInputTests.send(client, .get, "/api/v1/tasks/ner/annotations", nil, token: pat)
            let rows = listed.text.split(separator: "\n").map(String.init)
            #expect(rows.count == 2)
            #expect(rows.first.map { $0.contains(#""label":"# + sorted) } == true, "\(listed.text)")
            #expect(rows.last.map { $0.contains(#""label":[]"#) } == true, "\(listed.text)")
            // The stored offsets slice the intended characters, counted as Python counts them.
            let stored = try #require(try JSONSerialization.jsonObject(with: Data(rows[0].utf8)) as? [String: Any])
            let spans = try #require(stored["label"] as? [[String: Any]])
            let scalars = Array(Self.text.unicodeScalars)
            let slices = spans.map { span in
                String(String.UnicodeScalarView(scalars[(span["start"] as! Int)..<(span["end"] as! Int)]))
            }
            #expect(slices == ["Jose\u{301}", "\u{1F600}", "Ltd"])
        }
    }

    @Test func badSpanListsAre422NamingTheSpanAndStoreNothing() async throws {
        try await Self.withSpanTask { client, pat, ann in
            let cases: [(String, String)] = [
                (
                    #"[{"start": 0, "end": 5, "label": "PER"}, {"start": 4, "end": 7, "label": "LOC"}]"#,
                    #"span 2 (start 4, end 7, label \"LOC\") overlaps span 1 (start 0, end 5, label \"PER\")"#
                ),
                // UTF-16 would count 15 units and let this through.
                (
                    #"[{"start": 11, "end": 15, "label": "PER"}]"#,
                    #"span (start 11, end 15, label \"PER\") ends past the text's 14 characters"#
                ),
                (
                    #"[{"start": 2, "end": 2, "label": "PER"}]"#,
                    "span 1 (start 2, end 2, label \\\"PER\\\"): end must be greater than start"
                ),
                (
                    #"[{"start": 0, "end": 2, "label": "ORG"}]"#,
                    #"span 1 (start 0, end 2, label \"ORG\"): \"ORG\" is not one of the task's labels"#
                ),
                (#""PER""#, "label: expected a list of spans"),
            ]
            for (label, expected) in cases {
                let result = try await APIInputTests.send(
                    client, .post, "/api/v1/tasks/ner/annotations", #"{"item": "n0", "label": "# + label + "}", token: ann)
                #expect(result.status == 422 && result.text.contains(expected), "\(label): \(result.status) \(result.text)")
            }
            #expect(try await APIInputTests.send(client, .get, "/api/v1/tasks/ner/annotations", nil, token: pat).text.isEmpty)
        }
    }

    @Test func importRefusesASpanPastTheTextNamingTheLine() async throws {
        try await Self.withSpanTask { client, pat, _ in
            let lines =
                #"{"item": "n0", "annotator": "ext", "label": [{"start": 0, "end": 5, "label": "PER"}]}"# + "\n"
                + #"{"item": "n1", "annotator": "ext", "label": [{"start": 4, "end": 7, "label": "PER"}]}"#
            let refused = try await APIInputTests.send(client, .post, "/api/v1/tasks/ner/annotations/import", lines, token: pat)
            #expect(
                refused.status == 422
                    && refused.text.contains(
                        "line 2: label: span (start 4, end 7, label \\\"PER\\\") ends past the text's 6 characters"),
                "\(refused.text)")
            #expect(try await APIInputTests.send(client, .get, "/api/v1/tasks/ner/annotations", nil, token: pat).text.isEmpty)
        }
    }

    /// Hand-worked: on n0 one of two spans each matches exactly (F1 2·1 / (2 + 2) = 0.5), and on n1 both
    /// answered `[]` (F1 1), so the mean over the two pairs is 0.75.
    @Test func agreementOfASpanTaskIsTheSpanReport() async throws {
        try await Self.withSpanTask { client, pat, _ in
            let lines = [
                #"{"item": "n0", "annotator": "ext-a", "label": [{"start": 0, "end": 5, "label": "PER"}, {"start": 6, "end": 7, "label": "LOC"}]}"#,
                #"{"item": "n0", "annotator": "ext-b", "label": [{"start": 11, "end": 14, "label": "PER"}, {"start": 0, "end": 5, "label": "PER"}]}"#,
                #"{"item": "n1", "annotator": "ext-a", "label": []}"#,
                #"{"item": "n1", "annotator": "ext-b", "label": []}"#,
            ]
            let imported = try await APIInputTests.send(
                client, .post, "/api/v1/tasks/ner/annotations/import", lines.joined(separator: "\n"), token: pat)
            #expect(imported.status == 201, "\(imported.text)")
            let report = try await APIInputTests.send(client, .get, "/api/v1/tasks/ner/agreement", nil, token: pat)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(report.text.utf8)) as? [String: Any])
            let spans = try #require(json["span_agreement"] as? [String: Any], "\(report.text)")
            #expect(spans["pairs"] as? Int == 2)
            #expect(spans["f1_exact"] as? Double == 0.75)
            #expect(spans["f1_overlap"] as? Double == 0.75)
            let consensus = try await APIInputTests.send(client, .get, "/api/v1/tasks/ner/aggregate", nil, token: pat)
            #expect(consensus.status == 200 && consensus.text.contains(#""end":5"#), "\(consensus.text)")
        }
    }
}
