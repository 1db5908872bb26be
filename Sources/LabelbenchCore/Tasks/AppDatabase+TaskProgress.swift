import Foundation
import GRDB

extension AppDatabase {
    /// One page of the practitioner's task list with each task's progress, in three queries
    /// whatever the page size: the page's tasks with their counts, then the per-annotator counts
    /// and the stalled items of those tasks only.
    public func taskProgress(
        _ request: ListRequest<TaskListSort>, shelf: TaskShelf = .active
    ) async throws -> ListPage<TaskProgress> {
        try await writer.read { db in
            let filter = """
                (task.name LIKE :search ESCAPE '\\' OR task.title LIKE :search ESCAPE '\\')
                AND \(shelf == .active ? "task.archived_at IS NULL" : "task.archived_at IS NOT NULL")
                """
            var arguments: StatementArguments = ["search": request.likePattern]
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM task WHERE \(filter)", arguments: arguments) ?? 0
            arguments += ["limit": request.perPage, "offset": request.offset(total: total)]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM (
                      SELECT task.*,
                        (SELECT count(*) FROM item WHERE item.task_id = task.id) AS item_count,
                        (SELECT count(*) FROM annotation WHERE annotation.task_id = task.id) AS annotation_count,
                        \(Self.adaptiveNeeded) AS adaptive_needed
                      FROM task WHERE \(filter)
                    ) AS listed
                    ORDER BY \(Self.orderClause(request.sort)), name LIMIT :limit OFFSET :offset
                    """, arguments: arguments)
            let tasks = try rows.map { row in
                (
                    task: try LabelingTask(row: row), items: row["item_count"] as Int,
                    annotations: row["annotation_count"] as Int, adaptiveNeeded: row["adaptive_needed"] as Int?,
                    archivedAt: (row["archived_at"] as Double?).map(Date.init(timeIntervalSince1970:))
                )
            }
            let ids = tasks.map(\.task.taskID)
            let counts = try Self.annotatorCounts(of: ids, db)
            let stalled = try Self.stalledItems(of: ids, db)
            let progress = tasks.map { entry in
                TaskProgress(
                    task: entry.task, items: entry.items, annotations: entry.annotations,
                    needed: entry.adaptiveNeeded ?? entry.items * entry.task.overlap,
                    annotators: counts[entry.task.taskID] ?? [], stalled: stalled[entry.task.taskID] ?? 0,
                    archivedAt: entry.archivedAt)
            }
            return ListPage(rows: progress, total: total, request: request)
        }
    }

    /// Progress of one task, for its own pages.
    public func taskProgress(of task: LabelingTask) async throws -> TaskProgress {
        try await writer.read { db in
            let items = try Int.fetchOne(db, sql: "SELECT count(*) FROM item WHERE task_id = ?", arguments: [task.id]) ?? 0
            let annotations =
                try Int.fetchOne(db, sql: "SELECT count(*) FROM annotation WHERE task_id = ?", arguments: [task.id]) ?? 0
            let archived = try Double.fetchOne(db, sql: "SELECT archived_at FROM task WHERE id = ?", arguments: [task.id])
            let adaptiveNeeded = try Int.fetchOne(
                db, sql: "SELECT \(Self.adaptiveNeeded) FROM task WHERE id = ?", arguments: [task.id])
            return TaskProgress(
                task: task, items: items, annotations: annotations, needed: adaptiveNeeded ?? items * task.overlap,
                annotators: try Self.annotatorCounts(of: [task.taskID], db)[task.taskID] ?? [],
                stalled: try Self.stalledItems(of: [task.taskID], db)[task.taskID] ?? 0,
                archivedAt: archived.map(Date.init(timeIntervalSince1970:)))
        }
    }

    private static func orderClause(_ sort: TaskListSort) -> String {
        switch sort {
        case .name: "name"
        case .title: "title COLLATE NOCASE"
        case .newest: "created_at DESC"
        case .items: "item_count DESC"
        // Least done first: that is where a practitioner looks.
        case .progress: "CAST(annotation_count AS REAL) / max(1, coalesce(adaptive_needed, item_count * overlap))"
        }
    }

    /// A `task` row's answers needed under adaptive overlap (NULL under fixed overlap, where it is every
    /// item times the overlap): each item's `needed` once it has judgments, else the task's `min`.
    private static let adaptiveNeeded = """
        CASE WHEN task.overlap_max IS NULL THEN NULL
          ELSE (SELECT coalesce(sum(coalesce(item.needed, task.overlap)), 0) FROM item WHERE item.task_id = task.id) END
        """

    /// Annotations per assigned annotator, by task, in name order.
    static func annotatorCounts(of tasks: [Int64], _ db: Database) throws -> [Int64: [TaskProgress.AnnotatorCount]] {
        guard !tasks.isEmpty else { return [:] }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT ta.task_id, user.name,
                  (SELECT count(*) FROM annotation a WHERE a.user_id = ta.user_id AND a.task_id = ta.task_id) AS annotations
                FROM task_annotator ta JOIN user ON user.id = ta.user_id
                WHERE ta.task_id IN (\(databaseQuestionMarks(count: tasks.count)))
                ORDER BY user.name
                """, arguments: StatementArguments(tasks))
        var counts: [Int64: [TaskProgress.AnnotatorCount]] = [:]
        for row in rows {
            counts[row["task_id"], default: []].append(
                TaskProgress.AnnotatorCount(name: row["name"], annotations: row["annotations"]))
        }
        return counts
    }

    /// Stalled items by task: skipped by someone, below the overlap, not leased, and fewer
    /// assigned annotators left to take them (neither answered nor skipped) than answers missing.
    static func stalledItems(of tasks: [Int64], _ db: Database) throws -> [Int64: Int] {
        guard !tasks.isEmpty else { return [:] }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT task_id, count(*) AS stalled FROM (
                  SELECT item.id, item.task_id, coalesce(item.needed, task.overlap) AS overlap,
                    (SELECT count(*) FROM annotation a WHERE a.item_id = item.id) AS answers,
                    (SELECT count(*) FROM task_annotator ta WHERE ta.task_id = item.task_id
                       AND NOT EXISTS (SELECT 1 FROM annotation a WHERE a.item_id = item.id AND a.user_id = ta.user_id)
                       AND NOT EXISTS (SELECT 1 FROM skip s WHERE s.item_id = item.id AND s.user_id = ta.user_id)) AS able
                  FROM item JOIN task ON task.id = item.task_id
                  WHERE item.id IN (SELECT DISTINCT item_id FROM skip)
                    AND item.task_id IN (\(databaseQuestionMarks(count: tasks.count)))
                    AND NOT EXISTS (SELECT 1 FROM lease WHERE lease.item_id = item.id)
                ) WHERE answers < overlap AND able < overlap - answers
                GROUP BY task_id
                """, arguments: StatementArguments(tasks))
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["task_id"] as Int64, $0["stalled"] as Int) })
    }

    /// Stalled items of one task (see `stalledItems`), newest skip first, with the skip reasons given.
    public func stalledItems(of task: LabelingTask, limit: Int = 50) async throws -> [StalledItem] {
        try await writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM (
                      SELECT item.external_id,
                        (SELECT count(*) FROM annotation a WHERE a.item_id = item.id) AS answers,
                        coalesce(item.needed, :overlap) AS overlap,
                        (SELECT group_concat(coalesce(s.reason, ''), char(30)) FROM skip s WHERE s.item_id = item.id) AS reasons,
                        (SELECT count(*) FROM task_annotator ta WHERE ta.task_id = item.task_id
                           AND NOT EXISTS (SELECT 1 FROM annotation a WHERE a.item_id = item.id AND a.user_id = ta.user_id)
                           AND NOT EXISTS (SELECT 1 FROM skip s WHERE s.item_id = item.id AND s.user_id = ta.user_id)) AS able,
                        (SELECT max(created_at) FROM skip s WHERE s.item_id = item.id) AS skipped_at
                      FROM item
                      WHERE item.task_id = :task AND item.id IN (SELECT item_id FROM skip)
                        AND NOT EXISTS (SELECT 1 FROM lease WHERE lease.item_id = item.id)
                    ) WHERE answers < overlap AND able < overlap - answers
                    ORDER BY skipped_at DESC LIMIT :limit
                    """, arguments: ["task": task.id, "overlap": task.overlap, "limit": limit])
            return rows.map { row in
                let reasons = ((row["reasons"] as String?) ?? "").split(separator: "\u{1E}").map(String.init).filter {
                    !$0.isEmpty
                }
                return StalledItem(itemID: row["external_id"], answers: row["answers"], skipReasons: reasons)
            }
        }
    }
}

/// An item that cannot reach its overlap with the annotators assigned now.
public struct StalledItem: Sendable, Hashable {
    public var itemID: String
    public var answers: Int
    /// Reasons annotators gave when they skipped it (empty ones left out).
    public var skipReasons: [String]
}
