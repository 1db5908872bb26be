import ArtifactStore
import Foundation
import GRDB
import ZIPFoundation

extension AppDatabase {
    /// The artifact store over this database and a blob folder.
    public func artifacts(blobs: BlobStore) -> ArtifactRepository {
        ArtifactRepository(writer: writer, blobs: blobs)
    }

    /// Builds and commits a dataset version of the task. The blobs are written first and the
    /// version record last, so a crash at any point leaves either the old state or the new version.
    public func exportDataset(
        _ task: LabelingTask, options: ExportOptions, by user: User?, blobs: BlobStore, pseudonymKey: String,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> CommitResult {
        // Before the claim, so a refused format claims no collection.
        try options.check(for: task)
        let owner = try claimCollection(options.name ?? task.name, for: task)
        if owner != task.name && !options.force {
            throw DomainError.conflict(
                "name: collection \(options.name ?? task.name) holds versions of task \(owner); export under another name, or force it"
            )
        }
        var draft = try DatasetExporter(database: self, blobs: blobs, pseudonymKey: pseudonymKey)
            .draft(of: task, options: options, by: user, progress: progress)
        if owner != task.name, case .object(var lineage) = draft.lineage {
            lineage["forced_into_collection_of_task"] = .string(owner)
            draft.lineage = .object(lineage)
        }
        return try artifacts(blobs: blobs).commit(
            VersionDraft(
                collection: draft.collection, type: "dataset", files: draft.files, metadata: draft.metadata,
                lineage: draft.lineage, aliases: options.aliases, createdBy: user?.name ?? "labelbench",
                createdAt: Date()))
    }

    /// The task a collection belongs to: the first task to export into it claims it, in one
    /// transaction, so two tasks racing for a new name cannot both own it.
    func claimCollection(_ collection: String, for task: LabelingTask) throws -> String {
        try ArtifactName.validateName(collection)
        return try writer.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO task_collection (collection, task_id, created_at) VALUES (?, ?, ?)",
                arguments: [collection, task.id, Date().unix])
            return try String.fetchOne(
                db,
                sql: "SELECT task.name FROM task_collection JOIN task ON task.id = task_collection.task_id WHERE collection = ?",
                arguments: [collection]) ?? task.name
        }
    }

    /// Builds the same files as `exportDataset` without committing them (`export --to DIR`): their
    /// blobs go to a store of their own under `scratch`, and the result is a zip there holding the
    /// files and a `manifest.json` listing their digests, for the CLI to unpack and check.
    public func exportArchive(
        _ task: LabelingTask, options: ExportOptions, by user: User?, images: BlobStore, scratch: URL, pseudonymKey: String
    ) throws -> URL {
        let blobs = try BlobStore(root: scratch.appendingPathComponent("blobs", isDirectory: true))
        let draft = try DatasetExporter(database: self, blobs: blobs, images: images, pseudonymKey: pseudonymKey)
            .draft(of: task, options: options, by: user)
        let manifest = ArtifactManifest.draft(
            name: draft.collection, files: draft.files, metadata: draft.metadata, lineage: draft.lineage, createdAt: Date())
        let zip = scratch.appendingPathComponent("export.zip")
        do {
            let archive = try Archive(url: zip, accessMode: .create)
            let manifestData = manifest.encoded()
            try archive.addEntry(
                with: ArtifactManifest.fileName, type: .file, uncompressedSize: Int64(manifestData.count),
                provider: { position, size in manifestData.subdata(in: Int(position)..<Int(position) + size) })
            // Stored, not deflated: the zip only carries the files to the CLI, which checks every digest.
            for file in draft.files {
                let source =
                    blobs.contains(file.blob.sha256)
                    ? try blobs.url(for: file.blob.sha256) : try images.url(for: file.blob.sha256)
                try archive.addEntry(with: file.path, fileURL: source)
            }
        } catch let error as POSIXError {
            // A full disk or a failed write: reported like every other storage error (507 or 500, with the cause).
            throw ArtifactStoreError.io(operation: "write the export archive", path: zip.path, code: error.code.rawValue)
        }
        return zip
    }
}
