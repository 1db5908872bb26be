import Agreement

extension AnswerType {
    /// Whether an answer counts as correct against a gold answer, as the report's `gold_accuracy`
    /// counts it: a span or box list when its F1 against the gold list is at least 0.999 (exact spans;
    /// boxes matched at IoU 0.5), any other answer when it equals the gold answer.
    public func matchesGold(_ answer: LabelValue, gold: LabelValue) -> Bool {
        switch self {
        case .spans:
            if let expected = Span.spanList(gold), let given = Span.spanList(answer) {
                return Span.matchesGold(given, gold: expected)
            }
        case .boxes:
            if let expected = Box.boxList(gold), let given = Box.boxList(answer) { return Box.matchesGold(given, gold: expected) }
        case .single, .multiple, .rating:
            break
        }
        return answer == gold
    }
}
