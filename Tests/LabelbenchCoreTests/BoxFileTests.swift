import Agreement
import ArtifactStore
import Crypto
import Foundation
import Testing

@testable import LabelbenchCore

/// `--format coco` and `--format yolo` on a small task worked by hand: two images, three annotators.
///
/// `a-empty` (200×100): a and b box nothing, c one car; the car has 1 of 3 answers, so the consensus is `[]`.
/// `b-street` (640×480): all three box the car — (10, 20, 30, 40), (12, 20, 30, 40), (10, 22, 30, 40); median
/// corners give (10, 20, 30, 40), confidence 1 — and a and c the pedestrian — (100, 100, 20, 40), (101, 100, 20, 40),
/// IoU 760/840; the mean of two middle values gives (100.5, 100, 20, 40), confidence 2/3. Consensus boxes come by
/// label, so car first. The task's classes are `pedestrian, car`: category ids 1 and 2, YOLO classes 0 and 1.
@Suite struct BoxFileTests {
    struct Exported {
        let fixture: BoxTaskFixture
        let version: ArtifactVersion
        func text(_ path: String) throws -> String { String(decoding: try bytes(path), as: UTF8.self) }
        func bytes(_ path: String) throws -> Data { try fixture.bytes(version.reference, path) }
    }

    struct BoxTaskFixture {
        let db: AppDatabase
        let blobs: BlobStore
        let task: LabelingTask
        /// Item id → the image's SHA-256.
        let images: [String: String]

        init(folder: URL) async throws {
            db = try AppDatabase.openFile(at: folder.appendingPathComponent("labelbench.sqlite"))
            let blobs = try BlobStore(root: folder.appendingPathComponent("blobs"))
            self.blobs = blobs
            var definition = Fixture.definition(name: "street", answer: .boxes, labels: ["pedestrian", "car"], overlap: 3)
            definition.kind = .image
            (task, _) = try await Fixture.task(db, definition, annotators: ["a", "b", "c"], items: 0)
            var shas: [String: String] = [:]
            let sizes = ["b-street": (640, 480), "a-empty": (200, 100)]
            // Imported out of id order: the files are in id order.
            let drafts = try ["b-street", "a-empty"].enumerated().map { index, id in
                let image = try blobs.put(Data("pixels of \(id)".utf8))
                shas[id] = image.sha256
                let (width, height) = sizes[id]!
                return ItemDraft(
                    externalID: id,
                    content: .image(StoredImage(sha256: image.sha256, mimeType: "image/png", width: width, height: height)),
                    origin: .line(index + 1, of: "items.jsonl"))
            }
            images = shas
            try await db.importItems(drafts, into: task)
            func box(_ x: Int, _ y: Int, _ w: Int, _ h: Int, _ label: String) -> String {
                #"{"x": \#(x), "y": \#(y), "w": \#(w), "h": \#(h), "label": "\#(label)"}"#
            }
            let lines = [
                #"{"item": "a-empty", "annotator": "a", "label": []}"#,
                #"{"item": "a-empty", "annotator": "b", "label": []}"#,
                #"{"item": "a-empty", "annotator": "c", "label": [\#(box(50, 20, 30, 30, "car"))]}"#,
                #"{"item": "b-street", "annotator": "a", "label": [\#(box(100, 100, 20, 40, "pedestrian")), \#(box(10, 20, 30, 40, "car"))]}"#,
                #"{"item": "b-street", "annotator": "b", "label": [\#(box(12, 20, 30, 40, "car"))]}"#,
                #"{"item": "b-street", "annotator": "c", "label": [\#(box(10, 22, 30, 40, "car")), \#(box(101, 100, 20, 40, "pedestrian"))]}"#,
            ]
            _ = try await db.importAnnotations(Fixture.jsonl(lines), fileName: "annotations.jsonl", into: task)
        }

        func export(_ format: ExportOptions.Format) throws -> ArtifactVersion {
            try db.exportDataset(
                task, options: ExportOptions(name: "street-\(format.rawValue)", format: format), by: nil, blobs: blobs,
                pseudonymKey: "secret"
            ).version
        }

        func bytes(_ reference: String, _ path: String) throws -> Data {
            let (_, url) = try db.artifacts(blobs: blobs).file(try ArtifactReference(parsing: reference), path: path)
            return try Data(contentsOf: url)
        }
    }

    static func exported(_ format: ExportOptions.Format, in folder: URL) async throws -> Exported {
        let fixture = try await BoxTaskFixture(folder: folder)
        return Exported(fixture: fixture, version: try fixture.export(format))
    }

    @Test func cocoHoldsEveryImageInIdOrderWithItsConsensusBoxes() async throws {
        try await withTemporaryFolder { folder in
            let export = try await Self.exported(.coco, in: folder)
            let coco = try #require(
                try JSONSerialization.jsonObject(with: try export.bytes("annotations.coco.json")) as? [String: Any])
            let categories = try #require(coco["categories"] as? [[String: Any]])
            #expect(categories.map { "\($0["id"]!) \($0["name"]!)" } == ["1 pedestrian", "2 car"])
            let images = try #require(coco["images"] as? [[String: Any]])
            let sha = export.fixture.images
            #expect(
                images.map { "\($0["id"]!) \($0["file_name"]!) \($0["width"]!)x\($0["height"]!) \($0["item_id"]!)" } == [
                    "1 images/\(sha["a-empty"]!).png 200x100 a-empty", "2 images/\(sha["b-street"]!).png 640x480 b-street",
                ])
            let annotations = try #require(coco["annotations"] as? [[String: Any]])
            #expect(
                annotations.map {
                    "\($0["id"]!) image \($0["image_id"]!) category \($0["category_id"]!) \($0["bbox"]!) area \($0["area"]!) "
                        + "crowd \($0["iscrowd"]!)"
                } == [
                    "1 image 2 category 2 [10, 20, 30, 40] area 1200 crowd 0",
                    "2 image 2 category 1 [100.5, 100, 20, 40] area 800 crowd 0",
                ])
            let scores = annotations.compactMap { $0["score"] as? Double }
            #expect(scores.count == 2 && scores[0] == 1 && abs(scores[1] - 2.0 / 3) < 1e-9, "\(scores)")
            // Every image the file names is in the version, the stored blob itself.
            for image in images {
                let path = try #require(image["file_name"] as? String)
                let file = try #require(export.version.files.first { $0.path == path })
                #expect(path.hasSuffix(file.blob.sha256 + ".png"))
            }
            #expect(!export.version.files.contains { $0.path == "classes.txt" || $0.path.hasPrefix("labels/") })
        }
    }

    @Test func yoloWritesALabelFileBesideEveryImageNormalisedToIt() async throws {
        try await withTemporaryFolder { folder in
            let export = try await Self.exported(.yolo, in: folder)
            let sha = export.fixture.images
            #expect(try export.text("classes.txt") == "pedestrian\ncar\n")
            // cx = (10 + 30/2) / 640 = 0.0390625, printed as %.6f does (a tie, to even); cy = 40/480.
            #expect(
                try export.text("labels/\(sha["b-street"]!).txt")
                    == "1 0.039062 0.083333 0.046875 0.083333\n0 0.172656 0.250000 0.031250 0.083333\n")
            #expect(try export.bytes("labels/\(sha["a-empty"]!).txt").isEmpty)
            let images = export.version.files.map(\.path).filter { $0.hasPrefix("images/") }
            let labels = export.version.files.map(\.path).filter { $0.hasPrefix("labels/") }
            #expect(images.count == 2)
            #expect(
                Set(labels) == Set(images.map { "labels/" + $0.dropFirst("images/".count).split(separator: ".")[0] + ".txt" }))
            #expect(!export.version.files.contains { $0.path == "annotations.coco.json" })
        }
    }

    @Test(arguments: [ExportOptions.Format.coco, .yolo])
    func bothManifestsListTheFilesWithTheirDigests(format: ExportOptions.Format) async throws {
        try await withTemporaryFolder { folder in
            let export = try await Self.exported(format, in: folder)
            let manifest = try #require(
                try JSONSerialization.jsonObject(with: try export.bytes("manifest.json")) as? [String: Any])
            let listed = Dictionary(
                uniqueKeysWithValues: try #require(manifest["files"] as? [[String: Any]]).map { ($0["path"] as! String, $0) })
            let wandb = try #require(
                try JSONSerialization.jsonObject(with: try export.bytes("wandb_manifest.json")) as? [String: Any])
            let contents = try #require(wandb["contents"] as? [String: [String: Any]])
            let extra =
                format == .coco
                ? ["annotations.coco.json"] : ["classes.txt"] + export.fixture.images.values.map { "labels/\($0).txt" }
            for path in extra + ["labels.jsonl", "quality.json"] {
                let data = try export.bytes(path)
                #expect(listed[path]?["sha256"] as? String == SHA256.hash(data: data).hexString, "\(path)")
                #expect(listed[path]?["size"] as? Int == data.count, "\(path)")
                #expect(contents[path]?["digest"] as? String == Data(Insecure.MD5.hash(data: data)).base64EncodedString())
            }
            #expect(Set(listed.keys) == Set(contents.keys))
        }
    }

    @Test(arguments: [ExportOptions.Format.coco, .yolo])
    func aTextTaskIsRefusedNamingTheFormat(format: ExportOptions.Format) async throws {
        try await withTemporaryFolder { folder in
            let db = try AppDatabase.openFile(at: folder.appendingPathComponent("labelbench.sqlite"))
            let blobs = try BlobStore(root: folder.appendingPathComponent("blobs"))
            let (task, _) = try await Fixture.task(db)
            #expect(
                throws: DomainError.invalid(
                    "format: \(format.rawValue) writes object boxes, and task animals answers single; use jsonl or csv")
            ) {
                try db.exportDataset(task, options: ExportOptions(format: format), by: nil, blobs: blobs, pseudonymKey: "k")
            }
            #expect(try db.artifacts(blobs: blobs).collections().isEmpty)
        }
    }

    /// An import keeps one item per image, but the store does not forbid two: YOLO would need two label files
    /// of one name, so it names both items; COCO lists the image twice.
    @Test func twoItemsShowingOneImageAreRefusedByYoloOnly() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await BoxTaskFixture(folder: folder)
            let sha = fixture.images["b-street"]!
            try await fixture.db.importItems(
                [
                    ItemDraft(
                        externalID: "c-again",
                        content: .image(StoredImage(sha256: sha, mimeType: "image/png", width: 640, height: 480)),
                        origin: .line(1, of: "more.jsonl"))
                ], into: fixture.task)
            _ = try await fixture.db.importAnnotations(
                Fixture.jsonl([#"{"item": "c-again", "annotator": "a", "label": []}"#]), fileName: "more.jsonl",
                into: fixture.task)
            #expect(
                throws: DomainError.invalid(
                    "format: yolo pairs one label file with each image, and items b-street and c-again show images/\(sha).png")
            ) { try fixture.export(.yolo) }
            let coco = try fixture.bytes(try fixture.export(.coco).reference, "annotations.coco.json")
            #expect(String(decoding: coco, as: UTF8.self).components(separatedBy: "images/\(sha).png").count == 3)
        }
    }

    @Test func yoloRefusesAClassHoldingALineBreak() async throws {
        try await withTemporaryFolder { folder in
            var task = try await BoxTaskFixture(folder: folder).task
            task.labels[0].name = "two\nlines"
            #expect(throws: DomainError.self) { try ExportOptions(format: .yolo).check(for: task) }
            try ExportOptions(format: .coco).check(for: task)
        }
    }

    @Test func decimalsAreThoseOfPrintf() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, 1, 0.5, 0.0390625, 0.17265625, 0.0000005, 0.9999995, 1e-7, 0.1234565, 25.0 / 640]
        for _ in 0..<20000 { values.append(Double.random(in: 0...1, using: &generator)) }
        // Values on the half-way grid, where rounding the scaled value could go either way.
        for _ in 0..<5000 { values.append((Double(Int.random(in: 0..<2_000_000, using: &generator)) + 0.5) / 2_000_000) }
        for value in values { #expect(YoloFiles.decimal(value) == String(format: "%.6f", value), "\(value)") }
        #expect(YoloFiles.stem(of: "images/ab12.png") == "ab12")
    }
}
