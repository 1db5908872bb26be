import Foundation
import LabelbenchCore
import Testing

/// The quality and artifacts pages: practitioners only, key values present, user text escaped.
@Suite struct QualityPageTests {
    /// Three annotators on six items; `carl` always answers "no", so he is the odd one out.
    static func seed(_ server: TestServer, token: String) async throws {
        try await server.addTask("review", labels: ["yes", "no"], overlap: 3)
        #expect(try await server.client.importItems("review", TestClient.itemLines(6), token: token).status == 201)
        var lines = ""
        for item in 0..<6 {
            lines += "{\"item\":\"i\(item)\",\"annotator\":\"amy\",\"label\":\"\(item == 5 ? "no" : "yes")\",\"seconds\":4}\n"
            lines += "{\"item\":\"i\(item)\",\"annotator\":\"ben\",\"label\":\"yes\",\"seconds\":5}\n"
            lines += "{\"item\":\"i\(item)\",\"annotator\":\"carl\",\"label\":\"no\",\"seconds\":1}\n"
        }
        let imported = try await server.client.postRaw(
            "/api/v1/tasks/review/annotations/import", Data(lines.utf8), contentType: "application/x-ndjson", token: token)
        #expect(imported.status == 201, "\(imported.text)")
    }

    @Test func qualityPageShowsAgreementContestedItemsAndAnnotators() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
            try await Self.seed(server, token: pat.token)
            let cookie = try await server.client.login("pat")
            let page = try await server.client.get("/tasks/review/quality", cookie: cookie)
            #expect(page.status == 200)
            #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
            let html = page.text
            let report = try await server.database.agreementReport(
                for: try await server.database.task(named: "review", visibleTo: server.database.user(named: "pat")!))
            let alpha = String(format: "%.3f", report.krippendorffAlpha.nominal ?? .nan)
            #expect(html.contains(alpha), "headline alpha \(alpha)")
            for name in ["amy", "ben", "carl", "Contested items", "<svg", "Confusion matrix of carl"] {
                #expect(html.contains(name), "\(name) missing")
            }
            // The item where amy also said "no" is among the contested ones with its label counts.
            #expect(html.contains("no ×2, yes ×1") || html.contains("yes ×1, no ×2") || html.contains("no ×2"))
        }
    }

    @Test func qualityAndArtifactsPagesRefuseAnnotators() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            try await server.addUser("ann", role: .annotator, withPassword: true)
            try await Self.seed(server, token: pat.token)
            try await server.database.assignAnnotator("ann", toTask: "review")
            let cookie = try await server.client.login("ann")
            #expect(try await server.client.get("/tasks/review/quality", cookie: cookie).status == 403)
            #expect(try await server.client.get("/artifacts", cookie: cookie).status == 403)
        }
    }

    @Test func artifactsPageListsVersionsWithAliases() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
            try await Self.seed(server, token: pat.token)
            let exported = try await server.client.postJSON(
                "/api/v1/tasks/review/exports", ["name": "review-set", "aliases": ["candidate"]], token: pat.token)
            #expect(exported.status == 201, "\(exported.text)")
            let cookie = try await server.client.login("pat")
            let page = try await server.client.get("/artifacts", cookie: cookie)
            #expect(page.status == 200)
            for text in ["review-set:v0", "candidate", "latest", "dataset"] {
                #expect(page.text.contains(text), "\(text) missing")
            }
            #expect(!page.text.contains("No versions yet"))
        }
    }
}

/// A contested item becomes an edge-case guideline with that item as its example.
@Suite struct ContestedItemGuidelineTests {
    @Test func writingAGuidelineFromAContestedItemKeepsTheItemAsExample() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
            try await QualityPageTests.seed(server, token: pat.token)
            let cookie = try await server.client.login("pat")
            let quality = try await server.client.get("/tasks/review/quality", cookie: cookie)
            #expect(quality.text.contains("/tasks/review/edit?from_item=i5#guidelines"))

            let edit = try await server.client.get("/tasks/review/edit?from_item=i5", cookie: cookie)
            #expect(edit.status == 200)
            #expect(edit.text.contains("value=\"Item i5\""))
            #expect(edit.text.contains("name=\"guideline_new_examples\" value=\"i5\""))
            let csrf = try TestClient.hiddenField("csrf", in: edit.text)
            let saved = try await server.client.postForm(
                "/tasks/review/edit",
                [
                    ("csrf", csrf), ("name", "review"), ("title", "review"), ("kind", "text"), ("answer", "single"),
                    ("labels", "yes\nno"), ("overlap", "3"), ("lease_seconds", "900"), ("gold_rate", "0"), ("instructions", ""),
                    ("guideline_title[]", "Item i5"), ("guideline_ruling[]", "Ambiguous wording counts as yes."),
                    ("guideline_new_examples", "i5"),
                ], cookie: cookie)
            #expect(saved.status == 303, "\(saved.text)")
            let task = try await server.database.task(named: "review", visibleTo: server.database.user(named: "pat")!)
            let definition = try await server.database.definition(of: task)
            #expect(
                definition.guidelines == [
                    Guideline(title: "Item i5", ruling: "Ambiguous wording counts as yes.", examples: ["i5"])
                ])
            #expect(task.guidelineVersion == 2)
        }
    }
}
