import Foundation
import GRDB

/// How the annotator's queue list can be ordered.
public enum QueueListSort: String, Sendable, Hashable, CaseIterable {
    case name, title, remaining
}

/// One task in the annotator's queue list with their own progress in it.
public struct QueueOverviewRow: Sendable, Hashable {
    public var task: LabelingTask
    public var progress: QueueProgress
}

extension AppDatabase {
    /// One page of the tasks in the annotator's queue with their progress, in one query for the
    /// page (and one for the count) rather than one per task.
    public func queueOverview(for user: User, _ request: ListRequest<QueueListSort>) async throws -> ListPage<QueueOverviewRow> {
        try await writer.read { db in
            // The same membership as `queueTasks(for:)`: tasks the user is assigned to, whatever their role.
            let filter = """
                EXISTS (SELECT 1 FROM task_annotator ta WHERE ta.task_id = task.id AND ta.user_id = :user)
                AND task.archived_at IS NULL
                AND (task.name LIKE :search ESCAPE '\\' OR task.title LIKE :search ESCAPE '\\')
                """
            var arguments: StatementArguments = ["user": user.id, "search": request.likePattern]
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM task WHERE \(filter)", arguments: arguments) ?? 0
            arguments += ["limit": request.perPage, "offset": request.offset(total: total)]
            let order =
                switch request.sort {
                case .name: "name"
                case .title: "title COLLATE NOCASE, name"
                case .remaining: "remaining DESC, name"
                }
            // The same counts as `progress(in:for:)`, as correlated subqueries of one statement.
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT task.*,
                      (SELECT count(*) FROM annotation WHERE annotation.task_id = task.id AND annotation.user_id = :user) AS done,
                      (SELECT count(*) FROM item INDEXED BY item_queue WHERE item.task_id = task.id AND full = 0 AND gold IS NULL
                         AND NOT EXISTS (SELECT 1 FROM annotation a WHERE a.item_id = item.id AND a.user_id = :user)
                         AND NOT EXISTS (SELECT 1 FROM skip s WHERE s.item_id = item.id AND s.user_id = :user))
                      + (SELECT count(*) FROM lease JOIN item ON item.id = lease.item_id
                         WHERE lease.task_id = task.id AND lease.user_id = :user AND item.full = 1) AS remaining
                    FROM task WHERE \(filter)
                    ORDER BY \(order) LIMIT :limit OFFSET :offset
                    """, arguments: arguments)
            let overview = try rows.map { row in
                QueueOverviewRow(
                    task: try LabelingTask(row: row), progress: QueueProgress(done: row["done"], remaining: row["remaining"]))
            }
            return ListPage(rows: overview, total: total, request: request)
        }
    }
}
