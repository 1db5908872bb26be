import Foundation

/// Consensus labels with confidence, annotator skill and confusion: the output of `labelbench aggregate`.
///
/// Skill is the annotator's accuracy: for majority vote the share of their labels that match the
/// consensus, for Dawid–Skene Σ_c prior(c) · P(c | c), the chance they are right on a random item.
public struct AggregationResult: Codable, Sendable {
    public var method: String
    public var labels: [AggregatedLabel]
    public var annotators: [AnnotatorSkill]
    /// EM iterations run (Dawid–Skene only).
    @NullWhenUndefined public var iterations: Int?
    /// Estimated class priors (Dawid–Skene only).
    @NullWhenUndefined public var priors: [String: Double]?
    public var notes: [String]
}
