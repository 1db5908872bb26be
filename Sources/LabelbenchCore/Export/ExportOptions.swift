/// How a dataset version is built from a task.
public struct ExportOptions: Sendable {
    public enum Method: String, Sendable, CaseIterable {
        case majority
        case dawidSkene = "dawid-skene"
    }

    /// Collection name; the task's name by default.
    public var name: String?
    public var aliases: [String]
    public var method: Method
    /// Also write `labels.csv`.
    public var includeCSV: Bool
    /// Add items with no annotation as rows with `label: null`.
    public var includeUnlabeled: Bool
    /// Replace annotator names with keyed pseudonyms (stable per install).
    public var pseudonymize: Bool
    /// Export into a collection that another task fills (recorded in the version's lineage).
    public var force: Bool

    public init(
        name: String? = nil, aliases: [String] = [], method: Method = .majority, includeCSV: Bool = false,
        includeUnlabeled: Bool = false, pseudonymize: Bool = false, force: Bool = false
    ) {
        self.name = name
        self.aliases = aliases
        self.method = method
        self.includeCSV = includeCSV
        self.includeUnlabeled = includeUnlabeled
        self.pseudonymize = pseudonymize
        self.force = force
    }
}
