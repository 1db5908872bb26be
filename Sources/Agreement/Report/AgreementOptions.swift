/// How to compute an agreement report: level, the task's label list, answer kind, gold answers, bootstrap.
public struct AgreementOptions: Sendable {
    /// Level for `alpha_ci95` (alpha itself is reported at every level the labels allow).
    public var level: MeasurementLevel
    /// The task's full label list in order; AC1's chance term and weighted kappas depend on it.
    public var labels: [String]?
    public var answer: AnswerKind
    /// Gold answers by item id, for per-annotator gold accuracy.
    public var gold: [String: LabelValue]
    public var bootstrapSamples: Int
    /// Seed of the bootstrap; fixed by default so the same data gives the same interval.
    public var seed: UInt64

    /// Creates options; every argument has a default.
    public init(
        level: MeasurementLevel = .nominal, labels: [String]? = nil, answer: AnswerKind = .single,
        gold: [String: LabelValue] = [:], bootstrapSamples: Int = 1000, seed: UInt64 = 20_070_101
    ) {
        self.level = level
        self.labels = labels
        self.answer = answer
        self.gold = gold
        self.bootstrapSamples = bootstrapSamples
        self.seed = seed
    }
}
