import Foundation
import GRDB

/// A task with the annotators assigned to it.
public struct TaskSummary: Sendable, Hashable {
    public var task: LabelingTask
    public var items: Int
    public var annotations: Int
    public var annotators: [String]
}

extension AppDatabase {
    /// Creates a task and its guideline version 1.
    @discardableResult
    public func createTask(_ definition: TaskDefinition, by author: User?) async throws -> LabelingTask {
        try definition.validate()
        return try await writer.write { db in
            if try LabelingTask.filter(Column("name") == definition.name).fetchCount(db) > 0 {
                throw DomainError.conflict("name: a task named \(definition.name) already exists")
            }
            var task = LabelingTask(
                id: nil, name: definition.name, title: definition.title, kind: definition.kind, answer: definition.answer,
                labels: definition.labels, overlap: definition.overlap.first, leaseSeconds: definition.leaseSeconds,
                goldRate: definition.goldRate, guidelineVersion: 1, createdAt: Date(), createdBy: author?.id)
            (task.minTrust, task.minGoldSeen) = (definition.minTrust, definition.minGoldSeen)
            task.overlapSetting = definition.overlap
            task.consensus = definition.consensus
            (task.gates, task.protectedAliases) = (definition.gates, definition.protectedAliases)
            try task.insert(db)
            if task.consensus == .dawidSkene { try Self.refitConsensusModel(of: task, db) }
            try GuidelineVersion(
                taskId: task.taskID, version: 1, instructions: definition.instructions, guidelines: definition.guidelines,
                createdAt: task.createdAt, createdBy: author?.id
            ).insert(db)
            try Self.assign(definition.annotators, to: task, db)
            return task
        }
    }

    /// Saves an edited task. A change to instructions or guidelines makes a new guideline version;
    /// the label schema cannot change once annotations exist, since they would no longer fit it.
    /// `resolvingFlag` names the flag a new guideline was started from: it is resolved as `guideline`
    /// in the same transaction when the new version adds a guideline with the flag's item as example.
    @discardableResult
    public func updateTask(
        named name: String, with definition: TaskDefinition, by author: User?, resolvingFlag: Int64? = nil
    ) async throws
        -> LabelingTask
    {
        try definition.validate()
        return try await writer.write { db in
            guard var task = try LabelingTask.filter(Column("name") == name).fetchOne(db) else {
                throw DomainError.notFound("no task named \(name)")
            }
            if definition.name != name { throw DomainError.invalid("name: a task cannot be renamed") }
            let annotated =
                try Int.fetchOne(db, sql: "SELECT count(*) FROM annotation WHERE task_id = ?", arguments: [task.id]) ?? 0
            if annotated > 0 && (definition.labels.map(\.name) != task.labelNames || definition.answer != task.answer) {
                throw DomainError.invalid(
                    "labels: the label names and answer type are fixed once items are annotated (descriptions and keys may change)"
                )
            }
            let hasItems = try Int.fetchOne(db, sql: "SELECT count(*) FROM item WHERE task_id = ?", arguments: [task.id]) ?? 0
            if hasItems > 0 && definition.kind != task.kind {
                throw DomainError.invalid("kind: the item kind is fixed once items are imported")
            }
            let current = try GuidelineVersion.fetchOne(db, key: ["task_id": task.id, "version": task.guidelineVersion])
            if current?.instructions != definition.instructions || current?.guidelines != definition.guidelines {
                task.guidelineVersion += 1
                try GuidelineVersion(
                    taskId: task.taskID, version: task.guidelineVersion, instructions: definition.instructions,
                    guidelines: definition.guidelines, createdAt: Date(), createdBy: author?.id
                ).insert(db)
                if let resolvingFlag, let author {
                    let added = definition.guidelines.filter { !(current?.guidelines ?? []).contains($0) }
                    try Self.resolveFlag(resolvingFlag, of: task, byAdding: added, version: task.guidelineVersion, by: author, db)
                }
            }
            task.title = definition.title
            task.kind = definition.kind
            task.answer = definition.answer
            task.labels = definition.labels
            task.leaseSeconds = definition.leaseSeconds
            task.goldRate = definition.goldRate
            (task.minTrust, task.minGoldSeen) = (definition.minTrust, definition.minGoldSeen)
            // A new consensus method changes every item's confidence, so items are settled again as for new overlap.
            let overlapChanged = task.overlapSetting != definition.overlap || task.consensus != definition.consensus
            task.overlapSetting = definition.overlap
            task.consensus = definition.consensus
            (task.gates, task.protectedAliases) = (definition.gates, definition.protectedAliases)
            try task.update(db)
            if overlapChanged { try Self.settleOverlap(of: task, db) }
            try db.execute(sql: "DELETE FROM task_annotator WHERE task_id = ?", arguments: [task.id])
            try Self.assign(definition.annotators, to: task, db)
            return task
        }
    }

    static func assign(_ names: [String], to task: LabelingTask, _ db: Database) throws {
        for name in Set(names) {
            guard let user = try User.filter(Column("name") == name).fetchOne(db) else {
                throw DomainError.invalid("annotators: no account named \(name)")
            }
            try db.execute(
                sql: "INSERT OR IGNORE INTO task_annotator (task_id, user_id) VALUES (?, ?)",
                arguments: [task.id, user.id])
        }
    }

    /// Adds one annotator to a task (the admin page's assignment form).
    public func assignAnnotator(_ userName: String, toTask taskName: String) async throws {
        try await writer.write { db in
            guard let task = try LabelingTask.filter(Column("name") == taskName).fetchOne(db) else {
                throw DomainError.notFound("no task named \(taskName)")
            }
            try Self.assign([userName], to: task, db)
        }
    }

    /// The task if `user` may see it; annotators see only tasks they are assigned to.
    /// Anything else is "not found", so ids of other tasks reveal nothing.
    public func task(named name: String, visibleTo user: User) async throws -> LabelingTask {
        try await writer.read { db in try Self.task(named: name, visibleTo: user, db) }
    }

    static func task(named name: String, visibleTo user: User, _ db: Database) throws -> LabelingTask {
        guard let task = try LabelingTask.filter(Column("name") == name).fetchOne(db) else {
            throw DomainError.notFound("no task named \(name)")
        }
        if user.role == .annotator {
            let assigned =
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM task_annotator WHERE task_id = ? AND user_id = ?", arguments: [task.id, user.id])
                ?? false
            if !assigned { throw DomainError.notFound("no task named \(name)") }
        }
        return task
    }

    /// Tasks the user may see, with counts for the task list.
    public func tasks(visibleTo user: User) async throws -> [TaskSummary] {
        try await writer.read { db in
            let tasks: [LabelingTask]
            if user.role == .annotator {
                tasks = try LabelingTask.fetchAll(
                    db,
                    sql:
                        "SELECT task.* FROM task JOIN task_annotator ta ON ta.task_id = task.id WHERE ta.user_id = ? ORDER BY name",
                    arguments: [user.id])
            } else {
                tasks = try LabelingTask.order(Column("name")).fetchAll(db)
            }
            return try tasks.map { task in
                TaskSummary(
                    task: task,
                    items: try Int.fetchOne(db, sql: "SELECT count(*) FROM item WHERE task_id = ?", arguments: [task.id]) ?? 0,
                    annotations: try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM annotation WHERE task_id = ?", arguments: [task.id]) ?? 0,
                    annotators: try Self.annotatorNames(of: task, db))
            }
        }
    }

    static func annotatorNames(of task: LabelingTask, _ db: Database) throws -> [String] {
        try String.fetchAll(
            db,
            sql:
                "SELECT user.name FROM task_annotator JOIN user ON user.id = task_annotator.user_id WHERE task_id = ? ORDER BY user.name",
            arguments: [task.id])
    }

    /// The full definition of a task as it stands, for the edit form and `GET /api/v1/tasks/TASK`.
    public func definition(of task: LabelingTask) async throws -> TaskDefinition {
        try await writer.read { db in
            let current = try GuidelineVersion.fetchOne(db, key: ["task_id": task.id, "version": task.guidelineVersion])
            var definition = TaskDefinition(
                name: task.name, title: task.title, kind: task.kind, answer: task.answer, labels: task.labels,
                overlap: task.overlapSetting, leaseSeconds: task.leaseSeconds, goldRate: task.goldRate,
                minTrust: task.minTrust, minGoldSeen: task.minGoldSeen, instructions: current?.instructions ?? "",
                guidelines: current?.guidelines ?? [],
                annotators: try Self.annotatorNames(of: task, db))
            (definition.gates, definition.protectedAliases) = (task.gates, task.protectedAliases)
            definition.consensus = task.consensus
            return definition
        }
    }

    /// Every guideline version of a task, newest first.
    public func guidelineVersions(of task: LabelingTask) async throws -> [GuidelineVersion] {
        try await writer.read { db in
            try GuidelineVersion.filter(Column("task_id") == task.id).order(Column("version").desc).fetchAll(db)
        }
    }

    /// One guideline version (the one in force is `task.guidelineVersion`).
    public func guidelineVersion(_ version: Int, of task: LabelingTask) async throws -> GuidelineVersion? {
        try await writer.read { db in
            try GuidelineVersion.fetchOne(db, key: ["task_id": task.id, "version": version])
        }
    }
}
