/// An edge-case ruling: "Person on a billboard" → "Not a pedestrian."
public struct Guideline: Codable, Sendable, Hashable {
    public var title: String
    /// Markdown.
    public var ruling: String
    /// External ids of items that illustrate the ruling.
    public var examples: [String]

    public init(title: String, ruling: String, examples: [String] = []) {
        self.title = title
        self.ruling = ruling
        self.examples = examples
    }

    enum CodingKeys: String, CodingKey { case title, ruling, examples }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try RefuseUnknownKeys.check(decoder, allowed: ["title", "ruling", "examples"], context: "guideline")
        title = try container.decode(String.self, forKey: .title)
        ruling = try container.decode(String.self, forKey: .ruling)
        examples = try container.decodeIfPresent([String].self, forKey: .examples) ?? []
    }
}
