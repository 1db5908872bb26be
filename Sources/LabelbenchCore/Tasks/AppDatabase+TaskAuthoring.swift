import GRDB

/// What the task form shows: the task's definition (none for a new task), its guideline versions
/// and the annotator accounts that can be assigned to it.
public struct TaskAuthoring: Sendable {
    public var definition: TaskDefinition?
    /// Newest first.
    public var versions: [GuidelineVersion]
    /// Names of the annotator accounts, by name.
    public var annotatorAccounts: [String]
}

extension AppDatabase {
    /// Everything the task form of `task` (or of a new task, for nil) reads.
    public func taskAuthoring(of task: LabelingTask?) async throws -> TaskAuthoring {
        let accounts = try await writer.read { db in
            try User.filter(Column("role") == Role.annotator.rawValue).order(Column("name")).fetchAll(db).map(\.name)
        }
        guard let task else { return TaskAuthoring(definition: nil, versions: [], annotatorAccounts: accounts) }
        return TaskAuthoring(
            definition: try await definition(of: task), versions: try await guidelineVersions(of: task),
            annotatorAccounts: accounts)
    }
}
