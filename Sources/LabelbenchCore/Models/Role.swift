/// What an account may do: admins run the service, practitioners own tasks, annotators label.
public enum Role: String, Codable, Sendable, CaseIterable {
    case admin, practitioner, annotator

    /// Admins and practitioners author tasks, see quality pages and export.
    public var canManageTasks: Bool { self != .annotator }
}
