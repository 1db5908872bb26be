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

extension ItemAgreement {
    /// The share of agreeing pairs among `annotators` answers that fall into groups of equal answers of
    /// the given sizes: what an item's (or, for multiple choice, a label's) agreement is.
    static func pairShare(groups sizes: some Sequence<Int32>, annotators: Int) -> Double {
        var agreeing = 0.0
        for size in sizes {
            let count = Double(size)
            agreeing += count * (count - 1)
        }
        return agreeing / (Double(annotators) * Double(annotators - 1))
    }
}
