import Agreement
import ArtifactStore
import Foundation
import Testing

@testable import LabelbenchCore

/// Gold on span tasks: an answer is correct when its exact F1 against the gold list is at least 0.999,
/// whatever order its spans came in; partial credit is not correct, and `[]` against a gold `[]` is.
@Suite struct SpanGoldTests {
    @Test func theRuleIsExactF1OfAtLeast0999() {
        let per = Span(start: 0, end: 3, label: "PER")
        let loc = Span(start: 7, end: 11, label: "LOC")
        #expect(Span.matchesGold([loc, per], gold: [per, loc]))
        #expect(Span.matchesGold([Span(start: 0, end: 3, label: "PER", confidence: 0.5)], gold: [per]))
        #expect(Span.matchesGold([], gold: []))
        #expect(!Span.matchesGold([per], gold: [per, loc]), "F1 2/3")
        #expect(!Span.matchesGold([per], gold: []) && !Span.matchesGold([], gold: [per]))
        #expect(!Span.matchesGold([Span(start: 0, end: 4, label: "PER")], gold: [per]))
        // 999 of 1,000 spans found: F1 = 1998/1999 ≥ 0.999, the threshold's one leniency.
        let many = (0..<1000).map { Span(start: 2 * $0, end: 2 * $0 + 1, label: "PER") }
        #expect(Span.matchesGold(Array(many.dropLast()), gold: many))
        #expect(!Span.matchesGold(Array(many.dropLast(2)), gold: many))
    }

    @Test func theExportsGoldAccuracyScoresSpanListsByF1() async throws {
        try await withTemporaryFolder { folder in
            let db = try AppDatabase.openFile(at: folder.appendingPathComponent("labelbench.sqlite"))
            let blobs = try BlobStore(root: folder.appendingPathComponent("blobs"))
            let definition = Fixture.definition(name: "ner", answer: .spans, labels: ["PER", "LOC", "ORG"], overlap: 3)
            let (task, _) = try await Fixture.task(db, definition, annotators: ["a", "b", "c"], items: 0)
            let goldSpans: [[String: Any]] = [
                ["start": 0, "end": 3, "label": "PER"], ["start": 7, "end": 11, "label": "LOC"],
            ]
            try await db.importItems(
                [
                    ItemDraft(
                        externalID: "g1", content: .text("Ann in Rome"), gold: JSONValueBox(goldSpans),
                        origin: .line(1, of: "i.jsonl")),
                    ItemDraft(
                        externalID: "g2", content: .text("nobody"), gold: JSONValueBox([Any]()), origin: .line(2, of: "i.jsonl")),
                    ItemDraft(externalID: "n3", content: .text("Ann"), gold: nil, origin: .line(3, of: "i.jsonl")),
                ], into: task)
            let per = #"{"start": 0, "end": 3, "label": "PER"}"#
            let loc = #"{"start": 7, "end": 11, "label": "LOC"}"#
            let org = #"{"start": 7, "end": 11, "label": "ORG"}"#
            let lines = [
                #"{"item": "g1", "annotator": "a", "label": [\#(loc), \#(per)]}"#,  // correct, in another order
                #"{"item": "g1", "annotator": "b", "label": [\#(per)]}"#,  // F1 2/3: wrong
                #"{"item": "g1", "annotator": "c", "label": [\#(per), \#(org)]}"#,  // wrong class: wrong
                #"{"item": "g2", "annotator": "a", "label": []}"#,  // correct
                #"{"item": "g2", "annotator": "b", "label": [\#(per)]}"#,  // wrong
                #"{"item": "n3", "annotator": "c", "label": [\#(per)]}"#,  // not gold: not graded
            ]
            _ = try await db.importAnnotations(Fixture.jsonl(lines), fileName: "annotations.jsonl", into: task)
            let draft = try DatasetExporter(database: db, blobs: blobs, pseudonymKey: "k")
                .draft(of: task, options: ExportOptions(), by: nil)
            guard case .object(let metadata) = draft.metadata, case .double(let accuracy)? = metadata["gold_accuracy"] else {
                Issue.record("no gold_accuracy in \(draft.metadata)")
                return
            }
            #expect(abs(accuracy - 2.0 / 5) < 1e-9)
        }
    }
}
