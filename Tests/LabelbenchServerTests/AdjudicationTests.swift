import Foundation
import LabelbenchCore
import Testing

/// Flow 6 over HTTP: rulings through the API and the review page, for practitioners only.
@Suite struct AdjudicationPageAndAPITests {
    private func json(_ value: Any) throws -> Data { try JSONSerialization.data(withJSONObject: value) }

    @Test func practitionersRuleThroughTheAPI() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let ann = try await server.addUser("ann", role: .annotator)
            try await QualityPageTests.seed(server, token: pat.token)
            try await server.database.assignAnnotator("ann", toTask: "review")
            let path = "/api/v1/tasks/review/adjudications"
            let headers = ["Content-Type": "application/json"]

            let ruled = try await server.client.send(
                "PUT", path, body: json(["item": "i5", "label": "no", "note": "ears visible"]), headers: headers, token: pat.token
            )
            #expect(ruled.status == 200, "\(ruled.text)")
            #expect(
                ruled.text.contains(#""item":"i5","label":"no","note":"ears visible","guideline_version":1,"adjudicator":"pat""#))
            let listed = try await server.client.get(path, token: pat.token)
            #expect(listed.status == 200 && listed.text.split(separator: "\n").count == 1)
            #expect(try await server.client.get(path + "?item=i5", token: pat.token).status == 200)
            #expect(try await server.client.get(path + "?item=i4", token: pat.token).status == 404)

            let badLabel = try await server.client.send(
                "PUT", path, body: json(["item": "i5", "label": "maybe"]), headers: headers, token: pat.token)
            #expect((400..<500).contains(badLabel.status) && badLabel.text.contains("maybe"), "\(badLabel.text)")
            let noItem = try await server.client.send(
                "PUT", path, body: json(["item": "zz", "label": "no"]), headers: headers, token: pat.token)
            #expect(noItem.status == 404)
            let annotator = try await server.client.send(
                "PUT", path, body: json(["item": "i5", "label": "yes"]), headers: headers, token: ann.token)
            #expect(annotator.status == 403)
            #expect(try await server.client.get(path, token: ann.token).status == 403)
            #expect(
                try await server.client.get(path + "?item=i5", token: pat.token).text.contains(#""label":"no""#),
                "the annotator changed nothing")

            let exported = try await server.client.postJSON("/api/v1/tasks/review/exports", [String: Any](), token: pat.token)
            #expect(exported.status == 201, "\(exported.text)")
            let labels = try await server.client.get("/api/v1/artifacts/review/v0/files/labels.jsonl", token: pat.token).text
            let row = labels.split(separator: "\n").first { $0.contains(#""id":"i5""#) } ?? ""
            #expect(row.contains(#""label":"no""#) && row.contains(#""source":"adjudicated""#), "\(row)")

            #expect(try await server.client.send("DELETE", path + "?item=i5", token: pat.token).status == 204)
            #expect(try await server.client.send("DELETE", path + "?item=i5", token: pat.token).status == 404)

            let relabel = "/api/v1/tasks/review/relabel"
            #expect(try await server.client.postJSON(relabel, ["items": ["i5"]], token: ann.token).status == 403)
            #expect(try await server.client.postJSON(relabel, ["items": []], token: pat.token).status == 422)
            #expect(try await server.client.postJSON(relabel, ["items": ["i5", "zz"]], token: pat.token).status == 404)
            let sent = try await server.client.postJSON(relabel, ["items": ["i5"]], token: pat.token)
            #expect(sent.status == 200 && sent.text.contains(#""annotations_set_aside":3"#), "\(sent.text)")
            #expect(try await server.client.annotations("review", token: pat.token).count == 15)
        }
    }

    @Test func reviewPageRulesWithCSRFAndEscapesTheNote() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
            try await server.addUser("ann", role: .annotator, withPassword: true)
            try await QualityPageTests.seed(server, token: pat.token)
            try await server.database.assignAnnotator("ann", toTask: "review")
            let cookie = try await server.client.login("pat")
            let quality = try await server.client.get("/tasks/review/quality", cookie: cookie)
            #expect(quality.text.contains("/tasks/review/review?item=i5"), "contested items link to their review")

            let page = try await server.client.get("/tasks/review/review?item=i5", cookie: cookie)
            #expect(page.status == 200)
            for text in ["Labels given", "amy", "ben", "carl", "No ruling"] {
                #expect(page.text.contains(text), "\(text) missing")
            }
            let csrf = try TestClient.hiddenField("csrf", in: page.text)

            let refused = try await server.client.postForm(
                "/tasks/review/review", [("item", "i5"), ("label", "no")], cookie: cookie)
            #expect(refused.status == 403, "no CSRF token, no ruling")
            let empty = try await server.client.postForm(
                "/tasks/review/review", [("csrf", csrf), ("item", "i5"), ("action", "rule")], cookie: cookie)
            #expect(empty.status == 422 && empty.text.contains("Pick a label."))

            let note = "<script>alert(1)</script> looks like a no"
            let saved = try await server.client.postForm(
                "/tasks/review/review", [("csrf", csrf), ("item", "i5"), ("label", "no"), ("note", note), ("action", "rule")],
                cookie: cookie)
            #expect(saved.status == 303)
            let after = try await server.client.get("/tasks/review/review?item=i5", cookie: cookie).text
            #expect(after.contains("Ruled <strong>no</strong> by pat"))
            #expect(!after.contains("<script>alert(1)</script>") && after.contains("&lt;script&gt;"))
            let rulings = try await server.database.adjudications(
                in: try await server.database.task(named: "review", visibleTo: server.database.user(named: "pat")!))
            #expect(rulings.map(\.item) == ["i5"] && rulings.first?.note == note)

            let withdrawn = try await server.client.postForm(
                "/tasks/review/review", [("csrf", csrf), ("item", "i5"), ("action", "withdraw")], cookie: cookie)
            #expect(withdrawn.status == 303)
            #expect(try await server.client.get("/tasks/review/review?item=i5", cookie: cookie).text.contains("No ruling"))

            let annotatorCookie = try await server.client.login("ann")
            #expect(try await server.client.get("/tasks/review/review?item=i5", cookie: annotatorCookie).status == 403)
            #expect(try await server.client.get("/tasks/review/review?item=nope", cookie: cookie).status == 404)
        }
    }
}
