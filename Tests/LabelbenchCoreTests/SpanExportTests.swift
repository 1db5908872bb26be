import Agreement
import ArtifactStore
import Foundation
import Testing

@testable import LabelbenchCore

/// An export of a span task writes each item's strict-majority spans and its exact-F1 agreement,
/// by the statistics library's span rules (the queue UI and the spaCy/CoNLL formats come later).
@Suite struct SpanExportTests {
    @Test func rowsCarryTheMajoritySpansAndTheirF1() async throws {
        try await withTemporaryFolder { folder in
            let db = try AppDatabase.openFile(at: folder.appendingPathComponent("labelbench.sqlite"))
            let blobs = try BlobStore(root: folder.appendingPathComponent("blobs"))
            let definition = Fixture.definition(name: "ner", answer: .spans, labels: ["PER", "LOC"], overlap: 3)
            let (task, _) = try await Fixture.task(db, definition, annotators: ["a", "b", "c"], items: 0)
            try await db.importItems(
                [
                    ItemDraft(externalID: "n0", content: .text("Ann in Rome"), gold: nil, origin: .line(1, of: "i.jsonl")),
                    ItemDraft(externalID: "n1", content: .text("nobody"), gold: nil, origin: .line(2, of: "i.jsonl")),
                ], into: task)
            let per = #"{"start": 0, "end": 3, "label": "PER"}"#
            let loc = #"{"start": 7, "end": 11, "label": "LOC"}"#
            let lines = [
                #"{"item": "n0", "annotator": "a", "label": [\#(loc), \#(per)]}"#,
                #"{"item": "n0", "annotator": "b", "label": [\#(per)]}"#,
                #"{"item": "n0", "annotator": "c", "label": [\#(per), \#(loc)]}"#,
                #"{"item": "n1", "annotator": "a", "label": []}"#,
                #"{"item": "n1", "annotator": "b", "label": []}"#,
            ]
            _ = try await db.importAnnotations(Fixture.jsonl(lines), fileName: "annotations.jsonl", into: task)
            let draft = try DatasetExporter(database: db, blobs: blobs, pseudonymKey: "secret")
                .draft(of: task, options: ExportOptions(), by: nil)
            let labels = try blobs.read(try #require(draft.files.first { $0.path == "labels.jsonl" }).blob.sha256)
            let rows = try labels.split(separator: 0x0A).map {
                try #require(try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])
            }
            #expect(rows.map { $0["id"] as? String } == ["n0", "n1"])
            // n0: PER by all three, LOC by two of three; pairs a–b 2/3, a–c 1, b–c 2/3.
            let spans = try #require(rows[0]["label"] as? [[String: Any]])
            #expect(spans.map { "\($0["start"]!)-\($0["end"]!) \($0["label"]!)" } == ["0-3 PER", "7-11 LOC"])
            #expect(abs((rows[0]["confidence"] as? Double ?? 0) - 2.0 / 3) < 1e-3)
            #expect(abs((rows[0]["agreement"] as? Double ?? 0) - 7.0 / 9) < 1e-3)
            // n1: both answered "no entities".
            #expect((rows[1]["label"] as? [Any])?.isEmpty == true)
            #expect(rows[1]["confidence"] as? Double == 1 && rows[1]["agreement"] as? Double == 1)
        }
    }
}
