import Foundation
import LabelbenchCore
import LabelbenchServer
import Testing

/// `format` spacy and conll over the API and in the export form: written for a span task, refused
/// naming the format for any other, and offered by the form for span tasks only.
@Suite struct SpanExportFormatTests {
    static func spanTask(_ server: TestServer, token: String) async throws {
        let task = try await server.database.createTask(
            TaskDefinition(
                name: "ner", title: "NER", answer: .spans, labels: [TaskLabel(name: "PER"), TaskLabel(name: "LOC")],
                overlap: 2),
            by: nil)
        _ = try await server.database.importItems(
            ItemFileParser.parse(Data("{\"id\":\"n0\",\"text\":\"Ann in\\tRome\"}\n".utf8), fileName: "i.jsonl"), into: task)
        let spans = #"[{"start": 0, "end": 3, "label": "PER"}, {"start": 7, "end": 11, "label": "LOC"}]"#
        let lines = ["ext-a", "ext-b"].map { #"{"item": "n0", "annotator": "\#($0)", "label": \#(spans)}"# }
        let imported = try await APIInputTests.send(
            server.client, .post, "/api/v1/tasks/ner/annotations/import", lines.joined(separator: "\n"), token: token)
        #expect(imported.status == 201, "\(imported.text)")
    }

    @Test func theAPIWritesTheSpanFilesAndRefusesThemForOtherTasks() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
            try await Self.spanTask(server, token: pat.token)
            let conll = try await server.client.postJSON("/api/v1/tasks/ner/exports", ["format": "conll"], token: pat.token)
            #expect(conll.status == 201, "\(conll.text.prefix(500))")
            let file = try await server.client.get("/api/v1/artifacts/ner/v0/files/labels.conll", token: pat.token)
            #expect(file.status == 200 && file.text == "Ann B-PER\nin O\nRome B-LOC\n\n", "\(file.text)")
            let spacy = try await server.client.postJSON("/api/v1/tasks/ner/exports", ["format": "spacy"], token: pat.token)
            #expect(spacy.status == 201, "\(spacy.text.prefix(500))")
            let rows = try await server.client.get("/api/v1/artifacts/ner/v1/files/spans.jsonl", token: pat.token)
            #expect(
                rows.text
                    == #"{"id":"n0","text":"Ann in\tRome","spans":[{"start":0,"end":3,"label":"PER"},{"start":7,"end":11,"label":"LOC"}]}"#
                    + "\n", "\(rows.text)")

            try await server.addTask("birds")
            for path in ["/api/v1/tasks/birds/exports", "/api/v1/tasks/birds/exports/archive"] {
                for format in ["spacy", "conll"] {
                    let refused = try await server.client.postJSON(path, ["format": format], token: pat.token)
                    #expect(refused.status == 422, "\(path) \(format): \(refused.status)")
                    let message = (refused.json["error"] as? [String: Any])?["message"] as? String ?? ""
                    #expect(
                        message.hasPrefix("format: \(format) writes entity spans, and task birds answers single"), "\(message)")
                }
            }
            let unknown = try await server.client.postJSON("/api/v1/tasks/ner/exports", ["format": "iob"], token: pat.token)
            #expect(
                unknown.status == 422 && unknown.text.contains("format: use jsonl, csv, spacy") && unknown.text.contains("conll"),
                "\(unknown.text)")
            #expect(try server.count("task_collection") == 1, "a refused export claims no collection")
        }
    }

    @Test func theFormOffersTheSpanFormatsForSpanTasksOnly() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
            try await Self.spanTask(server, token: pat.token)
            try await server.addTask("birds")
            let cookie = try await server.client.login("pat")
            let spanPage = try await server.client.get("/tasks/ner/export", cookie: cookie)
            #expect(spanPage.status == 200)
            #expect(spanPage.text.contains(#"<option value="spacy">"#) && spanPage.text.contains(#"<option value="conll">"#))
            let birdsPage = try await server.client.get("/tasks/birds/export", cookie: cookie)
            #expect(birdsPage.status == 200 && birdsPage.text.contains(#"<option value="csv">"#))
            #expect(!birdsPage.text.contains("spacy") && !birdsPage.text.contains("conll"))

            let csrf = try TestClient.hiddenField("csrf", in: birdsPage.text)
            let refused = try await server.client.postForm(
                "/tasks/birds/export", [("csrf", csrf), ("format", "conll")], cookie: cookie)
            #expect(refused.status == 422)
            #expect(refused.text.contains("format: conll writes entity spans"), "\(refused.text.prefix(2000))")
            let written = try await server.client.postForm(
                "/tasks/ner/export", [("csrf", csrf), ("format", "conll")], cookie: cookie)
            #expect(written.status == 303, "\(written.text.prefix(500))")
            let file = try await server.client.get("/api/v1/artifacts/ner/v0/files/labels.conll", token: pat.token)
            #expect(file.status == 200 && file.text.hasPrefix("Ann B-PER\n"))
        }
    }
}
