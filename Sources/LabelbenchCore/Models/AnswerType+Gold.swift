import Agreement

extension AnswerType {
    /// Whether an answer counts as correct against a gold answer, as the report's `gold_accuracy`
    /// counts it: a span or box list when its F1 against the gold list is at least 0.999 (`ListMark`:
    /// exact spans; boxes matched at IoU 0.5), any other answer when it equals the gold answer.
    public func matchesGold(_ answer: LabelValue, gold: LabelValue) -> Bool {
        let listMatch: Bool? =
            switch self {
            case .spans: Span.matchesGold(answer, gold: gold)
            case .boxes: Box.matchesGold(answer, gold: gold)
            case .single, .multiple, .rating: nil
            }
        return listMatch ?? (answer == gold)
    }
}
