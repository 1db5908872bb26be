/// How far an annotator's labels stray from everyone else's on the same items.
public struct AnnotatorBias: Codable, Sendable, Equatable {
    /// Jensen–Shannon distance (0 same distribution, 1 disjoint).
    public var divergence: Double?
    /// Chi-square test of the annotator's labels against the others' on shared items.
    public var pValue: Double?
    /// Significant after Holm's correction over the annotators tested, at 0.05.
    public var flagged: Bool
    /// The label with the largest positive adjusted residual, when flagged.
    public var overused: String?

    enum CodingKeys: String, CodingKey {
        case divergence, flagged, overused
        case pValue = "p_value"
    }

    /// Encodes every key, writing undefined figures as null rather than leaving them out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(divergence, forKey: .divergence)
        try container.encode(pValue, forKey: .pValue)
        try container.encode(flagged, forKey: .flagged)
        try container.encode(overused, forKey: .overused)
    }
}
