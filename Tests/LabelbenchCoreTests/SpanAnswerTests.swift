import Agreement
import Foundation
import Testing

@testable import LabelbenchCore

/// `answer: spans` on text tasks: authoring, submitting and importing span lists, with offsets in
/// Unicode code points of text that UTF-16 or grapheme counting would get wrong.
@Suite struct SpanAnswerTests {
    /// A combining accent, a family emoji (five code points, one grapheme), CJK, a newline, Hebrew
    /// and an emoji outside the BMP at the very end: 33 code points, 37 UTF-16 units. The offsets
    /// below were computed with Python's `str.index`.
    static let text = "Zoe\u{301} met \u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467} in 東京.\nשלום עולם \u{1F600}"

    private func spanTask(
        items: [(String, String)] = [("n0", text), ("n1", "ok")]
    ) async throws -> (
        AppDatabase, LabelingTask, [User]
    ) {
        let db = try Fixture.database()
        let definition = Fixture.definition(name: "ner", answer: .spans, labels: ["PER", "LOC", "FAM", "MISC"])
        let (task, users) = try await Fixture.task(db, definition, annotators: ["ann-1", "ann-2"], items: 0)
        if items.isEmpty { return (db, task, users) }
        try await db.importItems(
            items.enumerated().map { index, item in
                ItemDraft(externalID: item.0, content: .text(item.1), gold: nil, origin: .line(index + 1, of: "items.jsonl"))
            }, into: task)
        return (db, task, users)
    }

    private func answer(_ json: String, for task: LabelingTask) throws -> Answer {
        try Answer.parse(JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed), for: task)
    }

    private func stored(_ db: AppDatabase, _ task: LabelingTask) async throws -> [String] {
        var rows: [String] = []
        try await db.forEachAnnotation(of: task) { rows.append("\($0.item) \($0.annotator) \($0.answer.json)") }
        return rows
    }

    private func slice(_ span: Span, of text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[span.start..<span.end])
        return String(result)
    }

    @Test func spansAreForTextTasksOnly() throws {
        var definition = Fixture.definition(answer: .spans, labels: ["PER", "LOC"])
        #expect(definition.problems().isEmpty)
        definition.kind = .image
        #expect(definition.problems().map(\.field) == ["answer"])
        let file = #"{"name": "boxes", "kind": "image", "answer": "spans", "labels": [{"name": "a"}, {"name": "b"}]}"#
        #expect(
            throws: DomainError.invalid(
                "answer: spans mark ranges of a text item; an image task answers single, multiple, rating or boxes")
        ) {
            try TaskDefinition.decode(Data(file.utf8))
        }
        let text = #"{"name": "ner", "answer": "spans", "labels": [{"name": "PER", "key": "p"}, {"name": "LOC"}]}"#
        #expect(try TaskDefinition.decode(Data(text.utf8)).answer == .spans)
    }

    @Test func offsetsCountCodePointsAndComeBackSorted() async throws {
        let (db, task, users) = try await spanTask()
        let sent = try answer(
            #"[{"start": 32, "end": 33, "label": "MISC"}, {"start": 0, "end": 4, "label": "PER"},"#
                + #" {"start": 18, "end": 20, "label": "LOC"}, {"start": 9, "end": 14, "label": "FAM"},"#
                + #" {"start": 22, "end": 26, "label": "LOC", "note": "ignored"}]"#, for: task)
        let view = try await db.submitAnnotation(AnnotationSubmission(itemID: "n0", answer: sent), in: task, by: users[0])
        guard case .spans(let spans) = view.answer else {
            Issue.record("expected spans, got \(view.answer)")
            return
        }
        #expect(spans.map(\.start) == [0, 9, 18, 22, 32])
        #expect(
            spans.map { slice($0, of: Self.text) } == [
                "Zoe\u{301}", "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}", "東京", "שלום", "\u{1F600}",
            ])
        #expect(
            try await stored(db, task) == [
                #"n0 ann-1 [{"start":0,"end":4,"label":"PER"},{"start":9,"end":14,"label":"FAM"},"#
                    + #"{"start":18,"end":20,"label":"LOC"},{"start":22,"end":26,"label":"LOC"},"#
                    + #"{"start":32,"end":33,"label":"MISC"}]"#
            ])
        // The same spans in another order are the same answer: a resubmission is not a conflict.
        let again = try answer(
            #"[{"start": 0, "end": 4, "label": "PER"}, {"start": 22, "end": 26, "label": "LOC"},"#
                + #" {"start": 9, "end": 14, "label": "FAM"}, {"start": 18, "end": 20, "label": "LOC"},"#
                + #" {"start": 32, "end": 33, "label": "MISC"}]"#, for: task)
        let resent = try await db.submitAnnotation(AnnotationSubmission(itemID: "n0", answer: again), in: task, by: users[0])
        #expect(!resent.created && resent.id == view.id)
        let changed = try answer(#"[{"start": 0, "end": 3, "label": "PER"}]"#, for: task)
        let conflict = await domainError {
            _ = try await db.submitAnnotation(AnnotationSubmission(itemID: "n0", answer: changed), in: task, by: users[0])
        }
        #expect(conflict == .conflict("you already answered item n0 with a different label"))
    }

    @Test func anEmptyListIsARealAnswerAndResubmits() async throws {
        let (db, task, users) = try await spanTask()
        let none = try answer("[]", for: task)
        #expect(none == .spans([]))
        let first = try await db.submitAnnotation(AnnotationSubmission(itemID: "n1", answer: none), in: task, by: users[1])
        let second = try await db.submitAnnotation(AnnotationSubmission(itemID: "n1", answer: none), in: task, by: users[1])
        #expect(first.created && !second.created && second.id == first.id)
        #expect(try await stored(db, task) == ["n1 ann-2 []"])
    }

    @Test(arguments: [
        // UTF-16 would count 37 units and let these through.
        (
            #"[{"start": 30, "end": 34, "label": "MISC"}]"#,
            "span (start 30, end 34, label \"MISC\") ends past the text's 33 characters"
        ),
        (
            #"[{"start": 36, "end": 37, "label": "MISC"}]"#,
            "span (start 36, end 37, label \"MISC\") ends past the text's 33 characters"
        ),
    ])
    func spansPastTheTextAreRefusedAndNothingIsStored(_ json: String, _ message: String) async throws {
        let (db, task, users) = try await spanTask()
        let sent = try answer(json, for: task)
        let error = await domainError {
            _ = try await db.submitAnnotation(AnnotationSubmission(itemID: "n0", answer: sent), in: task, by: users[0])
        }
        #expect(error == .invalid("label: \(message)"))
        #expect(try await stored(db, task).isEmpty)
    }

    @Test(arguments: [
        (
            #"[{"start": 0, "end": 5, "label": "PER"}, {"start": 4, "end": 6, "label": "LOC"}]"#,
            #"span 2 (start 4, end 6, label "LOC") overlaps span 1 (start 0, end 5, label "PER"); spans of one annotation may not overlap"#
        ),
        (#"[{"start": 3, "end": 3, "label": "PER"}]"#, #"span 1 (start 3, end 3, label "PER"): end must be greater than start"#),
        (#"[{"start": -1, "end": 2, "label": "PER"}]"#, #"span 1 (start -1, end 2, label "PER"): start must be 0 or more"#),
        (
            #"[{"start": 0, "end": 2, "label": "PER"}, {"start": 3, "end": 4, "label": "ORG"}]"#,
            #"span 2 (start 3, end 4, label "ORG"): "ORG" is not one of the task's labels"#
        ),
        (#"[{"start": 0.5, "end": 2, "label": "PER"}]"#, #"span 1: "start" must be a whole number of characters"#),
        (#"[{"start": 0, "end": 2}]"#, #"span 1 has no "label""#),
        (#""PER""#, "expected a list of spans {\"start\", \"end\", \"label\"}"),
    ])
    func badSpanListsAreRefusedNamingTheSpan(_ json: String, _ message: String) async throws {
        let (_, task, _) = try await spanTask()
        #expect(throws: DomainError.invalid("label: \(message)")) { try answer(json, for: task) }
    }

    @Test func touchingSpansAreAllowed() async throws {
        let (_, task, _) = try await spanTask()
        let touching = try answer(#"[{"start": 4, "end": 9, "label": "LOC"}, {"start": 0, "end": 4, "label": "PER"}]"#, for: task)
        #expect(touching == .spans([Span(start: 0, end: 4, label: "PER"), Span(start: 4, end: 9, label: "LOC")]))
    }

    @Test func importChecksSpansAgainstTheItemAndNamesTheLine() async throws {
        let (db, task, _) = try await spanTask()
        let good =
            #"{"item": "n0", "annotator": "ext-1", "label": [{"start": 18, "end": 20, "label": "LOC"}, {"start": 0, "end": 4, "label": "PER"}]}"#
        let pastEnd = #"{"item": "n1", "annotator": "ext-1", "label": [{"start": 0, "end": 3, "label": "PER"}]}"#
        let error = await domainError {
            _ = try await db.importAnnotations(Fixture.jsonl([good, pastEnd]), fileName: "a.jsonl", into: task)
        }
        #expect(
            error == .invalid("a.jsonl line 2: label: span (start 0, end 3, label \"PER\") ends past the text's 2 characters"))
        #expect(try await stored(db, task).isEmpty)

        let overlapping =
            #"{"item": "n0", "annotator": "ext-1", "label": [{"start": 0, "end": 4, "label": "PER"}, {"start": 3, "end": 5, "label": "PER"}]}"#
        let refused = await domainError {
            _ = try await db.importAnnotations(Fixture.jsonl([overlapping]), fileName: "b.jsonl", into: task)
        }
        #expect(
            refused?.description.hasPrefix("b.jsonl line 1: label: span 2 (start 3, end 5, label \"PER\") overlaps span 1")
                == true)

        let report = try await db.importAnnotations(
            Fixture.jsonl([good, #"{"item": "n1", "annotator": "ext-1", "label": []}"#]), fileName: "c.jsonl", into: task)
        #expect(report.imported == 2)
        #expect(
            try await stored(db, task) == [
                #"n0 ext-1 [{"start":0,"end":4,"label":"PER"},{"start":18,"end":20,"label":"LOC"}]"#, "n1 ext-1 []",
            ])
    }

    @Test func goldSpansAreCheckedAgainstTheirItem() async throws {
        let (db, task, _) = try await spanTask(items: [])
        func draft(_ id: String, gold: String) throws -> ItemDraft {
            ItemDraft(
                externalID: id, content: .text("Zoe\u{301}"),
                gold: JSONValueBox(try JSONSerialization.jsonObject(with: Data(gold.utf8))), origin: .line(1, of: "g.jsonl"))
        }
        let error = await domainError {
            _ = try await db.importItems([try draft("g0", gold: #"[{"start": 0, "end": 5, "label": "PER"}]"#)], into: task)
        }
        #expect(error == .invalid("g.jsonl line 1: gold span (start 0, end 5, label \"PER\") ends past the text's 4 characters"))
        _ = try await db.importItems([try draft("g1", gold: #"[{"start": 0, "end": 4, "label": "PER"}]"#)], into: task)
        let gold = try await db.statisticsInput(for: task).gold
        #expect(gold == ["g1": .spans([Span(start: 0, end: 4, label: "PER")])])
    }

    @Test func aRulingIsAWholeSpanListCheckedAgainstTheItem() async throws {
        let (db, task, _) = try await spanTask()
        let lead = try await db.createUser(name: "lead", role: .practitioner, password: nil)
        let past = try answer(#"[{"start": 0, "end": 3, "label": "PER"}]"#, for: task)
        let error = await domainError { _ = try await db.adjudicate("n1", in: task, answer: past, note: nil, by: lead) }
        #expect(error == .invalid("label: span (start 0, end 3, label \"PER\") ends past the text's 2 characters"))
        let ruling = try answer(#"[{"start": 18, "end": 20, "label": "LOC"}, {"start": 0, "end": 4, "label": "PER"}]"#, for: task)
        let stored = try await db.adjudicate("n0", in: task, answer: ruling, note: "Zoë is a person", by: lead)
        #expect(stored.answer == .spans([Span(start: 0, end: 4, label: "PER"), Span(start: 18, end: 20, label: "LOC")]))
    }
}
