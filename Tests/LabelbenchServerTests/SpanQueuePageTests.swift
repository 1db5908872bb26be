import Agreement
import Foundation
import LabelbenchCore
import Testing

@testable import LabelbenchServer

/// The queue page of a span task through the in-process router: the text shown escaped with the
/// classes and their keys, and the answers the page posts, rows without JavaScript and the JSON
/// list `spans.js` sends, stored as code-point offsets that slice exactly the intended characters.
@Suite struct SpanQueuePageTests {
    /// An emoji ZWJ sequence (4 code points, 7 UTF-16 units), "José" spelled e + U+0301 twice, CJK,
    /// Hebrew and Arabic.
    static let text = "Dr 👩‍⚕️ and Jose\u{301} met in 東京; שלום said مرحبا to Jose\u{301} again."

    struct Page: Sendable {
        let client: TestClient
        let cookie: String
        let csrf: String
        let item: String
        let lease: String
        let practitioner: String
        let server: TestServer

        /// Posts the answer form of the item on the page, with `fields` after the hidden ones.
        func post(_ fields: [(String, String)], path: String = "/queue/ner", csrf: String? = nil) async throws -> HTTPResult {
            let hidden = [("csrf", csrf ?? self.csrf), ("item", item), ("lease", lease)].filter { !$0.1.isEmpty }
            return try await client.postForm(path, hidden + fields, cookie: cookie)
        }

        /// The stored span lists, by item.
        func stored() async throws -> [String: [[String: Any]]] {
            var result: [String: [[String: Any]]] = [:]
            for row in try await client.annotations("ner", token: practitioner) {
                result[row["item"] as? String ?? ""] = row["label"] as? [[String: Any]]
            }
            return result
        }
    }

    /// A span task with classes PER (key p, a description) and LOC (no key), one item of `text`, and the
    /// annotator's queue page for it.
    static func withSpanPage(text: String = Self.text, _ body: @Sendable (Page) async throws -> Void) async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            _ = try await server.addUser("ann", role: .annotator, withPassword: true)
            let task = try await server.database.createTask(
                TaskDefinition(
                    name: "ner", title: "People and places", answer: .spans,
                    labels: [TaskLabel(name: "PER", key: "p", description: "A *person*"), TaskLabel(name: "LOC")],
                    annotators: ["ann"]),
                by: nil)
            let line = try JSONSerialization.data(withJSONObject: ["id": "n0", "text": text])
            _ = try await server.database.importItems(
                ItemFileParser.parse(line + Data("\n".utf8), fileName: "i.jsonl"), into: task)
            let cookie = try await server.client.login("ann")
            let page = try await server.client.get("/queue/ner", cookie: cookie)
            #expect(page.status == 200, "\(page.text.prefix(300))")
            try await body(
                Page(
                    client: server.client, cookie: cookie, csrf: try TestClient.hiddenField("csrf", in: page.text),
                    item: try TestClient.hiddenField("item", in: page.text),
                    lease: try TestClient.hiddenField("lease", in: page.text),
                    practitioner: pat.token, server: server))
        }
    }

    /// The characters a stored span list marks, sliced as Python slices a `str`.
    static func slices(_ spans: [[String: Any]], of text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return spans.map { span in
            String(String.UnicodeScalarView(scalars[(span["start"] as? Int ?? 0)..<(span["end"] as? Int ?? 0)]))
        }
    }

    static func row(_ text: String, _ label: String, _ occurrence: String = "") -> [(String, String)] {
        [("row_text[]", text), ("row_label[]", label), ("row_occurrence[]", occurrence)]
    }

    @Test func thePageShowsTheTextEscapedAndTheClassesWithTheirKeys() async throws {
        try await Self.withSpanPage(text: "<script>alert(1)</script> Ada in Rome") { page in
            let html = try await page.client.get("/queue/ner", cookie: page.cookie).text
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Ada in Rome"))
            #expect(!html.contains("<script>alert"))
            #expect(html.contains(#"data-label="PER" data-key="p""#), "PER with its own key")
            #expect(html.contains(#"data-label="LOC" data-key="2""#), "LOC without a key gets its position")
            #expect(html.contains("<em>person</em>"), "the class description as Markdown")
            #expect(html.contains(#"<script src="/static/js/spans.js" defer></script>"#))
            #expect(html.contains(#"name="row_text[]""#) && html.contains(#"<option value="LOC">LOC</option>"#))
            // The exact text for spans.js, as JSON in an attribute.
            #expect(html.contains(#"data-text="&quot;&lt;script&gt;alert(1)&lt;/script&gt; Ada in Rome&quot;""#))
        }
    }

    @Test func rowsOfNonASCIITextAreStoredAsCodePointsThatSliceTheIntendedCharacters() async throws {
        try await Self.withSpanPage { page in
            let fields =
                Self.row("👩‍⚕️", "PER") + Self.row("Jose\u{301}", "PER", "2") + Self.row("東京", "LOC")
                + Self.row("  שלום ", "PER") + Self.row("مرحبا", "LOC", "1")
                // Typed precomposed, found as the text spells it: e + combining accent.
                + Self.row("Jos\u{E9}", "PER", "1") + Self.row("", "", "")
            let result = try await page.post(fields)
            #expect(result.status == 303, "\(result.text.prefix(800))")
            let spans = try #require(try await page.stored()["n0"])
            #expect(
                Self.slices(spans, of: Self.text) == ["👩‍⚕️", "Jose\u{301}", "東京", "שלום", "مرحبا", "Jose\u{301}"].map { $0 },
                "\(spans)")
            let starts = spans.map { $0["start"] as? Int ?? -1 }
            #expect(starts == starts.sorted() && Set(starts).count == 6, "the two José are different occurrences: \(starts)")
            #expect(spans.map { $0["label"] as? String } == ["PER", "PER", "LOC", "PER", "LOC", "PER"])
        }
    }

    @Test func noEntitiesIsAnAnswerButABlankSubmitIsRefused() async throws {
        try await Self.withSpanPage { page in
            let blank = try await page.post(Self.row("", ""))
            #expect(blank.status == 422 && blank.text.contains("No entities"), "\(blank.text.prefix(300))")
            #expect(try page.server.count("annotation") == 0)
            let none = try await page.post(Self.row("", "") + [("no_entities", "1")])
            #expect(none.status == 303, "\(none.text.prefix(800))")
            #expect(try await page.stored()["n0"]?.isEmpty == true)
        }
    }

    @Test func refusedRowsAre422NamingTheRowKeepingWhatWasTypedAndStoreNothing() async throws {
        try await Self.withSpanPage { page in
            let cases: [([(String, String)], String)] = [
                (Self.row("Jose\u{301}", "PER") + Self.row("Pariss", "LOC"), "Row 2: “Pariss” is not in the text."),
                (Self.row("東京", "LOC", "2"), "Row 1: “東京” occurs once in the text; there is no occurrence 2."),
                (
                    Self.row("Jose\u{301} met", "PER") + Self.row("met in", "LOC"),
                    "Row 2 (“met in”, LOC) overlaps row 1 (“Jose\u{301} met”, PER); marks may not overlap."
                ),
                (Self.row("東京", "ORG"), "Row 1: “ORG” is not one of this task&#39;s classes."),
                (Self.row("東京", ""), "Row 1: choose a class for “東京”."),
                (Self.row("東京", "LOC", "x"), "Row 1: the occurrence must be a whole number from 1"),
            ]
            for (fields, message) in cases {
                let result = try await page.post(fields)
                #expect(result.status == 422, "\(message): \(result.status)")
                #expect(result.text.contains(message), "\(message)\n\(result.text.prefix(3000))")
                let typed = fields.first { $0.0 == "row_text[]" }?.1 ?? ""
                #expect(result.text.contains(#"value="\#(typed)""#), "keeps \(typed)")
                #expect(try page.server.count("annotation") == 0)
            }
        }
    }

    @Test func addAnotherRowShowsOneMoreRowWithThePlacedMarks() async throws {
        try await Self.withSpanPage { page in
            let result = try await page.post(Self.row("東京", "LOC") + [("add_row", "1")])
            #expect(result.status == 200, "\(result.status)")
            #expect(result.text.contains(#"id="row-text-2""#) && result.text.contains(#"value="東京""#))
            #expect(result.text.contains(#"<mark class="span-mark span-c1">東京<span class="span-tag">LOC</span></mark>"#))
            #expect(result.text.contains(#"id="row-text-2" name="row_text[]" value="" autofocus"#))
            #expect(try page.server.count("annotation") == 0)
        }
    }

    @Test func theListSpansJSPostsIsReadAsTheAPIReadsIt() async throws {
        try await Self.withSpanPage { page in
            let overlapping = #"[{"start":3,"end":7,"label":"PER"},{"start":5,"end":9,"label":"LOC"}]"#
            let refused = try await page.post([("spans", overlapping)] + Self.row("", ""))
            #expect(refused.status == 422 && refused.text.contains("overlaps span 1"), "\(refused.text.prefix(300))")
            let past = #"[{"start":3,"end":999,"label":"PER"}]"#
            let tooLong = try await page.post([("spans", past)])
            #expect(tooLong.status == 422 && tooLong.text.contains("ends past the text"), "\(tooLong.text.prefix(300))")
            #expect(try page.server.count("annotation") == 0)
            // The emoji is code points 3 to 7; rows sent beside the list are ignored.
            let result = try await page.post([("spans", #"[{"start":3,"end":7,"label":"PER"}]"#)] + Self.row("Pariss", "LOC"))
            #expect(result.status == 303, "\(result.text.prefix(500))")
            #expect(Self.slices(try #require(try await page.stored()["n0"]), of: Self.text) == ["👩‍⚕️"])
        }
    }

    @Test func aFormWithoutTheSessionsTokenIsRefused() async throws {
        try await Self.withSpanPage { page in
            let forged = try await page.post(Self.row("東京", "LOC"), csrf: "")
            #expect(forged.status == 403)
            let wrong = try await page.post(Self.row("東京", "LOC"), csrf: "not-the-token")
            #expect(wrong.status == 403)
            #expect(try page.server.count("annotation") == 0)
        }
    }

    @Test func thePreviousPageShowsTheSpansAsRowsAndRevisesThem() async throws {
        try await Self.withSpanPage { page in
            #expect(try await page.post(Self.row("Jose\u{301}", "PER", "2") + Self.row("東京", "LOC")).status == 303)
            let previous = try await page.client.get("/queue/ner/previous", cookie: page.cookie)
            #expect(previous.status == 200)
            #expect(previous.text.contains(#"value="Jose\#u{301}""#) && previous.text.contains(#"value="2""#))
            #expect(
                previous.text.contains(#"<mark class="span-mark span-c0">Jose\#u{301}<span class="span-tag">PER</span></mark>"#))
            #expect(previous.text.contains(#"data-spans="[{&quot;start&quot;"#))
            let refused = try await page.post(Self.row("Rome", "LOC"), path: "/queue/ner/previous")
            #expect(refused.status == 422 && refused.text.contains("Row 1: “Rome” is not in the text."))
            let revised = try await page.post(Self.row("שלום", "PER") + Self.row("東京", "PER"), path: "/queue/ner/previous")
            #expect(revised.status == 303, "\(revised.text.prefix(800))")
            let spans = try #require(try await page.stored()["n0"])
            #expect(Self.slices(spans, of: Self.text) == ["東京", "שלום"])
            #expect(spans.map { $0["label"] as? String } == ["PER", "PER"])
        }
    }
}

/// Rows and spans, each turned into the other: every span whose text has no white space at its
/// edges comes back as itself, whichever occurrence of its text it is.
@Suite struct SpanRowsTests {
    @Test func everySpanBecomesARowThatPlacesItAgain() throws {
        let text = "banana 👩‍⚕️ banana e\u{301} ana"
        let spans = [
            Span(start: 1, end: 4, label: "PER"),  // "ana", overlapping the "ana" at 3
            Span(start: 7, end: 11, label: "LOC"),  // the emoji sequence
            Span(start: 15, end: 18, label: "PER"),  // the second "ana" of the second banana
            Span(start: 20, end: 21, label: "LOC"),  // the combining accent alone
            Span(start: 22, end: 25, label: "PER"),  // the last "ana"
        ]
        let rows = SpanRows.rows(for: spans, in: text)
        #expect(rows.map(\.occurrence) == ["1", "1", "4", "1", "5"], "\(rows)")
        let placed = SpanRows.place(rows, in: text, classes: ["PER", "LOC"])
        #expect(placed.errors.isEmpty, "\(placed.errors)")
        #expect(placed.spans == spans)
    }

    @Test func aPrecomposedAccentFindsTheTextsDecomposedOneOnlyWhenNothingMatchesExactly() {
        let text = "Jose\u{301} and Jos\u{E9}"
        let decomposed = SpanRows.occurrences(of: "Jose\u{301}", in: Array(text.unicodeScalars), text: text)
        #expect(decomposed == [0..<5])
        let precomposed = SpanRows.occurrences(of: "Jos\u{E9}", in: Array(text.unicodeScalars), text: text)
        #expect(precomposed == [10..<14])
        let onlyDecomposed = "Jose\u{301}!"
        #expect(SpanRows.occurrences(of: "Jos\u{E9}", in: Array(onlyDecomposed.unicodeScalars), text: onlyDecomposed) == [0..<5])
    }
}
