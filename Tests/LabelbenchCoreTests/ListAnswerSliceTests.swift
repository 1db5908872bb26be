import Agreement
import ArtifactStore
import Foundation
import Testing

@testable import LabelbenchCore

/// A slice of a span or box task filters the format's own files as it filters `labels.jsonl`, and split
/// files hold the same rows.
@Suite struct ListAnswerSliceTests {
    @Test func spanFilesHoldOnlyTheSlice() async throws {
        try await withTemporaryFolder { folder in
            let db = try AppDatabase.openFile(at: folder.appendingPathComponent("labelbench.sqlite"))
            let blobs = try BlobStore(root: folder.appendingPathComponent("blobs"))
            let definition = Fixture.definition(name: "ner", answer: .spans, labels: ["PER", "LOC"], overlap: 2)
            let (task, _) = try await Fixture.task(db, definition, annotators: ["a", "b"], items: 0)
            try await db.importItems(
                ["Ann in Rome", "Bob", "nobody"].enumerated().map { index, text in
                    ItemDraft(externalID: "n\(index)", content: .text(text), gold: nil, origin: .line(index + 1, of: "i.jsonl"))
                }, into: task)
            let per = #"{"start": 0, "end": 3, "label": "PER"}"#
            let loc = #"{"start": 7, "end": 11, "label": "LOC"}"#
            let lines = ["a", "b"].flatMap { annotator in
                [
                    #"{"item": "n0", "annotator": "\#(annotator)", "label": [\#(per), \#(loc)]}"#,
                    #"{"item": "n1", "annotator": "\#(annotator)", "label": [\#(per)]}"#,
                    #"{"item": "n2", "annotator": "\#(annotator)", "label": []}"#,
                ]
            }
            _ = try await db.importAnnotations(Fixture.jsonl(lines), fileName: "annotations.jsonl", into: task)
            let exporter = DatasetExporter(database: db, blobs: blobs, pseudonymKey: "secret")
            for (format, path) in [(ExportOptions.Format.spacy, "spans.jsonl"), (.conll, "labels.conll")] {
                let options = ExportOptions(
                    format: format, slice: ExportSlice(label: "LOC"),
                    split: try DatasetSplit(parsing: "train=0.5,test=0.5", field: "split"))
                let draft = try exporter.draft(of: task, options: options, by: nil)
                func read(_ path: String) throws -> Data {
                    try blobs.read(try #require(draft.files.first { $0.path == path }, "\(path)").blob.sha256)
                }
                #expect(try SliceFixture.ids(in: try read("labels.jsonl")) == ["n0"])
                let file = String(decoding: try read(path), as: UTF8.self)
                #expect(
                    file
                        == (format == .spacy
                            ? SpanFileWriter.spacyRow(
                                id: "n0", text: "Ann in Rome",
                                spans: [
                                    Agreement.Span(start: 0, end: 3, label: "PER"),
                                    Agreement.Span(start: 7, end: 11, label: "LOC"),
                                ]) : "Ann B-PER\nin O\nRome B-LOC\n\n"))
                #expect(
                    try (SliceFixture.ids(in: try read("train.jsonl")) + SliceFixture.ids(in: try read("test.jsonl"))) == ["n0"])
            }
        }
    }

    @Test func boxFilesHoldOnlyTheSlice() async throws {
        try await withTemporaryFolder { folder in
            let db = try AppDatabase.openFile(at: folder.appendingPathComponent("labelbench.sqlite"))
            let blobs = try BlobStore(root: folder.appendingPathComponent("blobs"))
            var definition = Fixture.definition(name: "street", answer: .boxes, labels: ["pedestrian", "car"], overlap: 2)
            definition.kind = .image
            let (task, _) = try await Fixture.task(db, definition, annotators: ["a", "b"], items: 0)
            try await db.importItems(
                ["c0", "p0", "e0"].enumerated().map { index, id in
                    let image = try! blobs.put(Data("image \(id)".utf8))
                    return ItemDraft(
                        externalID: id,
                        content: .image(StoredImage(sha256: image.sha256, mimeType: "image/png", width: 640, height: 480)),
                        meta: #"{"camera":"\#(index == 0 ? "north" : "south")"}"#, gold: nil,
                        origin: .line(index + 1, of: "i.jsonl"))
                }, into: task)
            let car = #"{"x": 0, "y": 0, "w": 10, "h": 10, "label": "car"}"#
            let pedestrian = #"{"x": 100, "y": 100, "w": 20, "h": 40, "label": "pedestrian"}"#
            let lines = ["a", "b"].flatMap { annotator in
                [
                    #"{"item": "c0", "annotator": "\#(annotator)", "label": [\#(car)]}"#,
                    #"{"item": "p0", "annotator": "\#(annotator)", "label": [\#(pedestrian)]}"#,
                    #"{"item": "e0", "annotator": "\#(annotator)", "label": []}"#,
                ]
            }
            _ = try await db.importAnnotations(Fixture.jsonl(lines), fileName: "annotations.jsonl", into: task)
            let exporter = DatasetExporter(database: db, blobs: blobs, pseudonymKey: "secret")
            let slice = ExportSlice(meta: [MetaCondition(key: "camera", value: "south")])
            let coco = try exporter.draft(of: task, options: ExportOptions(format: .coco, slice: slice), by: nil)
            let cocoFile = try blobs.read(try #require(coco.files.first { $0.path == "annotations.coco.json" }).blob.sha256)
            let parsed = try #require(try JSONSerialization.jsonObject(with: cocoFile) as? [String: Any])
            let images = try #require(parsed["images"] as? [[String: Any]])
            #expect(images.map { $0["item_id"] as? String } == ["e0", "p0"])
            #expect((parsed["annotations"] as? [[String: Any]])?.count == 1)
            let yolo = try exporter.draft(of: task, options: ExportOptions(format: .yolo, slice: slice), by: nil)
            #expect(yolo.files.filter { $0.path.hasPrefix("labels/") }.count == 2)
            #expect(yolo.files.filter { $0.path.hasPrefix("images/") }.count == 2, "only the slice's images")
        }
    }
}
