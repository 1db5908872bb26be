/// The consensus label of one item and the confidence in it.
public struct AggregatedLabel: Codable, Sendable, Equatable {
    public var item: String
    public var label: LabelValue
    /// Share of votes (majority) or posterior probability (Dawid–Skene).
    public var confidence: Double
}
