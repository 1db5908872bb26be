/// One annotator's row of the quality table.
public struct AnnotatorSummary: Codable, Sendable, Equatable {
    public var annotator: String
    public var annotations: Int
    /// Share of agreeing pairs with other annotators on the same items.
    public var agreementWithPeers: Double?
    public var labelDistribution: [String: Int]
    public var bias: AnnotatorBias
    public var goldAccuracy: Double?
    public var goldAccuracyCI95: [Double]?
    public var medianSeconds: Double?
    /// Robust z-score of log median time below −3.5; null with fewer than three timed annotators.
    public var tooFast: Bool?

    enum CodingKeys: String, CodingKey {
        case annotator, annotations, bias
        case agreementWithPeers = "agreement_with_peers"
        case labelDistribution = "label_distribution"
        case goldAccuracy = "gold_accuracy"
        case goldAccuracyCI95 = "gold_accuracy_ci95"
        case medianSeconds = "median_seconds"
        case tooFast = "too_fast"
    }

    /// Encodes every key, writing undefined figures as null rather than leaving them out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(annotator, forKey: .annotator)
        try container.encode(annotations, forKey: .annotations)
        try container.encode(agreementWithPeers, forKey: .agreementWithPeers)
        try container.encode(labelDistribution, forKey: .labelDistribution)
        try container.encode(bias, forKey: .bias)
        try container.encode(goldAccuracy, forKey: .goldAccuracy)
        try container.encode(goldAccuracyCI95, forKey: .goldAccuracyCI95)
        try container.encode(medianSeconds, forKey: .medianSeconds)
        try container.encode(tooFast, forKey: .tooFast)
    }
}
