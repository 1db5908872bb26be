import ArtifactStore
import Foundation

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
        let draft = try DatasetExporter(database: self, blobs: blobs, pseudonymKey: pseudonymKey)
            .draft(of: task, options: options, by: user, progress: progress)
        return try artifacts(blobs: blobs).commit(VersionDraft(
            collection: draft.collection, type: "dataset", files: draft.files, metadata: draft.metadata,
            lineage: draft.lineage, aliases: options.aliases, createdBy: user?.name ?? "labelbench",
            createdAt: Date()))
    }
}
