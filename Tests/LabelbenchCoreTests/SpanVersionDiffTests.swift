import Agreement
import ArtifactStore
import Foundation
import Testing

@testable import LabelbenchCore

/// Versions of a span task: an item whose consensus span list changes is relabeled in the diff, one whose
/// spans only gain or lose confidence is not, and the same state exported again is the same version.
@Suite struct SpanVersionDiffTests {
    @Test func aChangedConsensusSpanListIsARelabel() async throws {
        try await withTemporaryFolder { folder in
            let db = try AppDatabase.openFile(at: folder.appendingPathComponent("labelbench.sqlite"))
            let blobs = try BlobStore(root: folder.appendingPathComponent("blobs"))
            let definition = Fixture.definition(name: "ner", answer: .spans, labels: ["PER", "LOC", "ORG"], overlap: 3)
            let (task, _) = try await Fixture.task(db, definition, annotators: ["a", "b", "c"], items: 0)
            try await db.importItems(
                ["steady", "split"].enumerated().map { offset, id in
                    ItemDraft(externalID: id, content: .text("Ann in Rome"), gold: nil, origin: .line(offset + 1, of: "i.jsonl"))
                }, into: task)
            let per = #"{"start": 0, "end": 3, "label": "PER"}"#
            let loc = #"{"start": 7, "end": 11, "label": "LOC"}"#
            func annotate(_ lines: [String]) async throws {
                _ = try await db.importAnnotations(Fixture.jsonl(lines), fileName: "annotations.jsonl", into: task)
            }
            try await annotate([
                #"{"item": "steady", "annotator": "a", "label": [\#(per), \#(loc)]}"#,
                #"{"item": "steady", "annotator": "b", "label": [\#(per), \#(loc)]}"#,
                #"{"item": "split", "annotator": "a", "label": [\#(per)]}"#,
                #"{"item": "split", "annotator": "b", "label": [\#(loc)]}"#,
            ])
            func export() throws -> CommitResult {
                try db.exportDataset(task, options: ExportOptions(format: .spacy), by: nil, blobs: blobs, pseudonymKey: "k")
            }
            let first = try export()
            #expect(!(try export()).isNew, "the same state is the same version")
            // steady: a third annotator without LOC lowers its confidence to 2/3, the spans stay;
            // split: two more PER votes make PER a strict majority (3 of 4), where the consensus was [].
            try await annotate([
                #"{"item": "steady", "annotator": "c", "label": [\#(per)]}"#,
                #"{"item": "split", "annotator": "c", "label": [\#(per)]}"#,
                #"{"item": "split", "annotator": "d", "label": [\#(per)]}"#,
            ])
            let second = try export()
            #expect(second.isNew && second.version.number == first.version.number + 1)
            let diff = try db.artifacts(blobs: blobs).diff(
                try ArtifactReference(parsing: first.version.reference), try ArtifactReference(parsing: second.version.reference))
            #expect(diff.relabeled.map(\.id) == ["split"])
            #expect(diff.relabeled.first?.old == JSONValue.array([]))
            #expect(diff.relabeled.first?.new == JSONValue.array([["start": 0, "end": 3, "label": "PER"]]))
            #expect(
                [diff.counts.added, diff.counts.removed, diff.counts.relabeled, diff.counts.unchanged] == [Int]([0, 0, 1, 1]))
        }
    }
}
