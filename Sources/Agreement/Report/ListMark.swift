/// What a list answer is made of — spans of a text (`Span`), boxes on an image (`Box`) — as the rules
/// both kinds share see it: a pair of lists is scored by F1 under the kind's matching rule, and an
/// answer on a gold item counts as correct when that F1 against the gold list is at least `goldF1`.
public protocol ListMark: Hashable, Sendable {
    /// Pair F1 of two lists: 2 · matches / (|A| + |B|) with what the kind counts as a match; 1 for two
    /// empty lists.
    static func f1(_ a: [Self], _ b: [Self]) -> Double

    /// The list a value of a task of this kind stands for: a list of these marks, or `[]`, which may
    /// read back as an empty list of labels; nil for any other value.
    static func list(_ value: LabelValue) -> [Self]?
}

extension ListMark {
    /// An answer is correct on a gold item when its F1 against the gold list is at least this: below
    /// 1,000 marks only a list matching the gold list mark for mark reaches it.
    public static var goldF1: Double { 0.999 }

    /// True when `answer` scores at least `goldF1` against the gold list.
    public static func matchesGold(_ answer: [Self], gold: [Self]) -> Bool { f1(answer, gold) >= goldF1 }

    /// Whether `answer` matches `gold` as `matchesGold` has it; nil when either is not a list of these marks.
    public static func matchesGold(_ answer: LabelValue, gold: LabelValue) -> Bool? {
        guard let expected = list(gold), let given = list(answer) else { return nil }
        return matchesGold(given, gold: expected)
    }
}
