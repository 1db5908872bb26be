/// Agreement on one item with at least two annotations: share of agreeing pairs and label counts.
public struct ItemAgreement: Codable, Sendable, Equatable {
    public var item: String
    public var n: Int
    public var agreement: Double?
    public var labels: [String: Int]

    /// Encodes every key, writing undefined figures as null rather than leaving them out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(item, forKey: .item)
        try container.encode(n, forKey: .n)
        try container.encode(agreement, forKey: .agreement)
        try container.encode(labels, forKey: .labels)
    }

    enum CodingKeys: String, CodingKey { case item, n, agreement, labels }
}
