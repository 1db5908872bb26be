import GRDB

extension AppDatabase {
    /// How many of a task's annotations are untrusted: made by an annotator while their gold accuracy
    /// paused them, and not counted again by a resume. They are kept but left out of every statistic.
    public func untrustedAnnotationCount(of task: LabelingTask) async throws -> Int {
        try await writer.read { db in try Self.untrustedAnnotationCount(of: task, db) }
    }

    /// `untrustedAnnotationCount(of:)` inside a read the caller already holds (an export's snapshot).
    public static func untrustedAnnotationCount(of task: LabelingTask, _ db: Database) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT count(*) FROM annotation WHERE task_id = ? AND trusted = 0"),
            arguments: [task.id]) ?? 0
    }
}
