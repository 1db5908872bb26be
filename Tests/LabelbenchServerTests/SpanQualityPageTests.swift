import Foundation
import LabelbenchCore
import LabelbenchServer
import LabelbenchTestSupport
import Testing

/// The quality and review pages of a span task, on a hand-worked example of two annotators.
@Suite struct SpanQualityPageTests {
    /// A name with markup in it, to check class names are escaped wherever they show.
    static let scriptClass = "<script>ORG"
    /// Combining acute accents and a three-code-point emoji before the spans: one character on screen each,
    /// more than one code point, so slicing by characters would mark the wrong letters.
    static let accented = "Zoe\u{301} 👩‍🔬 met <script>x</script> in Pa\u{301}ris"

    /// Code-point offsets of the `occurrence`-th (0-based) `part` of `text`, found independently of the server.
    static func span(_ part: String, in text: String, _ label: String, occurrence: Int = 0) -> String {
        let scalars = Array(text.unicodeScalars)
        let needle = Array(part.unicodeScalars)
        let starts = (0...(scalars.count - needle.count)).filter { Array(scalars[$0..<$0 + needle.count]) == needle }
        let start = starts[occurrence]
        return "{\"start\":\(start),\"end\":\(start + needle.count),\"label\":\(json(label))}"
    }

    static func json(_ string: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: string, options: .fragmentsAllowed), as: UTF8.self)
    }

    /// Items n0 (exact F1 0.8), n1 (0) and n2 (1); gold on n0 (amy's answer) and n2.
    ///
    /// n0 "Ann met Bob in Rome": amy marks Ann PER, Bob PER, Rome LOC; ben Ann PER, Rome LOC:
    /// 2 matches, F1 = 2·2/(3+2) = 0.8. n1: amy Zoé PER, Paris LOC; ben Zoé LOC, met <script>ORG: F1 = 0.
    /// n2 "Rome": both Rome LOC, F1 = 1. Overall exact F1 = (0.8 + 0 + 1)/3 = 0.6 over 3 pairs.
    /// Per class: PER in n0 (2·1/(2+1) = 0.667) and n1 (0): 0.333, n 2; LOC in n0 (1), n1 (0), n2 (1):
    /// 0.667, n 3; <script>ORG in n1 only: 0, n 1. Gold: amy 2 of 2, ben 1 of 2.
    static func seed(_ server: TestServer) async throws -> Account {
        let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
        _ = try await server.database.createTask(
            TaskDefinition(
                name: "ner", title: "NER", answer: .spans,
                labels: [TaskLabel(name: "PER"), TaskLabel(name: "LOC"), TaskLabel(name: scriptClass)], overlap: 2),
            by: nil)
        let n0 = "Ann met Bob in Rome"
        let goldOfN0 = [span("Ann", in: n0, "PER"), span("Bob", in: n0, "PER"), span("Rome", in: n0, "LOC")]
        let items: [String] = [
            "{\"id\":\"n0\",\"text\":\(json(n0)),\"gold\":[\(goldOfN0.joined(separator: ","))]}",
            "{\"id\":\"n1\",\"text\":\(json(accented))}",
            "{\"id\":\"n2\",\"text\":\"Rome\",\"gold\":[\(span("Rome", in: "Rome", "LOC"))]}",
        ]
        let task = try await server.database.task(named: "ner", visibleTo: server.database.user(named: "pat")!)
        _ = try await server.database.importItems(
            ItemFileParser.parse(Data(items.joined(separator: "\n").utf8), fileName: "i.jsonl"), into: task)
        let line = { (item: String, annotator: String, spans: [String]) in
            "{\"item\":\"\(item)\",\"annotator\":\"\(annotator)\",\"label\":[\(spans.joined(separator: ","))]}"
        }
        let lines = [
            line("n0", "amy", [span("Ann", in: n0, "PER"), span("Bob", in: n0, "PER"), span("Rome", in: n0, "LOC")]),
            line("n0", "ben", [span("Ann", in: n0, "PER"), span("Rome", in: n0, "LOC")]),
            line("n1", "amy", [span("Zoe\u{301}", in: accented, "PER"), span("Pa\u{301}ris", in: accented, "LOC")]),
            line("n1", "ben", [span("Zoe\u{301}", in: accented, "LOC"), span("met", in: accented, scriptClass)]),
            line("n2", "amy", [span("Rome", in: "Rome", "LOC")]),
            line("n2", "ben", [span("Rome", in: "Rome", "LOC")]),
        ]
        let imported = try await APIInputTests.send(
            server.client, .post, "/api/v1/tasks/ner/annotations/import", lines.joined(separator: "\n"), token: pat.token)
        #expect(imported.status == 201, "\(imported.text)")
        return pat
    }

    @Test func qualityPageShowsSpanFiguresPerClassAndAnnotators() async throws {
        try await TestServer.inProcess { server in
            _ = try await Self.seed(server)
            let cookie = try await server.client.login("pat")
            let page = try await server.client.get("/tasks/ner/quality?below=1", cookie: cookie)
            #expect(page.status == 200)
            let html = page.text
            for text in ["Exact span F1", "Overlap span F1", "Character alpha", "0.600", "over 3 pairs of annotators"] {
                #expect(html.contains(text), "\(text) missing")
            }
            // Per class: name, exact F1, pairs.
            for row in [
                "<td>PER</td><td class=\"num\">0.333</td><td class=\"num\">2</td>",
                "<td>LOC</td><td class=\"num\">0.667</td><td class=\"num\">3</td>",
                "<td>&lt;script&gt;ORG</td><td class=\"num\">0.000</td><td class=\"num\">1</td>",
            ] {
                #expect(html.contains(row), "\(row) missing")
            }
            // Gold: amy 2 of 2, ben 1 of 2; both 0.600 with the other.
            #expect(html.contains("<td class=\"num\" data-label=\"gold accuracy\">1.000</td>"))
            #expect(html.contains("<td class=\"num\" data-label=\"gold accuracy\">0.500</td>"))
            #expect(html.contains("data-label=\"exact F1 with others\">0.600<"))
            // Single-label coefficients are explained, not shown as dashes.
            #expect(!html.contains("Fleiss' kappa, generalised"))
            #expect(!html.contains("Gwet's AC1</h2>"))
            #expect(html.contains("are not shown: they compare one label per item"))
            #expect(!html.contains("span_agreement"))
            #expect(!html.contains("char_alpha"))
            // Contested: n1 (F1 0) before n0 (0.8); n2 (1) agrees.
            let n1 = try #require(html.range(of: "<h3 class=\"item-cell\">n1</h3>"))
            let n0 = try #require(html.range(of: "<h3 class=\"item-cell\">n0</h3>"))
            #expect(n1.lowerBound < n0.lowerBound)
            #expect(!html.contains("<h3 class=\"item-cell\">n2</h3>"))
            // Text and class names escaped; the accented word and the emoji-preceded spans marked at the right characters.
            #expect(!html.contains("<script>x"))
            #expect(!html.contains("<script>ORG"))
            #expect(html.contains("&lt;script&gt;x&lt;/script&gt;"))
            #expect(html.contains(">Zoe\u{301}<span class=\"span-tag\">"))
            #expect(html.contains(">Pa\u{301}ris<span class=\"span-tag\">"))
            #expect(html.contains(">met<span class=\"span-tag\">"))
        }
    }

    @Test func theDefaultThresholdListsOnlyItemsBelowIt() async throws {
        try await TestServer.inProcess { server in
            _ = try await Self.seed(server)
            let cookie = try await server.client.login("pat")
            let html = try await server.client.get("/tasks/ner/quality", cookie: cookie).text
            // Below 0.80: n1 only (n0 is exactly 0.8).
            #expect(html.contains("<h3 class=\"item-cell\">n1</h3>"))
            #expect(!html.contains("<h3 class=\"item-cell\">n0</h3>"))
            #expect(html.contains("1 item with exact F1 below 0.80"))
        }
    }

    @Test func aSpanTaskWithoutPairsSaysWhyItsFiguresAreMissing() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
            _ = try await server.database.createTask(
                TaskDefinition(
                    name: "ner", title: "NER", answer: .spans, labels: [TaskLabel(name: "PER"), TaskLabel(name: "LOC")],
                    overlap: 2),
                by: nil)
            let task = try await server.database.task(named: "ner", visibleTo: server.database.user(named: "pat")!)
            _ = try await server.database.importItems(
                ItemFileParser.parse(Data("{\"id\":\"n0\",\"text\":\"Ann\"}\n".utf8), fileName: "i.jsonl"), into: task)
            let cookie = try await server.client.login("pat")
            let empty = try await server.client.get("/tasks/ner/quality", cookie: cookie)
            #expect(empty.status == 200)
            #expect(empty.text.contains("No annotations yet"))
            #expect(empty.text.contains("No spans marked yet."))
            // One answer on the item: no pair to compare, said in words rather than as a JSON key.
            let line = "{\"item\":\"n0\",\"annotator\":\"amy\",\"label\":[\(Self.span("Ann", in: "Ann", "PER"))]}"
            let imported = try await APIInputTests.send(
                server.client, .post, "/api/v1/tasks/ner/annotations/import", line, token: pat.token)
            #expect(imported.status == 201, "\(imported.text)")
            let single = try await server.client.get("/tasks/ner/quality", cookie: cookie).text
            #expect(single.contains("Span F1 is not available: no item has two or more annotations."))
            #expect(single.contains("over 0 pairs of annotators"))
            #expect(!single.contains("span_agreement"))
        }
    }

    @Test func annotatorsCannotSeeTheSpanPages() async throws {
        try await TestServer.inProcess { server in
            _ = try await Self.seed(server)
            try await server.addUser("ann", role: .annotator, withPassword: true)
            try await server.database.assignAnnotator("ann", toTask: "ner")
            let cookie = try await server.client.login("ann")
            #expect(try await server.client.get("/tasks/ner/quality", cookie: cookie).status == 403)
            #expect(try await server.client.get("/tasks/ner/review?item=n1", cookie: cookie).status == 403)
            try await server.addUser("other", role: .annotator, withPassword: true)
            let stranger = try await server.client.login("other")
            #expect(try await server.client.get("/tasks/ner/quality", cookie: stranger).status == 403)
            #expect(try await server.client.get("/tasks/ner/review?item=n1", cookie: stranger).status == 403)
            let practitioner = try await server.client.login("pat")
            #expect(try await server.client.get("/tasks/ner/review?item=nope", cookie: practitioner).status == 404)
            #expect(try await server.client.get("/tasks/nope/quality", cookie: practitioner).status == 404)
        }
    }

    /// The fields of a ruling by rows, after the CSRF token and the item.
    static func rows(_ rows: [(text: String, label: String, occurrence: String)]) -> [(String, String)] {
        rows.flatMap { [("span_text[]", $0.text), ("span_class[]", $0.label), ("span_occurrence[]", $0.occurrence)] }
    }

    @Test func reviewPageMarksEachAnswerTheConsensusAndGoldAndPrefillsTheRows() async throws {
        try await TestServer.inProcess { server in
            _ = try await Self.seed(server)
            let cookie = try await server.client.login("pat")
            let page = try await server.client.get("/tasks/ner/review?item=n0", cookie: cookie)
            #expect(page.status == 200)
            let html = page.text
            // amy's 3 spans, ben's 2, the consensus (both marked Ann and Rome), gold 3: 3 + 2 + 2 + 3 marks.
            #expect(html.components(separatedBy: "<mark class=\"span-mark").count - 1 == 10)
            #expect(html.contains("<mark class=\"span-mark span-c0\">Bob<span class=\"span-tag\">"))
            #expect(html.contains("<mark class=\"span-mark span-c1\">Rome<span class=\"span-tag\">"))
            #expect(html.contains("Consensus <span class=\"hint\">· 2 spans"))
            #expect(html.contains("Gold <span class=\"hint\">· 3 spans"))
            // ben against the consensus: 2 of 2 → 1.000; amy: 2·2/(3+2) = 0.800.
            #expect(html.contains("exact F1 against the consensus 0.800"))
            #expect(html.contains("exact F1 against the consensus 1.000"))
            // Rows from the consensus, then an empty one; class names escaped in the options.
            let values = html.components(separatedBy: "name=\"span_text[]\" value=\"").dropFirst().map {
                $0.prefix { $0 != "\"" }
            }
            #expect(values == ["Ann", "Rome", ""])
            #expect(html.contains("<option value=\"&lt;script&gt;ORG\">&lt;script&gt;ORG</option>"))
            #expect(!html.contains("<script>ORG"))
            let added = try await server.client.postForm(
                "/tasks/ner/review",
                [("csrf", try TestClient.hiddenField("csrf", in: html)), ("item", "n0"), ("action", "add_row")]
                    + Self.rows([("Ann", "PER", "1")]), cookie: cookie)
            #expect(added.status == 200)
            #expect(added.text.components(separatedBy: "name=\"span_text[]\"").count - 1 == 2)
        }
    }

    @Test func rulingByRowsStoresCodePointOffsets() async throws {
        try await TestServer.inProcess { server in
            let pat = try await Self.seed(server)
            let cookie = try await server.client.login("pat")
            let csrf = try TestClient.hiddenField(
                "csrf", in: try await server.client.get("/tasks/ner/review?item=n1", cookie: cookie).text)
            let saved = try await server.client.postForm(
                "/tasks/ner/review",
                [("csrf", csrf), ("item", "n1"), ("action", "rule"), ("note", "accents")]
                    + Self.rows([("Pa\u{301}ris", "LOC", "1"), ("Zoe\u{301}", "PER", ""), ("", "", "1")]), cookie: cookie)
            #expect(saved.status == 303)
            let stored = try await APIInputTests.send(
                server.client, .get, "/api/v1/tasks/ner/adjudications?item=n1", nil, token: pat.token)
            let expected =
                "[\(Self.span("Zoe\u{301}", in: Self.accented, "PER")),\(Self.span("Pa\u{301}ris", in: Self.accented, "LOC"))]"
            #expect(stored.text.contains("\"label\":\(expected)"), "\(stored.text)")
            let page = try await server.client.get("/tasks/ner/review?item=n1", cookie: cookie).text
            #expect(page.contains("Ruled 2 spans by pat"))
            // The ruling's rows come back as they were given, in text order.
            let values = page.components(separatedBy: "name=\"span_text[]\" value=\"").dropFirst().map {
                $0.prefix { $0 != "\"" }
            }
            #expect(values == ["Zoe\u{301}", "Pa\u{301}ris", ""])
            // A second occurrence: "Rome" twice would need two; n0 has one "Ann", so occurrence 2 is refused below.
        }
    }

    @Test func refusedRowsAre422BesideTheRowAndStoreNothing() async throws {
        try await TestServer.inProcess { server in
            let pat = try await Self.seed(server)
            let cookie = try await server.client.login("pat")
            let csrf = try TestClient.hiddenField(
                "csrf", in: try await server.client.get("/tasks/ner/review?item=n0", cookie: cookie).text)
            let cases: [([(text: String, label: String, occurrence: String)], String)] = [
                ([("Ann", "PER", "1"), ("Berlin", "LOC", "1")], "Row 2: “Berlin” is not in the text."),
                ([("Ann", "PER", "2")], "Row 1: “Ann” occurs once in the text; there is no occurrence 2."),
                ([("Ann", "<b>NOPE</b>", "1")], "Row 1: “&lt;b&gt;NOPE&lt;/b&gt;” is not one of this task&#39;s classes."),
                ([("Ann", "", "1")], "Row 1: choose a class for “Ann”."),
                ([("Ann met", "PER", "1"), ("met", "LOC", "1")], "Row 2 (“met”, LOC) overlaps row 1 (“Ann met”, PER)"),
                ([("Ann", "PER", "first")], "Row 1: the occurrence must be a whole number from 1"),
            ]
            for (rows, message) in cases {
                let refused = try await server.client.postForm(
                    "/tasks/ner/review", [("csrf", csrf), ("item", "n0"), ("action", "rule")] + Self.rows(rows), cookie: cookie)
                #expect(refused.status == 422, "\(rows)")
                #expect(refused.text.contains(message), "\(message) missing: \(refused.text.prefix(200))")
                #expect(!refused.text.contains("<b>NOPE"))
                // The rows come back as they were typed.
                #expect(refused.text.contains("value=\"\(rows[0].text)\""))
            }
            let withoutToken = try await server.client.postForm(
                "/tasks/ner/review", [("item", "n0"), ("action", "rule")] + Self.rows([("Ann", "PER", "1")]), cookie: cookie)
            #expect(withoutToken.status == 403)
            let rulings = try await APIInputTests.send(
                server.client, .get, "/api/v1/tasks/ner/adjudications", nil, token: pat.token)
            #expect(rulings.status == 200)
            #expect(rulings.text.isEmpty, "\(rulings.text)")
        }
    }

    @Test func relabelingStillWorksOnASpanItem() async throws {
        try await TestServer.inProcess { server in
            _ = try await Self.seed(server)
            let cookie = try await server.client.login("pat")
            let csrf = try TestClient.hiddenField(
                "csrf", in: try await server.client.get("/tasks/ner/review?item=n1", cookie: cookie).text)
            let sent = try await server.client.postForm(
                "/tasks/ner/review", [("csrf", csrf), ("item", "n1"), ("action", "relabel")], cookie: cookie)
            #expect(sent.status == 303)
            let page = try await server.client.get("/tasks/ner/review?item=n1", cookie: cookie).text
            #expect(page.contains("No annotations yet."))
            #expect(page.contains("Consensus <span class=\"hint\">· no spans"))
        }
    }
}
