import ArtifactStore
import Foundation
import Testing

@testable import LabelbenchCore

/// A task whose items cover every filter of an export slice: meta values of several kinds, labels of
/// different confidence, two guideline versions, and items in each state an export can hold.
///
/// | item | meta | answers (version) | row | state |
/// |---|---|---|---|---|
/// | i01 | city Oslo, year 2024 | ann-1 cat, ann-2 cat (v1) | cat, 1 | done |
/// | i02 | city Oslo, year 2023 | ann-1 cat, ann-2 dog (v1) | cat, 0.5 | contested |
/// | i03 | city Bergen | ann-3 dog (v2) | dog, 1 | in_progress |
/// | i04 | city Bergen, year 2024 | gold bird; ann-1 bird (v2) | bird, 1 | gold |
/// | i05 | city Oslo | ann-2 dog, ann-3 dog (v2), ruled cat | cat, 1 | adjudicated |
/// | i06 | night true | ann-1 dog (v2), flagged | dog, 1 | flagged |
/// | i07 | none | none | (only with include_unlabeled) | unlabeled |
struct SliceFixture {
    let folder: URL
    let db: AppDatabase
    let blobs: BlobStore
    var task: LabelingTask
    let practitioner: User
    let annotators: [User]

    init(folder: URL) async throws {
        self.folder = folder
        db = try AppDatabase.openFile(at: folder.appendingPathComponent("labelbench.sqlite"))
        blobs = try BlobStore(root: folder.appendingPathComponent("blobs"))
        practitioner = try await db.createUser(name: "pat", role: .practitioner, password: nil)
        let names = ["ann-1", "ann-2", "ann-3"]
        annotators = try await Fixture.annotators(names, in: db)
        var definition = Fixture.definition(overlap: 2, annotators: names)
        task = try await db.createTask(definition, by: practitioner)
        let meta = [
            "i01": #"{"city":"Oslo","year":2024}"#, "i02": #"{"city":"Oslo","year":2023}"#, "i03": #"{"city":"Bergen"}"#,
            "i04": #"{"city":"Bergen","year":2024}"#, "i05": #"{"city":"Oslo"}"#, "i06": #"{"night":true}"#,
        ]
        try await db.importItems(
            (1...7).map { index in
                let id = String(format: "i%02d", index)
                return ItemDraft(
                    externalID: id, content: .text("text of \(id)"), meta: meta[id],
                    gold: id == "i04" ? JSONValueBox("bird") : nil, origin: .line(index, of: "items.jsonl"))
            }, into: task)
        definition.instructions = "Pick the animal; a toy counts."
        task = try await db.updateTask(named: task.name, with: definition, by: practitioner)
        try await annotate([
            ("i01", "ann-1", "cat", 1), ("i01", "ann-2", "cat", 1), ("i02", "ann-1", "cat", 1), ("i02", "ann-2", "dog", 1),
            ("i03", "ann-3", "dog", 2), ("i04", "ann-1", "bird", 2), ("i05", "ann-2", "dog", 2), ("i05", "ann-3", "dog", 2),
            ("i06", "ann-1", "dog", 2),
        ])
        try await db.adjudicate("i05", in: task, answer: .one("cat"), note: nil, by: practitioner)
        _ = try await db.flagItem("i06", in: task, reason: .ambiguous, note: nil, by: annotators[0])
    }

    /// Imports answers as `(item, annotator, label, guideline version)`, one second apart in the order given.
    func annotate(_ rows: [(String, String, String, Int)], from start: Int = 0) async throws {
        let lines = rows.enumerated().map { offset, row in
            let time = ISO8601.string(Date(timeIntervalSince1970: 1_800_000_000 + Double(start + offset)))
            return #"{"item": "\#(row.0)", "annotator": "\#(row.1)", "label": "\#(row.2)", "#
                + #""guideline_version": \#(row.3), "created_at": "\#(time)"}"#
        }
        _ = try await db.importAnnotations(Fixture.jsonl(lines), fileName: "annotations.jsonl", into: task)
    }

    /// The files of an export with these options, built without committing: path → bytes.
    func files(_ options: ExportOptions) throws -> [String: Data] {
        let draft = try self.draft(options)
        var files: [String: Data] = [:]
        for file in draft.files { files[file.path] = try blobs.read(file.blob.sha256) }
        return files
    }

    func draft(_ options: ExportOptions) throws -> DatasetDraft {
        try DatasetExporter(database: db, blobs: blobs, pseudonymKey: "secret").draft(
            of: task, options: options, by: practitioner)
    }

    /// The ids of the rows of one of the draft's JSONL files.
    func ids(_ options: ExportOptions, file: String = "labels.jsonl") throws -> [String] {
        try Self.ids(in: try #require(try files(options)[file]))
    }

    static func ids(in data: Data) throws -> [String] {
        try data.split(separator: 0x0A).map {
            try #require((try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])?["id"] as? String)
        }
    }

    func export(_ options: ExportOptions) throws -> CommitResult {
        try db.exportDataset(task, options: options, by: practitioner, blobs: blobs, pseudonymKey: "secret")
    }
}

extension SliceFixture {
    var repository: ArtifactRepository { db.artifacts(blobs: blobs) }

    /// A file of a committed version.
    func bytes(_ reference: String, _ path: String) throws -> Data {
        let (_, url) = try repository.file(try ArtifactReference(parsing: reference), path: path)
        return try Data(contentsOf: url)
    }
}
