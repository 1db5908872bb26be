import ArtifactStore
import LabelbenchCore

extension AppServices {
    /// Exports a task as a new dataset version in the artifact store: the one export behind
    /// `POST /api/v1/tasks/TASK/exports`, `labelbench export` and the task's Export form.
    func exportVersion(of task: LabelingTask, options: ExportOptions, by user: User) async throws -> CommitResult {
        let database = self.database
        let blobs = self.blobs
        let key = try dataFolder.installSecret()
        return try await offload {
            defer { releaseFreedMemory() }
            return try database.exportDataset(task, options: options, by: user, blobs: blobs, pseudonymKey: key)
        }
    }
}
