/// Majority vote: vote shares per item, ties to the first label in label order.
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
}
