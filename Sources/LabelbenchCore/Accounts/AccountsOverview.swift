/// The admin's view of accounts: every account and task, and who is assigned to what.
public struct AccountsOverview: Sendable {
    /// In name order.
    public var users: [User]
    /// In name order.
    public var tasks: [LabelingTask]
    /// Task names by account name, in task-name order; accounts without tasks are absent.
    public var assignedTasks: [String: [String]]
}
