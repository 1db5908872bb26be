/// Agreement on one item with at least two annotations: share of agreeing pairs and label counts.
public struct ItemAgreement: Codable, Sendable, Equatable {
    public var item: String
    public var n: Int
    @NullWhenUndefined public var agreement: Double?
    public var labels: [String: Int]
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
