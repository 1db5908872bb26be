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
        // `force` with a reason also forces a protected alias onto a version that failed its gates; the store
        // refuses a blank reason only when there is something to override.
        let force = options.force ? AliasForce(reason: options.reason ?? "", by: user?.name ?? "labelbench") : nil
        return try Self.refusingFailedGates(export: true) {
            try artifacts(blobs: blobs).commit(
                VersionDraft(
                    collection: draft.collection, type: "dataset", files: draft.files, metadata: draft.metadata,
                    lineage: draft.lineage, aliases: options.aliases,
                    protection: AliasProtection(protectedAliases: Set(task.protectedAliases), force: force),
                    createdBy: user?.name ?? "labelbench", createdAt: Date()))
        }
    }

    /// Points `alias` at a version, keeping the protected aliases of the task that fills the collection: a
    /// protected alias refuses a version that failed its quality gates unless `force` gives a reason.
    public func moveAlias(
        _ alias: String, to reference: ArtifactReference, force: AliasForce?, blobs: BlobStore
    ) throws
        -> AliasMove
    {
        let protected = try writer.read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT task.protected_aliases FROM task_collection JOIN task ON task.id = task_collection.task_id
                    WHERE task_collection.collection = ?
                    """, arguments: [reference.name])
        }
        // A collection no task fills (committed from a folder) records no gates, so nothing in it can fail them.
        let aliases = try protected.map { try JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
        return try Self.refusingFailedGates(export: false) {
            try artifacts(blobs: blobs).setAlias(
                reference, alias: alias, protection: AliasProtection(protectedAliases: Set(aliases), force: force))
        }
    }

    /// The store's refusals of a protected alias as domain errors: a version that failed its gates clashes with
    /// the alias's rule (409, naming the failed checks); a force without a reason is bad input (422). A refused
    /// export commits nothing, so its message names no version.
    static func refusingFailedGates<T>(export: Bool, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ArtifactStoreError {
            switch error {
            case .gatesFailed(_, let alias, let checks) where export:
                throw DomainError.conflict(
                    "aliases: \(alias) is protected and this export failed its quality gates "
                        + "(\(checks.joined(separator: ", "))), so nothing was committed; export without that alias, "
                        + "or force it with a reason")
            case .gatesFailed: throw DomainError.conflict(error.description)
            case .overrideWithoutReason: throw DomainError.invalid(error.description)
            default: throw error
            }
        }
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
