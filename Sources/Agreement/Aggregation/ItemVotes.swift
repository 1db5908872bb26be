/// One item's answers scored by the library's rules: the majority-vote consensus (`MajorityVote`)
/// and the item's agreement, the same figures `aggregate` and the report's `per_item` give for it.
///
/// For callers that walk a task item by item instead of holding every annotation: an export
/// streams its rows. Label sets among the answers make the item multiple choice.
public struct ItemVotes: Sendable {
    /// The consensus label and the confidence in it; nil without answers.
    public let consensus: (label: LabelValue, confidence: Double)?
    /// The share of agreeing pairs (for multiple choice, the mean over labels of the share agreeing
    /// on that label); nil with fewer than two answers.
    public let agreement: Double?

    /// Scores the answers against the task's label list (`labelOrder`; without it labels are sorted).
    public init(_ answers: [LabelValue], labelOrder: [String]?) {
        var distinct: [LabelValue] = []
        var valueId: [LabelValue: Int] = [:]
        let answerValue = answers.map { answer in
            if let id = valueId[answer] { return id }
            valueId[answer] = distinct.count
            distinct.append(answer)
            return distinct.count - 1
        }
        let multiple = distinct.contains { if case .strings = $0 { true } else { false } }
        let categories = LabelCategories(distinct, declared: labelOrder, answer: multiple ? .multiple : .single)
        let annotators = answers.count
        let classes = categories.labels.count
        guard annotators > 0 else {
            (consensus, agreement) = (nil, nil)
            return
        }
        if multiple {
            var chosen = [Int](repeating: 0, count: classes)
            for value in answerValue { for label in categories.valueSelection[value] { chosen[Int(label)] += 1 } }
            let vote = MajorityVote.labelSet(chosenBy: chosen, annotators: annotators)
            consensus = (
                .strings(categories.labels.indices.filter { vote.kept[$0] }.map { categories.labels[$0] }), vote.confidence
            )
            guard annotators >= 2, classes > 0 else {
                agreement = nil
                return
            }
            var sum = 0.0
            for count in chosen {
                sum += ItemAgreement.pairShare(groups: [Int32(annotators - count), Int32(count)], annotators: annotators)
            }
            agreement = sum / Double(classes)
            return
        }
        // Categories in tie order, as `ItemGroupedVotes` numbers its classes.
        let order = MajorityVote.tieOrder(categories.labels, declared: labelOrder)
        var counts = [Int32](repeating: 0, count: classes)
        var givenAsNumber = [Bool](repeating: false, count: classes)
        for value in answerValue {
            let category = Int(categories.valueCategory[value])
            counts[category] += 1
            if case .number = distinct[value] { givenAsNumber[category] = true }
        }
        let shares = order.map { Double(counts[$0]) / Double(annotators) }
        let winner = order[MajorityVote.best(shares[...])]
        consensus = (
            ItemGroupedVotes.value(categories.labels[winner], givenAsNumber: givenAsNumber[winner]),
            Double(counts[winner]) / Double(annotators)
        )
        agreement = annotators >= 2 ? ItemAgreement.pairShare(groups: counts, annotators: annotators) : nil
    }
}
