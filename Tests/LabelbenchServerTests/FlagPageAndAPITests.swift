import Foundation
import LabelbenchCore
import Testing

/// Flags over HTTP: raised through the API and the queue's form (text, span and box tasks), listed
/// and resolved by practitioners, and turned into a guideline the annotator sees on the next item.
@Suite struct FlagPageAndAPITests {
    /// A text task `flags` (items i0…i3, overlap 1) with pat (practitioner), ann (assigned) and eve (not assigned).
    static func withFlagTask(_ body: @Sendable (TestServer, Account, Account, Account) async throws -> Void) async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
            let ann = try await server.addUser("ann", role: .annotator, withPassword: true)
            let eve = try await server.addUser("eve", role: .annotator, withPassword: true)
            try await server.addTask("flags", annotators: ["ann"])
            #expect(try await server.client.importItems("flags", TestClient.itemLines(4), token: pat.token).status == 201)
            try await body(server, pat, ann, eve)
        }
    }

    static func flag(_ server: TestServer, item: String, _ body: [String: Any], token: String) async throws -> HTTPResult {
        try await server.client.postJSON("/api/v1/tasks/flags/items/\(item)/flags", body, token: token)
    }

    @Test func annotatorsFlagItemsOfTheirTasksOnly() async throws {
        try await Self.withFlagTask { server, pat, ann, eve in
            let created = try await Self.flag(
                server, item: "i1", ["reason": "ambiguous", "note": "cat or dog?"], token: ann.token)
            #expect(created.status == 201, "\(created.text)")
            #expect(created.json["item"] as? String == "i1" && created.json["reason"] as? String == "ambiguous")
            #expect(created.json["note"] as? String == "cat or dog?" && created.json["flagged_by"] as? String == "ann")
            #expect(created.json["resolution"] is NSNull && created.json["resolved_by"] is NSNull)
            let id = try #require(created.json["id"] as? Int)

            let amended = try await Self.flag(server, item: "i1", ["reason": "not_covered"], token: ann.token)
            #expect(amended.status == 200 && amended.json["id"] as? Int == id, "a second flag amends the open one")
            #expect(amended.json["reason"] as? String == "not_covered" && amended.json["note"] is NSNull)

            let unknown = try await Self.flag(server, item: "i1", ["reason": "unclear"], token: ann.token)
            #expect(unknown.status == 422 && unknown.errorMessage?.contains("\"unclear\"") == true, "\(unknown.text)")
            for (name, body) in [
                ("NUL", ["reason": "broken", "note": "a\u{0}b"]),
                ("long", ["reason": "broken", "note": String(repeating: "x", count: 2001)]),
                ("extra key", ["reason": "broken", "why": "x"]), ("no reason", ["note": "x"]),
            ] {
                let refused = try await Self.flag(server, item: "i2", body, token: ann.token)
                #expect(refused.status == 422, "\(name): \(refused.status) \(refused.text)")
            }
            #expect(try await Self.flag(server, item: "zz", ["reason": "broken"], token: ann.token).status == 404)
            // Not assigned, whatever the role: the task does not exist for them.
            for account in [eve, pat] {
                let refused = try await Self.flag(server, item: "i2", ["reason": "broken"], token: account.token)
                #expect(refused.status == 404, "\(account.name): \(refused.status)")
            }
            #expect(try server.count("flag") == 1, "only ann's flag is stored")

            let listed = try await server.client.get("/api/v1/tasks/flags/flags", token: pat.token)
            #expect(listed.status == 200 && (listed.json["flags"] as? [Any])?.count == 1, "\(listed.text)")
            #expect(try await server.client.get("/api/v1/tasks/flags/flags", token: ann.token).status == 403)
            #expect(try await server.client.get("/api/v1/tasks/flags/flags?state=closed", token: pat.token).status == 422)
        }
    }

    @Test func practitionersResolveFlagsOnce() async throws {
        try await Self.withFlagTask { server, pat, ann, _ in
            let id = try #require(
                try await Self.flag(server, item: "i0", ["reason": "broken"], token: ann.token).json["id"] as? Int)
            let path = "/api/v1/tasks/flags/flags/\(id)/resolve"
            #expect(try await server.client.postJSON(path, ["resolution": "dismissed"], token: ann.token).status == 403)
            #expect(try await server.client.postJSON(path, ["resolution": "fixed"], token: pat.token).status == 422)
            #expect(
                try await server.client.postJSON(
                    "/api/v1/tasks/flags/flags/999/resolve", ["resolution": "ruled"], token: pat.token
                ).status == 404)
            #expect(
                try await server.client.postJSON(
                    "/api/v1/tasks/flags/flags/abc/resolve", ["resolution": "ruled"], token: pat.token
                ).status == 404)

            let resolved = try await server.client.postJSON(path, ["resolution": "dismissed"], token: pat.token)
            #expect(resolved.status == 200 && resolved.json["resolution"] as? String == "dismissed", "\(resolved.text)")
            #expect(resolved.json["resolved_by"] as? String == "pat" && resolved.json["resolved_at"] is String)
            #expect(try await server.client.postJSON(path, ["resolution": "dismissed"], token: pat.token).status == 200)
            let clash = try await server.client.postJSON(path, ["resolution": "ruled"], token: pat.token)
            #expect(clash.status == 409 && clash.errorMessage?.contains("dismissed") == true, "\(clash.text)")

            let open = try await server.client.get("/api/v1/tasks/flags/flags", token: pat.token)
            #expect((open.json["flags"] as? [Any])?.isEmpty == true)
            let done = try await server.client.get("/api/v1/tasks/flags/flags?state=resolved&item=i0", token: pat.token)
            #expect((done.json["flags"] as? [[String: Any]])?.first?["resolution"] as? String == "dismissed")
        }
    }

    @Test func anItemIdIsPercentDecodedFromThePath() async throws {
        try await Self.withFlagTask { server, pat, ann, _ in
            let line = #"{"id": "a b/c", "text": "slash"}"# + "\n"
            #expect(try await server.client.importItems("flags", line, token: pat.token).status == 201)
            let created = try await Self.flag(server, item: "a%20b%2Fc", ["reason": "broken"], token: ann.token)
            #expect(created.status == 201 && created.json["item"] as? String == "a b/c", "\(created.text)")
        }
    }

    @Test func theQueueFormFlagsWithCSRFAndStaysOnTheItem() async throws {
        try await Self.withFlagTask { server, pat, _, _ in
            let cookie = try await server.client.login("ann")
            let page = try await server.client.get("/queue/flags", cookie: cookie)
            #expect(page.text.contains(#"action="/queue/flags/flag" id="flag-form""#), "the flag form is on the page")
            let csrf = try TestClient.hiddenField("csrf", in: page.text)
            let item = try TestClient.hiddenField("item", in: page.text)

            let forged = try await server.client.postForm(
                "/queue/flags/flag", [("item", item), ("reason", "broken")], cookie: cookie)
            #expect(forged.status == 403)
            #expect(try server.count("flag") == 0)
            let unchosen = try await server.client.postForm(
                "/queue/flags/flag", [("csrf", csrf), ("item", item), ("reason", "")], cookie: cookie)
            #expect(unchosen.status == 422 && unchosen.text.contains("reason: choose one of"), "\(unchosen.status)")
            #expect(try server.count("flag") == 0)

            let flagged = try await server.client.postForm(
                "/queue/flags/flag", [("csrf", csrf), ("item", item), ("reason", "not_covered"), ("note", "<script>x</script>")],
                cookie: cookie)
            #expect(flagged.status == 303 && flagged.header("Location") == "/queue/flags#flag")
            let again = try await server.client.get("/queue/flags", cookie: cookie)
            #expect(try TestClient.hiddenField("item", in: again.text) == item, "the annotator stays on the item")
            #expect(again.text.contains("You flagged this item: not covered by the instructions"))
            #expect(again.text.contains("&lt;script&gt;x&lt;/script&gt;") && !again.text.contains("<script>x"))
            #expect(again.text.contains(#"<option value="not_covered" selected>"#), "the form shows the flag to amend it")

            // Answer this item and the next, then flag the last answer from "change an answer".
            for _ in 0..<2 {
                let shown = try await server.client.get("/queue/flags", cookie: cookie)
                let answered = try await server.client.postForm(
                    "/queue/flags",
                    [
                        ("csrf", csrf), ("item", try TestClient.hiddenField("item", in: shown.text)),
                        ("lease", try TestClient.hiddenField("lease", in: shown.text)), ("label", "yes"),
                    ], cookie: cookie)
                #expect(answered.status == 303)
            }
            let previous = try await server.client.get("/queue/flags/previous", cookie: cookie)
            #expect(previous.text.contains(#"name="back" value="previous""#))
            let last = try TestClient.hiddenField("item", in: previous.text)
            #expect(last != item)
            let fromPrevious = try await server.client.postForm(
                "/queue/flags/flag", [("csrf", csrf), ("item", last), ("reason", "ambiguous"), ("back", "previous")],
                cookie: cookie)
            #expect(fromPrevious.header("Location") == "/queue/flags/previous?item=\(last)#flag")
            let flags =
                try await server.client.get("/api/v1/tasks/flags/flags", token: pat.token).json["flags"] as? [[String: Any]]
            #expect(flags?.map { $0["item"] as? String } == [item, last])
        }
    }

    @Test func spanAndBoxQueuesOfferTheSameForm() async throws {
        try await SpanQueuePageTests.withSpanPage { page in
            let shown = try await page.client.get("/queue/ner", cookie: page.cookie)
            #expect(shown.text.contains(#"id="flag-form""#))
            let flagged = try await page.client.postForm(
                "/queue/ner/flag", [("csrf", page.csrf), ("item", page.item), ("reason", "ambiguous")], cookie: page.cookie)
            #expect(flagged.status == 303)
            #expect(try page.server.count("flag") == 1)
        }
        try await BoxQueuePageTests.withDesk { desk in
            let shown = try await desk.server.client.get("/queue/boxes", cookie: desk.cookie)
            #expect(shown.text.contains(#"id="flag-form""#))
            let flagged = try await desk.server.client.postForm(
                "/queue/boxes/flag", [("csrf", desk.csrf), ("item", desk.item), ("reason", "broken"), ("note", "blurred")],
                cookie: desk.cookie)
            #expect(flagged.status == 303)
            let again = try await desk.server.client.get("/queue/boxes", cookie: desk.cookie)
            #expect(again.text.contains("You flagged this item: broken") && again.text.contains("blurred"))
        }
    }

    @Test func aFlagBecomesAGuidelineTheAnnotatorSeesOnTheNextItem() async throws {
        try await Self.withFlagTask { server, pat, ann, _ in
            let id = try #require(
                try await Self.flag(server, item: "i0", ["reason": "not_covered", "note": "a toy dog?"], token: ann.token)
                    .json["id"] as? Int)
            let annCookie = try await server.client.login("ann")
            let first = try await server.client.get("/queue/flags", cookie: annCookie)
            #expect(try TestClient.hiddenField("item", in: first.text) == "i0")

            let patCookie = try await server.client.login("pat")
            let form = try await server.client.get("/tasks/flags/edit?from_flag=\(id)", cookie: patCookie)
            #expect(form.status == 200)
            #expect(try TestClient.hiddenField("guideline_from_flag", in: form.text) == String(id))
            #expect(try TestClient.hiddenField("guideline_new_examples", in: form.text) == "i0")
            #expect(form.text.contains("From ann’s flag on item i0 (not covered by the instructions): “a toy dog?”"))

            let saved = try await server.client.postForm(
                "/tasks/flags/edit",
                [
                    ("csrf", try TestClient.hiddenField("csrf", in: form.text)), ("title", "flags"), ("kind", "text"),
                    ("answer", "single"), ("label_name[]", "yes"), ("label_name[]", "no"), ("overlap", "1"),
                    ("lease_seconds", "900"), ("gold_rate", "0"), ("instructions", ""), ("guideline_title[]", "Toy animals"),
                    ("guideline_ruling[]", "A toy dog is a **yes**."), ("guideline_new_examples", "i0"),
                    ("guideline_from_flag", String(id)), ("annotators[]", "ann"),
                ], cookie: patCookie)
            #expect(saved.status == 303, "\(saved.text.prefix(500))")
            let resolved = try await server.client.get("/api/v1/tasks/flags/flags?state=resolved", token: pat.token)
            let flag = (resolved.json["flags"] as? [[String: Any]])?.first
            #expect(flag?["resolution"] as? String == "guideline" && flag?["guideline_version"] as? Int == 2, "\(resolved.text)")
            #expect(flag?["resolved_by"] as? String == "pat")

            // The flagged item stays under the version it was leased with; the next one shows the new guideline.
            let answered = try await server.client.postForm(
                "/queue/flags",
                [
                    ("csrf", try TestClient.hiddenField("csrf", in: first.text)), ("item", "i0"),
                    ("lease", try TestClient.hiddenField("lease", in: first.text)), ("label", "yes"),
                ], cookie: annCookie)
            #expect(answered.status == 303)
            let next = try await server.client.get("/queue/flags", cookie: annCookie)
            #expect(try TestClient.hiddenField("item", in: next.text) == "i1")
            #expect(next.text.contains("guideline v2") && next.text.contains("Toy animals"))
            #expect(next.text.contains("A toy dog is a <strong>yes</strong>."))
        }
    }

    @Test func qualityAndReviewPagesListFlagsEscapedAndResolveThem() async throws {
        try await Self.withFlagTask { server, pat, ann, _ in
            let note = "<script>alert(1)</script> is it a cat?"
            let id = try #require(
                try await Self.flag(server, item: "i2", ["reason": "ambiguous", "note": note], token: ann.token).json["id"]
                    as? Int)
            let cookie = try await server.client.login("pat")
            let quality = try await server.client.get("/tasks/flags/quality", cookie: cookie)
            #expect(quality.status == 200)
            #expect(quality.text.contains("Flags (1 open)") && quality.text.contains(#"id="flag-\#(id)""#))
            #expect(
                quality.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; is it a cat?")
                    && !quality.text.contains("<script>alert"))
            #expect(quality.text.contains(#"href="/tasks/flags/edit?from_flag=\#(id)#guidelines""#))
            #expect(quality.text.contains(#"<a href="/tasks/flags/review?item=i2">i2</a>"#))

            let review = try await server.client.get("/tasks/flags/review?item=i2", cookie: cookie)
            #expect(review.text.contains(#"id="flags""#) && review.text.contains("&lt;script&gt;alert(1)"))
            let csrf = try TestClient.hiddenField("csrf", in: review.text)
            let path = "/tasks/flags/flags/\(id)/resolve"
            let forged = try await server.client.postForm(path, [("resolution", "ruled"), ("back", "review")], cookie: cookie)
            #expect(forged.status == 403)
            let annCookie = try await server.client.login("ann")
            let annotator = try await server.client.postForm(
                path,
                [("csrf", try await server.client.csrfToken(on: "/queue/flags", cookie: annCookie)), ("resolution", "ruled")],
                cookie: annCookie)
            #expect(annotator.status == 403)
            #expect(
                try await server.database.flags(
                    in: server.database.task(named: "flags", visibleTo: server.database.user(named: "pat")!)
                ).count == 1)

            let resolved = try await server.client.postForm(
                path, [("csrf", csrf), ("resolution", "ruled"), ("back", "review")], cookie: cookie)
            #expect(resolved.status == 303 && resolved.header("Location") == "/tasks/flags/review?item=i2#flags")
            let after = try await server.client.get("/tasks/flags/review?item=i2", cookie: cookie)
            #expect(after.text.contains("ruled on the item by pat"))
            let emptied = try await server.client.get("/tasks/flags/quality", cookie: cookie)
            #expect(emptied.text.contains("No open flags") && !emptied.text.contains(#"id="flag-\#(id)""#))
        }
    }

    @Test func spanAndBoxQualityPagesListFlags() async throws {
        try await SpanQueuePageTests.withSpanPage { page in
            _ = try await page.client.postForm(
                "/queue/ner/flag", [("csrf", page.csrf), ("item", page.item), ("reason", "ambiguous"), ("note", "<i>x</i>")],
                cookie: page.cookie)
            for path in ["/tasks/ner/quality", "/tasks/ner/review?item=n0"] {
                let shown = try await page.client.get(path, token: page.practitioner)
                #expect(
                    shown.status == 200 && shown.text.contains("Flags (1 open)") && shown.text.contains("&lt;i&gt;x"), "\(path)")
            }
        }
        try await BoxQueuePageTests.withDesk { desk in
            _ = try await desk.server.client.postForm(
                "/queue/boxes/flag", [("csrf", desk.csrf), ("item", desk.item), ("reason", "broken")], cookie: desk.cookie)
            for path in ["/tasks/boxes/quality", "/tasks/boxes/review?item=\(desk.item)"] {
                let shown = try await desk.server.client.get(path, token: desk.practitioner.token)
                #expect(shown.status == 200 && shown.text.contains("Flags (1 open)"), "\(path): \(shown.status)")
            }
        }
    }
}
