/// One annotator's row of the quality table.
public struct AnnotatorSummary: Codable, Sendable, Equatable {
    public var annotator: String
    public var annotations: Int
    /// Share of agreeing pairs with other annotators on the same items.
    @NullWhenUndefined public var agreementWithPeers: Double?
    public var labelDistribution: [String: Int]
    public var bias: AnnotatorBias
    @NullWhenUndefined public var goldAccuracy: Double?
    @NullWhenUndefined public var goldAccuracyCI95: [Double]?
    @NullWhenUndefined public var medianSeconds: Double?
    /// Robust z-score of log median time below −3.5; null with fewer than three timed annotators.
    @NullWhenUndefined public var tooFast: Bool?

    enum CodingKeys: String, CodingKey {
        case annotator, annotations, bias
        case agreementWithPeers = "agreement_with_peers"
        case labelDistribution = "label_distribution"
        case goldAccuracy = "gold_accuracy"
        case goldAccuracyCI95 = "gold_accuracy_ci95"
        case medianSeconds = "median_seconds"
        case tooFast = "too_fast"
    }
}
