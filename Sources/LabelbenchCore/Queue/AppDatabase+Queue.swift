import Foundation
import GRDB

extension AppDatabase {
    /// The task for a queue request (`next`, `annotations`): 404 unless the caller is assigned to it,
    /// whatever their role. Cached statements, read on the calling thread rather than after a hop to a
    /// reader queue and back; the row is decoded only when it changed (`QueueTaskRecords`).
    public func queueTask(named name: String, visibleTo user: User) throws -> LabelingTask {
        try writer.read { db in
            guard
                let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM task WHERE name = ?"), arguments: [name])
            else {
                throw DomainError.notFound("no task named \(name)")
            }
            let task = try queueTaskRecords.task(from: row, named: name)
            try Self.requireAssigned(user, to: task, db)
            return task
        }
    }

    /// Only annotators assigned to a task get, skip or answer its items; practitioners and admins
    /// review and rule, and label only when assigned. Anyone else is told the task does not exist.
    static func requireAssigned(_ user: User, to task: LabelingTask, _ db: Database) throws {
        let assigned =
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT 1 FROM task_annotator WHERE task_id = ? AND user_id = ?"),
                arguments: [task.id, user.id]) ?? false
        if !assigned { throw DomainError.notFound("no task named \(task.name)") }
    }

    /// The tasks in the user's queue: those they are assigned to, whatever their role.
    public func queueTasks(for user: User) async throws -> [TaskSummary] {
        try await tasks(visibleTo: user).filter { $0.annotators.contains(user.name) }
    }

    /// Gives the annotator their next item and leases it, in one transaction.
    ///
    /// A live lease is returned again (a reload shows the same item). Otherwise, with probability
    /// `gold_rate`, a gold item the annotator has not seen; else the first item below its overlap
    /// that the annotator has neither labeled, skipped nor been given. Under adaptive overlap, items that
    /// have judgments and need more are served before items without any.
    public func leaseNextItem(in task: LabelingTask, for user: User, now: Date = Date()) async throws -> NextItem {
        let goldDraw = Double.random(in: 0..<1)
        return try await batcher.write { db in
            try Self.requireAssigned(user, to: task, db)
            try Self.requireNotPaused(user, in: task, db)
            try Self.releaseExpiredLeases(taskID: task.taskID, now: now, db)
            let current = try Self.currentQueueSettings(of: task, db)
            if let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT item.*, lease.token, lease.expires_at, lease.guideline_version AS lease_version
                        FROM lease JOIN item ON item.id = lease.item_id
                        WHERE lease.user_id = ? AND lease.task_id = ? ORDER BY lease.created_at LIMIT 1
                        """), arguments: [user.id, task.id])
            {
                return .leased(
                    Lease(
                        item: ItemView(row: row), token: row["token"],
                        expiresAt: Date(timeIntervalSince1970: row["expires_at"]), guidelineVersion: row["lease_version"]))
            }
            let unseen = """
                NOT EXISTS (SELECT 1 FROM annotation a WHERE a.item_id = item.id AND a.user_id = :user)
                AND NOT EXISTS (SELECT 1 FROM skip s WHERE s.item_id = item.id AND s.user_id = :user)
                """
            var row: Row?
            var fresh = false
            if current.goldRate > 0 && goldDraw < current.goldRate {
                row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT * FROM item WHERE task_id = :task AND gold IS NOT NULL AND \(unseen)
                            ORDER BY random() LIMIT 1
                            """), arguments: ["task": task.id, "user": user.id])
            }
            if row == nil {
                let open = try db.cachedStatement(
                    sql: """
                        SELECT * FROM item INDEXED BY item_queue
                        WHERE task_id = :task AND full = 0 AND gold IS NULL AND id > :after AND \(unseen)
                        ORDER BY id LIMIT 1
                        """)
                if current.overlapMax != nil {
                    // Adaptive overlap: items that have judgments and need more come before fresh ones.
                    // They are few (those in flight and those still contested), so they are read from the start.
                    row = try Row.fetchOne(
                        db.cachedStatement(
                            sql: """
                                SELECT * FROM item INDEXED BY item_started
                                WHERE task_id = :task AND full = 0 AND gold IS NULL AND needed IS NOT NULL AND \(unseen)
                                ORDER BY id LIMIT 1
                                """), arguments: ["task": task.id, "user": user.id])
                }
                if row == nil {
                    fresh = true
                    let after = queuePositions.position(task: task.taskID, user: user.userID)
                    row = try Row.fetchOne(open, arguments: ["task": task.id, "user": user.id, "after": after])
                    if row == nil && after > 0 {
                        row = try Row.fetchOne(open, arguments: ["task": task.id, "user": user.id, "after": 0])
                    }
                }
            }
            if row == nil && current.goldRate == 0 {
                // Without a gold rate, gold items are ordinary items and obey the overlap.
                row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT * FROM item INDEXED BY item_gold
                            WHERE task_id = :task AND gold IS NOT NULL AND assigned < :overlap AND \(unseen)
                            ORDER BY id LIMIT 1
                            """), arguments: ["task": task.id, "user": user.id, "overlap": current.overlap])
            }
            guard let row else {
                return .idle(try Self.idleState(task: current, user: user, now: now, db))
            }
            let item = ItemView(row: row)
            // The position marks the walk through the queue in id order, which an extra judgment leaves.
            if fresh { queuePositions.record(item.rowID, task: task.taskID, user: user.userID) }
            let token = SecretToken.make()
            let expires = now.unix + Double(current.leaseSeconds)
            try db.cachedStatement(
                sql: """
                    INSERT INTO lease (item_id, user_id, task_id, token, guideline_version, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [item.rowID, user.id, task.id, token, current.guidelineVersion, now.unix, expires])
            try Self.changeAssigned(itemID: item.rowID, by: 1, overlap: current.overlap, db)
            return .leased(
                Lease(
                    item: item, token: token, expiresAt: Date(timeIntervalSince1970: expires),
                    guidelineVersion: current.guidelineVersion))
        }
    }

    /// `task` with its queue settings (overlap, lease time, gold rate, guideline version) as they are
    /// now: a narrow read by primary key inside the write, instead of decoding the whole record
    /// (labels JSON included) on the serial writer, which the CPU profile showed as its largest cost.
    static func currentQueueSettings(of task: LabelingTask, _ db: Database) throws -> LabelingTask {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT overlap, lease_seconds, gold_rate, guideline_version, overlap_max, overlap_confidence,
                          consensus
                        FROM task WHERE id = ?
                        """), arguments: [task.id])
        else { return task }
        var current = task
        current.overlap = row[0]
        current.leaseSeconds = row[1]
        current.goldRate = row[2]
        current.guidelineVersion = row[3]
        current.overlapMax = row[4]
        current.overlapConfidence = row[5]
        current.consensus = ConsensusMethod(rawValue: row[6]) ?? .majority
        return current
    }

    /// Counts a place taken (`delta` 1: a lease or an annotation) or given back (-1) on an item, which
    /// is full once its places reach what it needs: its own `needed` under adaptive overlap, else `overlap`.
    static func changeAssigned(itemID: Int64, by delta: Int, overlap: Int, _ db: Database) throws {
        try db.cachedStatement(
            sql: """
                UPDATE item SET assigned = assigned + :delta,
                  full = CASE WHEN gold IS NULL AND assigned + :delta >= coalesce(needed, :overlap) THEN 1 ELSE 0 END
                WHERE id = :id
                """
        ).execute(arguments: ["delta": delta, "overlap": overlap, "id": itemID])
    }

    /// Returns the items of leases that have run out to the pool.
    static func releaseExpiredLeases(taskID: Int64, now: Date, _ db: Database) throws {
        let expired = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT item_id, user_id FROM lease WHERE task_id = ? AND expires_at <= ?"),
            arguments: [taskID, now.unix])
        if expired.isEmpty { return }
        let overlap = try Int.fetchOne(db.cachedStatement(sql: "SELECT overlap FROM task WHERE id = ?"), arguments: [taskID]) ?? 1
        for row in expired {
            let itemID: Int64 = row["item_id"]
            try db.cachedStatement(sql: "DELETE FROM lease WHERE item_id = ? AND user_id = ?").execute(arguments: [
                itemID, row["user_id"] as Int64,
            ])
            try changeAssigned(itemID: itemID, by: -1, overlap: overlap, db)
        }
    }

    /// Releases expired leases of every task; the lease-expiry service calls it periodically.
    public func releaseExpiredLeases(now: Date = Date()) async throws {
        try await batcher.write { db in
            let tasks = try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT DISTINCT task_id FROM lease WHERE expires_at <= ?"), arguments: [now.unix])
            for task in tasks { try Self.releaseExpiredLeases(taskID: task, now: now, db) }
        }
    }

    static func idleState(task: LabelingTask, user: User, now: Date, _ db: Database) throws -> QueueIdle {
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT count(*) AS waiting, min(l.expires_at) AS retry FROM item
                    JOIN lease l ON l.item_id = item.id
                    WHERE item.task_id = :task AND l.user_id <> :user
                      AND NOT EXISTS (SELECT 1 FROM annotation a WHERE a.item_id = item.id AND a.user_id = :user)
                      AND NOT EXISTS (SELECT 1 FROM skip s WHERE s.item_id = item.id AND s.user_id = :user)
                      AND NOT EXISTS (SELECT 1 FROM lease mine WHERE mine.item_id = item.id AND mine.user_id = :user)
                    """), arguments: ["task": task.id, "user": user.id])
        let waiting: Int = row?["waiting"] ?? 0
        let retry: Double? = row?["retry"]
        return QueueIdle(waiting: waiting, retryAt: waiting > 0 ? retry.map(Date.init(timeIntervalSince1970:)) : nil)
    }

    /// Done and remaining counts for the annotator's progress bar.
    public func progress(in task: LabelingTask, for user: User) async throws -> QueueProgress {
        try await writer.read { db in
            let done =
                try Int.fetchOne(
                    db.cachedStatement(sql: "SELECT count(*) FROM annotation WHERE task_id = ? AND user_id = ?"),
                    arguments: [task.id, user.id]) ?? 0
            let remaining =
                try Int.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT count(*) FROM item INDEXED BY item_queue WHERE task_id = :task AND full = 0 AND gold IS NULL
                            AND NOT EXISTS (SELECT 1 FROM annotation a WHERE a.item_id = item.id AND a.user_id = :user)
                            AND NOT EXISTS (SELECT 1 FROM skip s WHERE s.item_id = item.id AND s.user_id = :user)
                            """), arguments: ["task": task.id, "user": user.id]) ?? 0
            // The item leased to this annotator still waits for them even where `remaining` leaves it out
            // (full, or gold): so a gold item's page shows the count any item's would, telling nothing.
            let mine =
                try Int.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT count(*) FROM lease JOIN item ON item.id = lease.item_id
                            WHERE lease.task_id = ? AND lease.user_id = ? AND (item.full = 1 OR item.gold IS NOT NULL)
                            """), arguments: [task.id, user.id]) ?? 0
            return QueueProgress(done: done, remaining: remaining + mine)
        }
    }

    /// Skips an item: it is not offered to this annotator again and its lease is released. The
    /// optional reason (at most 500 characters) shows beside the item on the practitioner's pages.
    public func skipItem(
        _ externalID: String, in task: LabelingTask, for user: User, reason: String? = nil, now: Date = Date()
    ) async throws {
        let reason = reason.map { String($0.trimmingCharacters(in: .whitespacesAndNewlines).prefix(500)) }.flatMap {
            $0.isEmpty ? nil : $0
        }
        try await batcher.write { db in
            try Self.requireAssigned(user, to: task, db)
            guard
                let itemID = try Int64.fetchOne(
                    db.cachedStatement(sql: "SELECT id FROM item WHERE task_id = ? AND external_id = ?"),
                    arguments: [task.id, externalID])
            else {
                throw DomainError.notFound("no item \(externalID) in \(task.name)")
            }
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO skip (item_id, user_id, created_at, reason) VALUES (?, ?, ?, ?)")
                .execute(
                    arguments: [itemID, user.id, now.unix, reason])
            try db.cachedStatement(sql: "DELETE FROM lease WHERE item_id = ? AND user_id = ?").execute(arguments: [
                itemID, user.id,
            ])
            if db.changesCount > 0 {
                let overlap =
                    try Int.fetchOne(db.cachedStatement(sql: "SELECT overlap FROM task WHERE id = ?"), arguments: [task.id]) ?? 1
                try Self.changeAssigned(itemID: itemID, by: -1, overlap: overlap, db)
            }
        }
    }
}
