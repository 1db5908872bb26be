/// Majority vote, the one definition of consensus that `aggregate`, the quality page and exports share.
///
/// - One label per answer: the label with the most votes wins, ties going to the first label in label
///   order (the task's label list, then unknown labels sorted); confidence is the winner's share of votes.
/// - Multiple choice: each label is a yes/no decision, kept when more than half of the item's
///   annotators chose it; confidence is the mean, over every label, of the share agreeing with its decision.
enum MajorityVote {
    /// Vote shares, item-major (`shares[i * K + c]`).
    static func shares(_ votes: ItemGroupedVotes) -> [Double] {
        let classes = votes.classCount
        var shares = [Double](repeating: 0, count: votes.itemCount * classes)
        for item in 0..<votes.itemCount {
            let first = Int(votes.start[item])
            let last = Int(votes.start[item + 1])
            for vote in first..<last { shares[item * classes + Int(votes.label[vote])] += 1 }
            let count = Double(last - first)
            if count > 0 { for c in 0..<classes { shares[item * classes + c] /= count } }
        }
        return shares
    }

    /// Index of the largest value; the first wins a tie, which puts ties on the first label.
    static func best(_ values: ArraySlice<Double>) -> Int {
        var bestIndex = values.startIndex
        for index in values.indices where values[index] > values[bestIndex] { bestIndex = index }
        return bestIndex - values.startIndex
    }

    /// Multiple choice: whether each label is kept, given how many of `annotators` chose it, and the confidence.
    static func labelSet(chosenBy votes: some Collection<Int>, annotators: Int) -> (kept: [Bool], confidence: Double) {
        let total = Double(annotators)
        var kept: [Bool] = []
        kept.reserveCapacity(votes.count)
        var agreeing = 0.0
        for count in votes {
            let chosen = Double(count)
            kept.append(chosen * 2 > total)
            agreeing += max(chosen, total - chosen) / total
        }
        return (kept, agreeing / Double(max(votes.count, 1)))
    }
}

extension MajorityVote {
    /// The order ties are broken in: declared labels as declared, then the others as `labels` has them.
    ///
    /// Statistics put a numeric scale in value order, but a tie still goes to the first label of the
    /// task's own list. Returns, for each position, the index in `labels` of the label that goes there.
    static func tieOrder(_ labels: [String], declared: [String]?) -> [Int] {
        guard let declared, !declared.isEmpty else { return Array(labels.indices) }
        var position: [String: Int] = [:]
        for (index, label) in declared.enumerated() where position[label] == nil { position[label] = index }
        return labels.indices.sorted { (position[labels[$0]] ?? Int.max, $0) < (position[labels[$1]] ?? Int.max, $1) }
    }
}
