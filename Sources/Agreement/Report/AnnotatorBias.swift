/// How far an annotator's labels stray from everyone else's on the same items.
public struct AnnotatorBias: Codable, Sendable, Equatable {
    /// Jensen–Shannon distance (0 same distribution, 1 disjoint).
    @NullWhenUndefined public var divergence: Double?
    /// Chi-square test of the annotator's labels against the others' on shared items.
    @NullWhenUndefined public var pValue: Double?
    /// Significant after Holm's correction over the annotators tested, at 0.05.
    public var flagged: Bool
    /// The label with the largest positive adjusted residual, when flagged.
    @NullWhenUndefined public var overused: String?

    enum CodingKeys: String, CodingKey {
        case divergence, flagged, overused
        case pValue = "p_value"
    }
}
