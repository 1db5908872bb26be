import ArtifactStore
import Crypto
import Foundation
import Testing

@testable import LabelbenchCore

/// A task, items and annotations in a temp data folder (file database in WAL mode + blob store).
struct ExportFixture {
    let folder: URL
    let db: AppDatabase
    let blobs: BlobStore
    var task: LabelingTask
    let exporter: User
    static let pseudonymKey = "test-install-secret-0123456789abcdef"

    init(folder: URL) async throws {
        self.folder = folder
        db = try AppDatabase.openFile(at: folder.appendingPathComponent("labelbench.sqlite"))
        blobs = try BlobStore(root: folder.appendingPathComponent("blobs"))
        exporter = try await db.createUser(name: "pat", role: .practitioner, password: nil)
        try await Fixture.annotators(["alice", "bob", "carol"], in: db)
        var definition = Fixture.definition(overlap: 3, annotators: ["alice", "bob", "carol"])
        definition.guidelines = [Guideline(title: "Cat in a picture", ruling: "Label what is shown.")]
        task = try await db.createTask(definition, by: exporter)
        // Imported out of order: the export must sort by id.
        let ids = ["item-003", "item-000", "item-005", "item-001", "item-004", "item-002"]
        try await db.importItems(
            ids.enumerated().map { offset, id in
                ItemDraft(
                    externalID: id, content: .text("text of \(id)"), gold: id == "item-005" ? JSONValueBox("bird") : nil,
                    origin: .line(offset + 1, of: "items.jsonl"))
            }, into: task)
        try await annotate([
            ("item-000", "alice", "cat"), ("item-000", "bob", "cat"), ("item-000", "carol", "dog"),
            ("item-001", "alice", "dog"), ("item-001", "bob", "cat"),
            ("item-002", "alice", "bird"),
            ("item-004", "bob", "dog"), ("item-004", "carol", "dog"),
            ("item-005", "alice", "bird"),
        ])
    }

    func annotate(_ rows: [(String, String, String)]) async throws {
        let lines = rows.map { #"{"item": "\#($0.0)", "annotator": "\#($0.1)", "label": "\#($0.2)", "seconds": 2.5}"# }
        _ = try await db.importAnnotations(Fixture.jsonl(lines), fileName: "annotations.jsonl", into: task)
    }

    var repository: ArtifactRepository { db.artifacts(blobs: blobs) }

    func export(_ options: ExportOptions = ExportOptions()) throws -> CommitResult {
        try db.exportDataset(task, options: options, by: exporter, blobs: blobs, pseudonymKey: Self.pseudonymKey)
    }

    /// An independent build of the same state into a separate blob store: path → bytes.
    func independentDraft(_ options: ExportOptions = ExportOptions()) throws -> [String: Data] {
        let other = try BlobStore(root: folder.appendingPathComponent("other-blobs-\(UUID().uuidString)"))
        let draft = try DatasetExporter(database: db, blobs: other, pseudonymKey: Self.pseudonymKey)
            .draft(of: task, options: options, by: exporter)
        var files: [String: Data] = [:]
        for file in draft.files { files[file.path] = try other.read(file.blob.sha256) }
        return files
    }

    func bytes(_ reference: String, _ path: String) throws -> Data {
        let (_, url) = try repository.file(try ArtifactReference(parsing: reference), path: path)
        return try Data(contentsOf: url)
    }

    func rows(_ data: Data) throws -> [[String: Any]] {
        try data.split(separator: 0x0A).map { try #require(try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]) }
    }

    /// Writes a committed version into a folder the way `artifacts get` does.
    func download(_ reference: String, into directory: URL) async throws {
        let ref = try ArtifactReference(parsing: reference)
        let blobs = self.blobs
        try await ArtifactDownloader().download(manifest: try repository.manifestData(ref), into: directory) { file in
            .file(try blobs.url(for: file.blob.sha256))
        }
    }
}

/// The top-level keys of a JSON object line, in the order written.
func topLevelKeys(_ line: String) -> [String] {
    var keys: [String] = []
    var depth = 0
    var inString = false
    var escaped = false
    var current = ""
    var expectKey = false
    for character in line {
        if inString {
            if escaped {
                escaped = false
                current.append(character)
                continue
            }
            if character == "\\" {
                escaped = true
                current.append(character)
                continue
            }
            if character == "\"" {
                inString = false
                continue
            }
            current.append(character)
            continue
        }
        switch character {
        case "\"":
            inString = true
            current = ""
        case "{", "[":
            depth += 1
            if depth == 1 && character == "{" { expectKey = true }
        case "}", "]": depth -= 1
        case ":":
            if depth == 1 && expectKey {
                keys.append(current)
                expectKey = false
            }
        case ",":
            if depth == 1 { expectKey = true }
        default: break
        }
    }
    return keys
}

@Suite struct ExportTests {
    static let briefKeys = ["id", "text", "label", "confidence", "agreement", "source", "annotations"]
    static let compared = ["labels.jsonl", "quality.json", "schema.json", "guidelines.md"]

    @Test func versionsAliasesAndDeterminism() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await ExportFixture(folder: folder)
            let independentV0 = try fixture.independentDraft()
            let first = try fixture.export()
            #expect(first.isNew && first.version.reference == "animals:v0")
            #expect(first.version.aliases == ["latest"])

            let again = try fixture.export(ExportOptions(aliases: ["candidate"]))
            #expect(!again.isNew && again.version.number == 0)
            #expect(again.version.aliases == ["candidate", "latest"])
            #expect(again.version.digest == first.version.digest)
            #expect(try fixture.repository.versions(of: "animals").count == 1)

            try await fixture.annotate([("item-002", "carol", "cat")])
            let independentV1 = try fixture.independentDraft()
            let second = try fixture.export()
            #expect(second.isNew && second.version.reference == "animals:v1")
            #expect(try fixture.repository.resolve("animals:latest").number == 1)
            #expect(try fixture.repository.resolve("animals:v0").aliases == ["candidate"])
            #expect(try fixture.repository.resolve("animals:candidate").number == 0)

            for path in Self.compared {
                #expect(
                    try fixture.bytes("animals:v0", path) == independentV0[path], "v0 \(path) differs from an independent export")
                #expect(
                    try fixture.bytes("animals:v1", path) == independentV1[path], "v1 \(path) differs from an independent export")
            }
            #expect(try fixture.bytes("animals:v0", "labels.jsonl") != fixture.bytes("animals:v1", "labels.jsonl"))
            #expect(Set(second.version.dataFiles.map(\.path)) == Set(Self.compared))
            #expect(Set(second.version.files.map(\.path)) == Set(Self.compared + ["manifest.json", "wandb_manifest.json"]))

            // The relabeled item, and nothing else, shows in the diff.
            let diff = try fixture.repository.diff(
                try ArtifactReference(parsing: "animals:v0"), try ArtifactReference(parsing: "animals:v1"))
            #expect(diff.relabeled.map { [$0.id, $0.old, $0.new] } == [["item-002", "bird", "cat"]])
            #expect(
                [diff.counts.added, diff.counts.removed, diff.counts.relabeled, diff.counts.unchanged] == [0, 0, 1, 4] as [Int])
            let direct = try DatasetDiff.compare(
                old: try fixture.repository.file(try ArtifactReference(parsing: "animals:v0"), path: "labels.jsonl").1,
                new: try fixture.repository.file(try ArtifactReference(parsing: "animals:v1"), path: "labels.jsonl").1)
            #expect(direct.relabeled.map(\.id) == ["item-002"])
        }
    }

    @Test func labelsRowsFollowTheBrief() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await ExportFixture(folder: folder)
            let version = try fixture.export().version
            let data = try fixture.bytes(version.reference, "labels.jsonl")
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.hasSuffix("}\n"))
            let lines = text.split(separator: "\n").map(String.init)
            for line in lines { #expect(topLevelKeys(line) == Self.briefKeys, "keys of \(line)") }
            let rows = try fixture.rows(data)
            #expect(rows.map { $0["id"] as? String } == ["item-000", "item-001", "item-002", "item-004", "item-005"])
            let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] as! String, $0) })

            let majority = try #require(byID["item-000"])
            #expect(majority["label"] as? String == "cat")
            #expect(abs((majority["confidence"] as? Double ?? 0) - 2.0 / 3.0) < 1e-12)
            #expect(abs((majority["agreement"] as? Double ?? 0) - 1.0 / 3.0) < 1e-12)
            #expect(majority["source"] as? String == "consensus")
            #expect(majority["text"] as? String == "text of item-000")

            // alice: dog, bob: cat — the tie goes to the first label in task order (cat before dog).
            #expect(byID["item-001"]?["label"] as? String == "cat")
            #expect(byID["item-001"]?["confidence"] as? Double == 0.5)
            #expect(byID["item-001"]?["agreement"] as? Double == 0)
            #expect(byID["item-002"]?["agreement"] is NSNull)
            #expect(byID["item-005"]?["source"] as? String == "gold")
            #expect(byID["item-005"]?["label"] as? String == "bird")

            let annotations = try #require(majority["annotations"] as? [[String: Any]])
            #expect(annotations.map { $0["annotator"] as? String } == ["alice", "bob", "carol"])
            #expect(annotations.first?["guideline_version"] as? Int == 1)
            #expect(annotations.first?["seconds"] as? Double == 2.5)
            let annotationLine = try #require(lines.first)
            let nested = annotationLine.range(
                of: #"\[\{"annotator":"alice","label":"cat","guideline_version":1,"seconds":2.5\}"#, options: .regularExpression)
            #expect(nested != nil, "annotation keys in the brief's order: \(annotationLine)")

            let manifest =
                try JSONSerialization.jsonObject(with: fixture.bytes(version.reference, "manifest.json")) as? [String: Any]
            let metadata = try #require(manifest?["metadata"] as? [String: Any])
            #expect(metadata["items"] as? Int == 5)
            #expect(metadata["annotations"] as? Int == 9)
            #expect(metadata["annotators"] as? Int == 3)
            #expect(metadata["guideline_version"] as? Int == 1)
            #expect(metadata["gold_accuracy"] as? Double == 1)
            #expect((metadata["label_schema_digest"] as? String)?.hasPrefix("sha256:") == true)
            let lineage = try #require(manifest?["lineage"] as? [String: Any])
            #expect(lineage["task"] as? String == "animals" && lineage["exported_by"] as? String == "pat")

            let guidelines = String(decoding: try fixture.bytes(version.reference, "guidelines.md"), as: UTF8.self)
            #expect(guidelines.contains("Pick the animal.") && guidelines.contains("Cat in a picture"))
            let schema = try JSONSerialization.jsonObject(with: fixture.bytes(version.reference, "schema.json")) as? [String: Any]
            #expect((schema?["labels"] as? [[String: Any]])?.map { $0["name"] as? String } == ["cat", "dog", "bird"])
            let quality =
                try JSONSerialization.jsonObject(with: fixture.bytes(version.reference, "quality.json")) as? [String: Any]
            #expect(quality?["annotations"] as? Int == 9)
        }
    }

    @Test func includeUnlabeledAddsNullRows() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await ExportFixture(folder: folder)
            let version = try fixture.export(ExportOptions(includeUnlabeled: true)).version
            let data = try fixture.bytes(version.reference, "labels.jsonl")
            let rows = try fixture.rows(data)
            #expect(rows.map { $0["id"] as? String } == (0...5).map(Fixture.itemID))
            let unlabeled = try #require(rows.first { $0["id"] as? String == "item-003" })
            #expect(unlabeled["label"] is NSNull)
            #expect((unlabeled["annotations"] as? [Any])?.isEmpty == true)
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                #expect(topLevelKeys(String(line)) == Self.briefKeys)
            }
        }
    }

    @Test func pseudonymizedExportNamesNoAnnotator() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await ExportFixture(folder: folder)
            let version = try fixture.export(ExportOptions(format: .csv, pseudonymize: true)).version
            for file in version.files {
                let text = String(decoding: try fixture.blobs.read(file.blob.sha256), as: UTF8.self)
                for name in ["alice", "bob", "carol"] {
                    #expect(!text.contains(name), "\(file.path) names \(name)")
                }
            }
            let rows = try fixture.rows(try fixture.bytes(version.reference, "labels.jsonl"))
            let names = rows.flatMap { ($0["annotations"] as? [[String: Any]] ?? []).compactMap { $0["annotator"] as? String } }
            #expect(names.allSatisfy { $0.hasPrefix("annotator-") })
            #expect(Set(names).count == 3, "pseudonyms stay distinct and stable within a version")
            // Stable across exports of the same install.
            #expect(
                try fixture.independentDraft(ExportOptions(pseudonymize: true))["labels.jsonl"]
                    == fixture.bytes(version.reference, "labels.jsonl"))
        }
    }

    @Test func csvNeutralizesFormulaCells() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await ExportFixture(folder: folder)
            let texts = [
                "f-eq": "=HYPERLINK(\"http://evil\")", "f-plus": "+1+1", "f-minus": "-2+3", "f-at": "@SUM(A1)",
                "f-ok": "plain, \"quoted\"",
            ]
            try await fixture.db.importItems(
                texts.sorted { $0.key < $1.key }.enumerated().map { offset, entry in
                    ItemDraft(externalID: entry.key, content: .text(entry.value), origin: .line(offset, of: "csv"))
                }, into: fixture.task)
            try await fixture.annotate(texts.keys.sorted().map { ($0, "alice", "cat") })
            let version = try fixture.export(ExportOptions(format: .csv)).version
            let csv = String(decoding: try fixture.bytes(version.reference, "labels.csv"), as: UTF8.self)
            #expect(csv.hasPrefix("\"id\",\"text\",\"label\",\"confidence\",\"agreement\",\"source\",\"annotations\"\r\n"))
            #expect(csv.contains("\"f-eq\",\"'=HYPERLINK(\"\"http://evil\"\")\""))
            #expect(csv.contains("\"f-plus\",\"'+1+1\""))
            #expect(csv.contains("\"f-minus\",\"'-2+3\""))
            #expect(csv.contains("\"f-at\",\"'@SUM(A1)\""))
            #expect(csv.contains("\"f-ok\",\"plain, \"\"quoted\"\"\""))
            for line in csv.split(separator: "\r\n") {
                for cell in line.split(separator: ",") {
                    if let first = cell.dropFirst().first { #expect(!"=+@".contains(first), "formula cell \(cell)") }
                }
            }
            #expect(csv.components(separatedBy: "\r\n").count - 2 == 10)
        }
    }

    @Test func verifierCatchesMissingModifiedAndExtraFiles() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await ExportFixture(folder: folder)
            let version = try fixture.export().version
            func fresh(_ name: String) async throws -> URL {
                let url = folder.appendingPathComponent(name, isDirectory: true)
                try await fixture.download(version.reference, into: url)
                return url
            }
            let clean = try await fresh("clean")
            let report = try ArtifactVerifier.verify(directory: clean)
            #expect(report.isValid, "\(report.renderText())")
            #expect(report.checkedFiles >= 4)

            let missing = try await fresh("missing")
            try FileManager.default.removeItem(at: missing.appendingPathComponent("schema.json"))
            #expect(try ArtifactVerifier.verify(directory: missing).missing == ["schema.json"])

            let modified = try await fresh("modified")
            let labels = modified.appendingPathComponent("labels.jsonl")
            var bytes = try Data(contentsOf: labels)
            bytes[bytes.startIndex + 10] ^= 0x01
            try bytes.write(to: labels)
            let modifiedReport = try ArtifactVerifier.verify(directory: modified)
            #expect(modifiedReport.modified.map(\.path) == ["labels.jsonl"])
            #expect(modifiedReport.missing.isEmpty && modifiedReport.extra.isEmpty)

            let extra = try await fresh("extra")
            try Data("surprise".utf8).write(to: extra.appendingPathComponent("notes.txt"))
            let extraReport = try ArtifactVerifier.verify(directory: extra)
            #expect(extraReport.extra == ["notes.txt"] && !extraReport.isValid)
        }
    }

    @Test func wandbManifestMatchesAnIndependentComputation() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await ExportFixture(folder: folder)
            let version = try fixture.export(ExportOptions(format: .csv)).version
            let manifestBytes = try fixture.bytes(version.reference, "wandb_manifest.json")
            let manifest = try #require(try JSONSerialization.jsonObject(with: manifestBytes) as? [String: Any])
            #expect(manifest["version"] as? Int == 1)
            #expect(manifest["storagePolicy"] as? String == "wandb-storage-policy-v1")
            #expect((manifest["storagePolicyConfig"] as? [String: Any])?["storageLayout"] as? String == "V2")
            let contents = try #require(manifest["contents"] as? [String: [String: Any]])
            let dataPaths = version.dataFiles.map(\.path).sorted()
            #expect(contents.keys.sorted() == dataPaths)
            var digestInput = "wandb-artifact-manifest-v1\n"
            var sha256Lines = ""
            for path in dataPaths {
                let bytes = try fixture.bytes(version.reference, path)
                let md5 = Data(Insecure.MD5.hash(data: bytes)).base64EncodedString()
                #expect(contents[path]?["digest"] as? String == md5, "\(path)")
                #expect(contents[path]?["size"] as? Int == bytes.count)
                digestInput += "\(path):\(md5)\n"
                sha256Lines += "\(path):\(SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined())\n"
            }
            let versionDigest = Insecure.MD5.hash(data: Data(digestInput.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(version.wandbDigest == versionDigest)
            let contentDigest = "sha256:" + SHA256.hash(data: Data(sha256Lines.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(version.digest == contentDigest)
            let own = try #require(
                try JSONSerialization.jsonObject(with: fixture.bytes(version.reference, "manifest.json")) as? [String: Any])
            #expect(own["digest"] as? String == contentDigest)
            #expect(own["version"] as? Int == 0 || own["version"] as? String == "v0")
            let listed = (own["files"] as? [[String: Any]])?.compactMap { $0["path"] as? String }.sorted()
            #expect(listed == dataPaths, "manifest.json lists every other file and neither manifest")
        }
    }

    @Test func aCrashBeforeCommitLeavesNoVersionAndGCRemovesTheOrphans() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await ExportFixture(folder: folder)
            let v0 = try fixture.export().version
            // An image item that no version uses: gc must keep its blob because items reference it.
            let imageTask = try await fixture.db.createTask(
                TaskDefinition(
                    name: "pictures", title: "Pictures", kind: .image, labels: [TaskLabel(name: "a"), TaskLabel(name: "b")]),
                by: nil)
            let image = try fixture.blobs.put(Data("not really a png, but a stored image blob".utf8))
            try await fixture.db.importItems(
                [
                    ItemDraft(
                        externalID: "p1",
                        content: .image(StoredImage(sha256: image.sha256, mimeType: "image/png", width: 1, height: 1)),
                        origin: .named("upload"))
                ], into: imageTask)

            try await fixture.annotate([("item-002", "bob", "dog")])
            // The crash: blobs written, version never committed.
            let draft = try DatasetExporter(database: fixture.db, blobs: fixture.blobs, pseudonymKey: ExportFixture.pseudonymKey)
                .draft(of: fixture.task, options: ExportOptions(), by: fixture.exporter)
            let committed = Set(v0.files.map(\.blob.sha256))
            let orphans = Set(draft.files.map(\.blob.sha256)).subtracting(committed)
            #expect(orphans.count >= 2, "new labels.jsonl and quality.json")
            for orphan in orphans { #expect(fixture.blobs.contains(orphan)) }
            #expect(try fixture.repository.versions(of: "animals").map(\.number) == [0])
            #expect(try fixture.repository.resolve("animals:latest").number == 0)

            let report = try fixture.repository.gc(extraReferenced: try fixture.db.imageDigestsInUse(), gracePeriod: -1)
            #expect(Set(report.removedDigests) == orphans)
            for orphan in orphans { #expect(!fixture.blobs.contains(orphan)) }
            #expect(fixture.blobs.contains(image.sha256), "image blobs of items survive gc")
            for file in v0.files { #expect(try fixture.blobs.verify(sha256: file.blob.sha256)) }

            // The next export works and reproduces the draft that never committed.
            let next = try fixture.export()
            #expect(next.isNew && next.version.number == 1)
            #expect(Set(next.version.dataFiles.map(\.blob.sha256)) == Set(draft.files.map(\.blob.sha256)))
            let download = folder.appendingPathComponent("after-gc")
            try await fixture.download("animals:v1", into: download)
            #expect(try ArtifactVerifier.verify(directory: download).isValid)
            #expect(
                try fixture.repository.gc(extraReferenced: try fixture.db.imageDigestsInUse(), gracePeriod: -1).removedBlobs == 0)
        }
    }

    @Test func dawidSkeneExportIsDeterministicToo() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await ExportFixture(folder: folder)
            let options = ExportOptions(method: .dawidSkene)
            let version = try fixture.export(options).version
            #expect(try fixture.independentDraft(options)["labels.jsonl"] == fixture.bytes(version.reference, "labels.jsonl"))
            let rows = try fixture.rows(try fixture.bytes(version.reference, "labels.jsonl"))
            #expect(rows.count == 5)
            #expect(rows.first { $0["id"] as? String == "item-005" }?["source"] as? String == "gold")
        }
    }
}
