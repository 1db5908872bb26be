import Foundation
import Logging
import Testing

@testable import LabelbenchCore
@testable import LabelbenchServer

/// Gold feedback after answering (never before), pausing by gold accuracy, and resuming, over the API
/// and the queue and quality pages.
@Suite struct GoldFeedbackAndTrustTests {
    /// Items: `n1` and `n2` plain, `g1` and `g2` gold "yes" (g1 with a Markdown reason), texts of one length.
    static let items = """
        {"id": "n1", "text": "first text"}
        {"id": "n2", "text": "other text"}
        {"id": "g1", "text": "third text", "gold": "yes", "gold_reason": "**Whiskers** <script>alert(1)</script>"}
        {"id": "g2", "text": "forth text", "gold": "yes"}

        """

    /// Task `t` (made by `pat` over the API, so the task file's fields are read) with `annotator-a` and
    /// `annotator-b`, paused under 50 % after 2 gold answers.
    static func setUp(_ server: TestServer) async throws -> (pat: Account, a: Account, b: Account) {
        let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
        let a = try await server.addUser("annotator-a", role: .annotator, withPassword: true)
        let b = try await server.addUser("annotator-b", role: .annotator, withPassword: true)
        let task: [String: Any] = [
            "name": "t", "labels": [["name": "yes"], ["name": "no"]], "annotators": ["annotator-a", "annotator-b"],
            "min_trust": 0.5, "min_gold_seen": 2,
        ]
        #expect(try await server.client.postJSON("/api/v1/tasks", task, token: pat.token).status == 201)
        #expect(try await server.client.importItems("t", items, token: pat.token).status == 201)
        return (pat, a, b)
    }

    @Test func minTrustAndMinGoldSeenRoundTripThroughTheAPI() async throws {
        try await TestServer.inProcess { server in
            let (pat, _, _) = try await Self.setUp(server)
            let read = try await server.client.get("/api/v1/tasks/t", token: pat.token).json
            #expect(read["min_trust"] as? Double == 0.5 && read["min_gold_seen"] as? Int == 2)
            var changed = read
            (changed["min_trust"], changed["min_gold_seen"]) = (0.8, 7)
            let put = try await Self.put(changed, server, token: pat.token)
            #expect(put.status == 200)
            #expect(put.json["min_trust"] as? Double == 0.8 && put.json["min_gold_seen"] as? Int == 7)
            changed["min_trust"] = 1.5
            let refused = try await Self.put(changed, server, token: pat.token)
            #expect(refused.status == 422 && refused.errorMessage?.hasPrefix("min_trust:") == true)
        }
    }

    @Test func theTaskFormSetsPausingAndFilesABadNumberBesideItsField() async throws {
        try await TestServer.inProcess { server in
            try await server.addUser("pat", role: .practitioner, withPassword: true)
            let cookie = try await server.client.login("pat")
            let blank = try await server.client.get("/tasks/new", cookie: cookie).text
            #expect(blank.contains(#"name="min_trust" type="number" min="0" max="1" step="any" value="0""#))
            #expect(blank.contains(#"name="min_gold_seen" type="number" min="1" max="100000" value="5""#))
            let csrf = try await server.client.csrfToken(on: "/tasks/new", cookie: cookie)
            let fields = BrowserSessionTests.taskFields(csrf: csrf, name: "paused")
            let refused = try await server.client.postForm(
                "/tasks/new", fields + [("min_trust", "most"), ("min_gold_seen", "4")], cookie: cookie)
            #expect(refused.status == 422 && refused.text.contains("Give a number between 0 and 1 (0 turns pausing off)."))
            #expect(try server.count("task") == 0)
            let created = try await server.client.postForm(
                "/tasks/new", fields + [("min_trust", "0.7"), ("min_gold_seen", "4")], cookie: cookie)
            #expect(created.status == 303)
            let stored = try await server.database.task(
                named: "paused", visibleTo: try #require(try server.database.user(named: "pat")))
            #expect(stored.minTrust == 0.7 && stored.minGoldSeen == 4)
        }
    }

    /// Rule 21: the lease of a gold item and of a plain one, and their queue pages, differ only in the
    /// item's own content (and per-request values: lease, times, CSRF, the signed-in name).
    @Test func nothingTellsAGoldItemBeforeItIsAnswered() async throws {
        try await TestServer.inProcess { server in
            let (_, a, b) = try await Self.setUp(server)
            // Overlap 1 and no gold rate: a leases n1, b leases n2, and a is given gold g1 after answering n1.
            let plain = try #require(try await server.client.next("t", token: a.token))
            _ = try #require(try await server.client.next("t", token: b.token))
            #expect(try await server.client.submit("t", item: plain.item, label: "no", token: a.token).status == 201)
            let gold = try #require(try await server.client.next("t", token: a.token))
            #expect(plain.item.hasPrefix("n") && gold.item.hasPrefix("g"))
            func shape(_ body: String, _ lease: LabelbenchTestSupport.NextItem) -> String {
                Self.masked(body, [lease.item, lease.lease, Self.text(of: lease.item)])
                    .replacingOccurrences(of: #""expires_at":"[^"]*""#, with: "E", options: .regularExpression)
            }
            #expect(shape(plain.body, plain) == shape(gold.body, gold))
            #expect(!gold.body.contains("gold") && !gold.body.contains("reason"))

            // Pages with nothing answered yet: b's lease of n2 (plain) and a new annotator's of g2 (gold).
            _ = try await server.addUser("annotator-c", role: .annotator, withPassword: true)
            try await server.database.assignAnnotator("annotator-c", toTask: "t")
            let cookieB = try await server.client.login("annotator-b")
            let cookieC = try await server.client.login("annotator-c")
            let pageB = try await server.client.get("/queue/t", cookie: cookieB).text
            let pageC = try await server.client.get("/queue/t", cookie: cookieC).text
            #expect(try TestClient.hiddenField("item", in: pageC).hasPrefix("g"))
            #expect(Self.pageShape(pageB, user: "annotator-b") == Self.pageShape(pageC, user: "annotator-c"))
        }
    }

    @Test func theSubmitAnswerCarriesFeedbackOnlyForGoldItems() async throws {
        try await TestServer.inProcess { server in
            let (_, a, _) = try await Self.setUp(server)
            let wrong = try await server.client.submit("t", item: "g1", label: "no", token: a.token)
            #expect(wrong.status == 201)
            let feedback = try #require(wrong.json["feedback"] as? [String: Any])
            #expect(feedback["correct"] as? Bool == false && feedback["expected"] as? String == "yes")
            #expect(feedback["reason"] as? String == "**Whiskers** <script>alert(1)</script>")
            let right = try await server.client.submit("t", item: "g2", label: "yes", token: a.token)
            #expect(right.json["feedback"] as? [String: Bool] == ["correct": true])
            let plain = try await server.client.submit("t", item: "n1", label: "no", token: a.token)
            #expect(plain.status == 201 && plain.json["feedback"] == nil && !plain.text.contains("feedback"))
        }
    }

    @Test func theNextPageShowsTheReasonAfterAWrongGoldAnswer() async throws {
        try await TestServer.inProcess { server in
            _ = try await Self.setUp(server)
            let cookie = try await server.client.login("annotator-a")
            let csrf = try await server.client.csrfToken(on: "/queue/t", cookie: cookie)
            // Before answering, asking for g1's feedback shows nothing.
            #expect(!(try await server.client.get("/queue/t?answered=g1", cookie: cookie).text.contains("gold-feedback")))
            let posted = try await server.client.postForm(
                "/queue/t", [("csrf", csrf), ("item", "g1"), ("label", "no")], cookie: cookie)
            #expect(posted.status == 303 && posted.header("Location") == "/queue/t?answered=g1")
            let page = try await server.client.get("/queue/t?answered=g1", cookie: cookie).text
            #expect(page.contains("id=\"gold-feedback\""))
            #expect(
                page.contains("<dd class=\"given-answer\">no</dd>") && page.contains("<dd class=\"expected-answer\">yes</dd>"))
            #expect(page.contains("<strong>Whiskers</strong>") && !page.contains("<script>alert"))
            let plain = try await server.client.postForm(
                "/queue/t", [("csrf", csrf), ("item", "n1"), ("label", "no")], cookie: cookie)
            #expect(plain.header("Location") == "/queue/t")
        }
    }

    @Test func aPausedAnnotatorIsToldWhyAndAPractitionerResumesThem() async throws {
        try await TestServer.inProcess { server in
            let (pat, a, b) = try await Self.setUp(server)
            #expect(try await server.client.submit("t", item: "n1", label: "no", token: a.token).status == 201)
            #expect(try await server.client.submit("t", item: "n2", label: "no", token: b.token).status == 201)
            #expect(try await server.client.submit("t", item: "g1", label: "no", token: a.token).status == 201)
            #expect(try await server.client.submit("t", item: "g2", label: "no", token: a.token).status == 201)

            let next = try await server.client.get("/api/v1/tasks/t/next", token: a.token)
            #expect(next.status == 403)
            let message = try #require(next.errorMessage)
            #expect(message.hasPrefix("paused: ") && message.contains("0 of 2") && message.contains("ask pat"))
            let cookie = try await server.client.login("annotator-a")
            let page = try await server.client.get("/queue/t", cookie: cookie)
            #expect(page.status == 403 && page.text.contains("You are paused on t") && page.text.contains("ask pat"))

            let trusted = try await server.client.annotations("t", token: pat.token).map {
                "\($0["annotator"] as? String ?? "") \($0["item"] as? String ?? "") \($0["trusted"] as? Bool ?? true)"
            }
            #expect(trusted == ["annotator-a g1 false", "annotator-a g2 false", "annotator-a n1 false", "annotator-b n2 true"])

            // The quality page lists the pause with a Resume button; annotators cannot resume themselves.
            let patCookie = try await server.client.login("pat")
            let quality = try await server.client.get("/tasks/t/quality", cookie: patCookie).text
            #expect(quality.contains("id=\"trust\"") && quality.contains("Paused since") && quality.contains("the gold check"))
            #expect(quality.contains("action=\"/tasks/t/annotators/annotator-a/resume\""))
            let own = try await server.client.postJSON("/api/v1/tasks/t/annotators/annotator-a/resume", [:], token: a.token)
            #expect(own.status == 403)
            let csrf = try TestClient.hiddenField("csrf", in: quality)
            let resumed = try await server.client.postForm(
                "/tasks/t/annotators/annotator-a/resume", [("csrf", csrf)], cookie: patCookie)
            #expect(resumed.status == 303 && resumed.header("Location") == "/tasks/t/quality#trust")
            // No longer refused: nothing is left for a, so 204.
            #expect(try await server.client.get("/api/v1/tasks/t/next", token: a.token).status == 204)
            // Without count_earlier the earlier work stays out; the API's second resume finds nobody paused.
            #expect(try await server.database.untrustedAnnotationCount(of: try await Self.task(server)) == 3)
            let again = try await server.client.postJSON(
                "/api/v1/tasks/t/annotators/annotator-a/resume", ["count_earlier": true], token: pat.token)
            #expect(again.status == 409)
            let events = try await server.client.get("/tasks/t/quality", cookie: patCookie).text
            #expect(events.contains("<td>resumed</td><td>pat</td>"))
        }
    }

    @Test func resumeOverTheAPICanCountTheEarlierWorkAgain() async throws {
        try await TestServer.inProcess { server in
            let (pat, a, _) = try await Self.setUp(server)
            _ = try await server.client.submit("t", item: "g1", label: "no", token: a.token)
            _ = try await server.client.submit("t", item: "g2", label: "no", token: a.token)
            let unknown = try await server.client.postJSON(
                "/api/v1/tasks/t/annotators/nobody/resume", ["count_earlier": true], token: pat.token)
            #expect(unknown.status == 404)
            let resumed = try await server.client.postJSON(
                "/api/v1/tasks/t/annotators/annotator-a/resume", ["count_earlier": true], token: pat.token)
            #expect(resumed.status == 200 && resumed.json["event"] as? String == "resume")
            #expect(resumed.json["count_earlier"] as? Bool == true && resumed.json["by"] as? String == "pat")
            #expect(try await server.database.untrustedAnnotationCount(of: try await Self.task(server)) == 0)
        }
    }

    @Test func pausesAndResumesAreSecurityEventsInTheLog() async throws {
        let recorder = RecordingLogHandler()
        let logger = Logger(label: "labelbench-test", factory: { _ in recorder })
        try await TestServer.inProcess(logger: logger) { server in
            let (pat, a, _) = try await Self.setUp(server)
            _ = try await server.client.submit("t", item: "g1", label: "no", token: a.token)
            _ = try await server.client.submit("t", item: "g2", label: "no", token: a.token)
            let resumed = try await server.client.postJSON(
                "/api/v1/tasks/t/annotators/annotator-a/resume", [:], token: pat.token)
            #expect(resumed.status == 200)
        }
        // The request id differs per run: left out.
        let lines = recorder.lines.filter { $0.hasPrefix("security: annotator") }.map {
            $0.replacingOccurrences(of: #" hb\.request\.id=\S+"#, with: "", options: .regularExpression)
        }
        #expect(
            lines == [
                "security: annotator paused by the gold check; their annotations stop counting gold=0/2 task=t user=annotator-a",
                "security: annotator resumed by=pat count_earlier=false gold=0/2 task=t user=annotator-a",
            ], "\(lines)")
    }

    static func task(_ server: TestServer) async throws -> LabelingTask {
        try await server.database.task(named: "t", visibleTo: try #require(try server.database.user(named: "pat")))
    }

    static func put(_ task: [String: Any], _ server: TestServer, token: String) async throws -> HTTPResult {
        try await server.client.send(
            "PUT", "/api/v1/tasks/t", body: try JSONSerialization.data(withJSONObject: task),
            headers: ["Content-Type": "application/json"], token: token)
    }

    static func text(of item: String) -> String {
        ["n1": "first text", "n2": "other text", "g1": "third text", "g2": "forth text"][item] ?? item
    }

    static func masked(_ text: String, _ values: [String]) -> String {
        values.reduce(text) { $0.replacingOccurrences(of: $1, with: "X") }
    }

    /// A queue page with what changes per item and per request masked.
    static func pageShape(_ html: String, user: String) -> String {
        let item = (try? TestClient.hiddenField("item", in: html)) ?? ""
        let values = [
            "lease", "started", "csrf",
        ].compactMap { try? TestClient.hiddenField($0, in: html) }
        return masked(html, values + [item, text(of: item), user])
            .replacingOccurrences(of: #"until [^<]*</p>"#, with: "until T</p>", options: .regularExpression)
    }
}
