/// A share of gold answers judged correct, with its Wilson 95 % interval (the interval the report's
/// `gold_accuracy_ci95` gives), for callers that count gold answers themselves.
public struct GoldAccuracy: Sendable, Hashable {
    public var correct: Int
    public var seen: Int

    public init(correct: Int, seen: Int) {
        self.correct = correct
        self.seen = seen
    }

    /// nil before any gold answer.
    public var accuracy: Double? { seen > 0 ? Double(correct) / Double(seen) : nil }
    /// `[low, high]`, nil before any gold answer.
    public var interval95: [Double]? { SpecialFunctions.wilson(successes: correct, trials: seen) }
}
