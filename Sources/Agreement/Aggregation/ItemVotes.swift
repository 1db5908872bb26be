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
        let classes = categories.labels.count
        if multiple {
            var chosen = [Int](repeating: 0, count: classes)
            for value in answerValue { for label in categories.valueSelection[value] { chosen[Int(label)] += 1 } }
            self.init(chosen: chosen, labels: categories.labels, annotators: answers.count)
            return
        }
        var counts = [Int32](repeating: 0, count: classes)
        var givenAsNumber = [Bool](repeating: false, count: classes)
        for value in answerValue {
            let category = Int(categories.valueCategory[value])
            counts[category] += 1
            if case .number = distinct[value] { givenAsNumber[category] = true }
        }
        // Categories in tie order, as `ItemGroupedVotes` numbers its classes.
        self.init(
            counts: counts, labels: categories.labels, tieOrder: MajorityVote.tieOrder(categories.labels, declared: labelOrder),
            givenAsNumber: givenAsNumber)
    }

    /// Multiple choice, from how many of `annotators` chose each label.
    private init(chosen: [Int], labels: [String], annotators: Int) {
        guard annotators > 0 else {
            (consensus, agreement) = (nil, nil)
            return
        }
        let vote = MajorityVote.labelSet(chosenBy: chosen, annotators: annotators)
        consensus = (.strings(labels.indices.filter { vote.kept[$0] }.map { labels[$0] }), vote.confidence)
        guard annotators >= 2, !labels.isEmpty else {
            agreement = nil
            return
        }
        // The mean of the per-label units, summed in label order as the report sums them.
        var sum = 0.0
        for count in chosen {
            sum += ItemAgreement.pairShare(groups: [Int32(annotators - count), Int32(count)], annotators: annotators)
        }
        agreement = sum / Double(labels.count)
    }

    /// One label per answer, from the count of each label.
    private init(counts: [Int32], labels: [String], tieOrder: [Int], givenAsNumber: [Bool]) {
        let annotators = Int(counts.reduce(0, +))
        guard annotators > 0 else {
            (consensus, agreement) = (nil, nil)
            return
        }
        let shares = tieOrder.map { Double(counts[$0]) / Double(annotators) }
        let winner = tieOrder[MajorityVote.best(shares[...])]
        consensus = (
            ItemGroupedVotes.value(labels[winner], givenAsNumber: givenAsNumber[winner]),
            Double(counts[winner]) / Double(annotators)
        )
        agreement = annotators >= 2 ? ItemAgreement.pairShare(groups: counts, annotators: annotators) : nil
    }
}

extension ItemVotes {
    /// Scores the items of one task: its labels are looked up once, not once an item.
    public struct Scorer: Sendable {
        let labelOrder: [String]
        let position: [String: Int]

        /// A scorer for the task's label list.
        public init(labelOrder: [String]) {
            self.labelOrder = labelOrder
            var position: [String: Int] = [:]
            for (index, label) in labelOrder.enumerated() where position[label] == nil { position[label] = index }
            self.position = position
        }

        /// The same as `ItemVotes(answers, labelOrder:)`; answers of the task's own labels skip the general
        /// categorising, whose order then is the label list itself.
        public func votes(_ answers: [LabelValue]) -> ItemVotes {
            guard position.count == labelOrder.count, !labelOrder.isEmpty else { return general(answers) }
            let multiple = answers.contains { if case .strings = $0 { true } else { false } }
            if multiple {
                var chosen = [Int](repeating: 0, count: labelOrder.count)
                // A label chosen twice in one answer counts once.
                var lastAnswer = [Int](repeating: -1, count: labelOrder.count)
                for (index, answer) in answers.enumerated() {
                    let labels: [String]
                    switch answer {
                    case .string(let label): labels = [label]
                    case .strings(let list): labels = list
                    case .number, .spans, .boxes: return general(answers)
                    }
                    for label in labels {
                        guard let at = position[label] else { return general(answers) }
                        if lastAnswer[at] != index {
                            lastAnswer[at] = index
                            chosen[at] += 1
                        }
                    }
                }
                return ItemVotes(chosen: chosen, labels: labelOrder, annotators: answers.count)
            }
            var counts = [Int32](repeating: 0, count: labelOrder.count)
            for answer in answers {
                guard case .string(let label) = answer, let at = position[label] else { return general(answers) }
                counts[at] += 1
            }
            return ItemVotes(
                counts: counts, labels: labelOrder, tieOrder: Array(labelOrder.indices),
                givenAsNumber: [Bool](repeating: false, count: labelOrder.count))
        }

        private func general(_ answers: [LabelValue]) -> ItemVotes { ItemVotes(answers, labelOrder: labelOrder) }
    }
}
