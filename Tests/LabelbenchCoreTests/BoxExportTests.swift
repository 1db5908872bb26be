import Agreement
import ArtifactStore
import Foundation
import Testing

@testable import LabelbenchCore

/// An export of a box task writes each item's consensus boxes and its F1 at IoU 0.5 as agreement,
/// by the statistics library's box rules, and grades gold box lists by F1 ≥ 0.999.
@Suite struct BoxExportTests {
    @Test func rowsCarryTheConsensusBoxesTheirF1AndGoldAccuracy() async throws {
        try await withTemporaryFolder { folder in
            let db = try AppDatabase.openFile(at: folder.appendingPathComponent("labelbench.sqlite"))
            let blobs = try BlobStore(root: folder.appendingPathComponent("blobs"))
            var definition = Fixture.definition(name: "street", answer: .boxes, labels: ["pedestrian", "car"], overlap: 3)
            definition.kind = .image
            let (task, _) = try await Fixture.task(db, definition, annotators: ["a", "b", "c"], items: 0)
            let gold = #"[{"x": 5, "y": 5, "w": 10, "h": 10, "label": "car"}]"#
            try await db.importItems(
                ["e0", "g0", "s0"].enumerated().map { index, id in
                    let image = try! blobs.put(Data("image \(id)".utf8))
                    return ItemDraft(
                        externalID: id,
                        content: .image(StoredImage(sha256: image.sha256, mimeType: "image/png", width: 640, height: 480)),
                        gold: id == "g0" ? JSONValueBox(try! JSONSerialization.jsonObject(with: Data(gold.utf8))) : nil,
                        origin: .line(index + 1, of: "items.jsonl"))
                }, into: task)
            func box(_ x: Int, _ y: Int, _ w: Int, _ h: Int, _ label: String) -> String {
                #"{"x": \#(x), "y": \#(y), "w": \#(w), "h": \#(h), "label": "\#(label)"}"#
            }
            let lines = [
                #"{"item": "s0", "annotator": "a", "label": [\#(box(0, 0, 10, 10, "car")), \#(box(100, 100, 20, 40, "pedestrian"))]}"#,
                #"{"item": "s0", "annotator": "b", "label": [\#(box(1, 0, 10, 10, "car"))]}"#,
                #"{"item": "s0", "annotator": "c", "label": [\#(box(100, 100, 20, 40, "pedestrian")), \#(box(0, 1, 10, 10, "car"))]}"#,
                #"{"item": "e0", "annotator": "a", "label": []}"#,
                #"{"item": "e0", "annotator": "b", "label": []}"#,
                // Against the gold car at (5, 5): IoU 81/119 ≥ 0.5 is a match (F1 1), IoU 25/175 is not (F1 0).
                #"{"item": "g0", "annotator": "a", "label": [\#(box(6, 6, 10, 10, "car"))]}"#,
                #"{"item": "g0", "annotator": "b", "label": [\#(box(0, 0, 10, 10, "car"))]}"#,
            ]
            _ = try await db.importAnnotations(Fixture.jsonl(lines), fileName: "annotations.jsonl", into: task)
            let draft = try DatasetExporter(database: db, blobs: blobs, pseudonymKey: "secret")
                .draft(of: task, options: ExportOptions(), by: nil)
            let labels = try blobs.read(try #require(draft.files.first { $0.path == "labels.jsonl" }).blob.sha256)
            let rows = try labels.split(separator: 0x0A).map {
                try #require(try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])
            }
            #expect(rows.map { $0["id"] as? String } == ["e0", "g0", "s0"])
            // e0: both answered "nothing to box".
            #expect((rows[0]["label"] as? [Any])?.isEmpty == true)
            #expect(rows[0]["confidence"] as? Double == 1 && rows[0]["agreement"] as? Double == 1)
            #expect(rows[1]["source"] as? String == "gold")
            // s0: the car boxed by all three (median corners), the pedestrian by two of three; pairs
            // a–b 2/3, a–c 1, b–c 2/3 (every car pair overlaps at IoU ≥ 81/119).
            let boxes = try #require(rows[2]["label"] as? [[String: Any]], "\(rows[2])")
            #expect(
                boxes.map { "\($0["label"]!) \($0["x"]!),\($0["y"]!) \($0["w"]!)x\($0["h"]!)" } == [
                    "car 0,0 10x10", "pedestrian 100,100 20x40",
                ])
            #expect(rows[2]["source"] as? String == "consensus")
            #expect(abs((rows[2]["confidence"] as? Double ?? 0) - 2.0 / 3) < 1e-3)
            #expect(abs((rows[2]["agreement"] as? Double ?? 0) - 7.0 / 9) < 1e-3)
            #expect(draft.metadata["gold_accuracy"] == .double(0.5))
            // The task's report grades the same gold answers per annotator.
            let report = try await db.agreementReport(for: task)
            #expect(
                report.annotators.map { "\($0.annotator) \($0.goldAccuracy.map { String($0) } ?? "-")" } == [
                    "a 1.0", "b 0.0", "c -",
                ])
            #expect(report.boxAgreement?.pairs == 5)
            #expect(draft.metadata["answer"] == .string("boxes"))
        }
    }
}
