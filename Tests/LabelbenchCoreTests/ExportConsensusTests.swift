import Agreement
import ArtifactStore
import Foundation
import Testing

@testable import LabelbenchCore

/// labels.jsonl, `aggregate` and quality.json share one definition of consensus and agreement.
@Suite struct ExportConsensusTests {
    @Test(arguments: [AnswerType.single, .multiple, .rating])
    func rowsMatchAggregateAndTheQualityReport(_ answer: AnswerType) async throws {
        try await withTemporaryFolder { folder in
            let db = try AppDatabase.openFile(at: folder.appendingPathComponent("labelbench.sqlite"))
            let blobs = try BlobStore(root: folder.appendingPathComponent("blobs"))
            let labels = answer == .rating ? ["5", "4", "3", "2", "1"] : ["cat", "dog", "bird", "fish"]
            let annotators = ["a1", "a2", "a3", "a4", "a5"]
            let (task, _) = try await Fixture.task(
                db, Fixture.definition(answer: answer, labels: labels, overlap: 5), annotators: annotators, items: 120)
            var generator = SeededNumbers(seed: 7)
            var lines: [String] = []
            for item in 0..<120 {
                for annotator in annotators.prefix(Int(generator.next() % 5) + 1) {
                    let label =
                        answer == .multiple
                        ? "[" + labels.filter { _ in generator.next() % 3 == 0 }.map { "\"\($0)\"" }.joined(separator: ",")
                            + "]"
                        : "\"\(labels[Int(generator.next() % UInt64(item % 5 == 0 ? 2 : labels.count))])\""
                    lines.append(#"{"item": "\#(Fixture.itemID(item))", "annotator": "\#(annotator)", "label": \#(label)}"#)
                }
            }
            _ = try await db.importAnnotations(Fixture.jsonl(lines), fileName: "annotations.jsonl", into: task)
            let draft = try DatasetExporter(database: db, blobs: blobs, pseudonymKey: "secret")
                .draft(of: task, options: ExportOptions(), by: nil)
            func file(_ path: String) throws -> Data { try blobs.read(draft.files.first { $0.path == path }!.blob.sha256) }
            let input = try await db.statisticsInput(for: task)
            let consensus = aggregate(input.annotations, method: .majority, labelOrder: task.labelNames, gold: input.gold)
            let expected = Dictionary(uniqueKeysWithValues: consensus.labels.map { ($0.item, $0) })
            let quality = try JSONDecoder().decode(AgreementReport.self, from: try file("quality.json"))
            let agreement = Dictionary(uniqueKeysWithValues: quality.perItem.map { ($0.item, $0.agreement) })
            var rows = 0
            for line in try file("labels.jsonl").split(separator: 0x0A) {
                let row = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
                let id = row["id"] as! String
                let want = try #require(expected[id])
                let label = try JSONSerialization.data(withJSONObject: row["label"]!, options: .fragmentsAllowed)
                #expect(try JSONDecoder().decode(LabelValue.self, from: label) == want.label, "\(id)")
                // Compared as text: JSONSerialization reads some doubles a bit off on Linux.
                let text = String(decoding: line, as: UTF8.self)
                #expect(text.contains("\"confidence\":\(JSONText.number(want.confidence)),"), "\(id)")
                #expect(text.contains("\"agreement\":\(JSONText.number(agreement[id] ?? nil)),"), "\(id)")
                rows += 1
            }
            #expect(rows == 120)
        }
    }
}

/// A seeded generator (SplitMix64) so the fixture is the same on every run.
struct SeededNumbers: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
