import Foundation
import GRDB

extension AppDatabase {
    /// Moves a task off the working lists (the task list and every queue) or back onto them.
    /// Its items, annotations and exports stay as they are.
    public func setArchived(_ archived: Bool, task: LabelingTask, now: Date = Date()) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE task SET archived_at = ? WHERE id = ?", arguments: [archived ? now.unix : nil, task.id])
        }
    }

    /// Whether the task is archived: its queue then serves no items.
    public func isArchived(_ task: LabelingTask) async throws -> Bool {
        try await writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT archived_at IS NOT NULL FROM task WHERE id = ?", arguments: [task.id]) ?? false
        }
    }

    /// Deletes a task with its items, leases, skips, annotations and rulings. Dataset versions
    /// already exported stay in the artifact store; their blobs go only with `artifacts gc`.
    public func deleteTask(_ task: LabelingTask) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM task WHERE id = ?", arguments: [task.id])
        }
    }
}
