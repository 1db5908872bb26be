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

    enum CodingKeys: String, CodingKey { case name, key, description }

    /// Refuses unknown fields ("colour") like the rest of the task file.
    public init(from decoder: any Decoder) throws {
        try RefuseUnknownKeys.check(decoder, allowed: ["name", "key", "description"], context: "label")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        key = try container.decodeIfPresent(String.self, forKey: .key)
        description = try container.decodeIfPresent(String.self, forKey: .description)
    }
}
