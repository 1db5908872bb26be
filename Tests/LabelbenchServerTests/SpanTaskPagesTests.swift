import Foundation
import LabelbenchCore
import LabelbenchServer
import Testing

/// The flows that are not yet span-aware still answer for a span task: the quality page, an
/// export and the review page do not fail on span lists.
@Suite struct SpanTaskPagesTests {
    @Test func aSpanTaskStillHasItsQualityPageAndExport() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
            let task = try await server.database.createTask(
                TaskDefinition(
                    name: "ner", title: "NER", answer: .spans, labels: [TaskLabel(name: "PER"), TaskLabel(name: "LOC")],
                    overlap: 2),
                by: nil)
            _ = try await server.database.importItems(
                ItemFileParser.parse(Data("{\"id\":\"n0\",\"text\":\"Ann in Rome\"}\n".utf8), fileName: "i.jsonl"), into: task)
            let lines = [
                #"{"item": "n0", "annotator": "ext-a", "label": [{"start": 0, "end": 3, "label": "PER"}, {"start": 7, "end": 11, "label": "LOC"}]}"#,
                #"{"item": "n0", "annotator": "ext-b", "label": [{"start": 0, "end": 3, "label": "PER"}]}"#,
            ]
            let imported = try await APIInputTests.send(
                server.client, .post, "/api/v1/tasks/ner/annotations/import", lines.joined(separator: "\n"), token: pat.token)
            #expect(imported.status == 201, "\(imported.text)")
            let cookie = try await server.client.login("pat")
            let page = try await server.client.get("/tasks/ner/quality", cookie: cookie)
            #expect(page.status == 200, "\(page.text.prefix(500))")
            let review = try await server.client.get("/tasks/ner/review/n0", cookie: cookie)
            #expect(review.status < 500, "\(review.text.prefix(500))")
            let export = try await server.client.postJSON("/api/v1/tasks/ner/exports", [String: Any](), token: pat.token)
            #expect(export.status == 201, "\(export.text.prefix(500))")
        }
    }
}
