/// One choice of a task's label schema (for ratings: one point of the ordered scale).
public struct TaskLabel: Codable, Sendable, Hashable {
    public var name: String
    /// A single keyboard key that picks this label in the queue.
    public var key: String?
    /// Markdown shown beside the choice.
    public var description: String?

    public init(name: String, key: String? = nil, description: String? = nil) {
        self.name = name
        self.key = key
        self.description = description
    }
}
