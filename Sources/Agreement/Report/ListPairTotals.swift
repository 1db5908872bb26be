/// The pair-F1 sums a list answer's report is made of (`span_agreement`, `box_agreement`): over every
/// pair of answers to one item, overall, per label, per item and per annotator. What counts as a match
/// in a pair is the kind's (`SpanPairScores`, `BoxPairScores`); the sums are the same for both.
struct ListPairTotals {
    var pairs = 0
    var f1Sum = 0.0
    /// By label id: the sum of the label's pair F1 and the pairs in which either side has a mark of it.
    var labelSum: [Double]
    var labelPairs: [Int]
    /// By item: the sum of its pairs' F1 (its pair count follows from its annotations).
    var itemSum: [Double]
    /// By annotator id: the sum of F1 over the pairs the annotator is in, and their number.
    var annotatorSum: [Double]
    var annotatorPairs: [Int]

    init(labels: Int, items: Int, annotators: Int) {
        labelSum = [Double](repeating: 0, count: labels)
        labelPairs = [Int](repeating: 0, count: labels)
        itemSum = [Double](repeating: 0, count: items)
        annotatorSum = [Double](repeating: 0, count: annotators)
        annotatorPairs = [Int](repeating: 0, count: annotators)
    }

    /// Counts one pair of answers to `item`, by annotators `first` and `second`, that scored `f1`.
    @inline(__always) mutating func addPair(item: Int, annotators first: Int, _ second: Int, f1: Double) {
        pairs += 1
        f1Sum += f1
        itemSum[item] += f1
        annotatorSum[first] += f1
        annotatorPairs[first] += 1
        annotatorSum[second] += f1
        annotatorPairs[second] += 1
    }

    /// Counts a label of the pair being scored, whose marks of that label alone scored `f1`.
    @inline(__always) mutating func addLabel(_ label: Int, f1: Double) {
        labelSum[label] += f1
        labelPairs[label] += 1
    }

    /// Adds the sums of other items (another core's share).
    mutating func add(_ other: Self) {
        pairs += other.pairs
        f1Sum += other.f1Sum
        for index in labelSum.indices {
            labelSum[index] += other.labelSum[index]
            labelPairs[index] += other.labelPairs[index]
        }
        for index in itemSum.indices { itemSum[index] += other.itemSum[index] }
        for index in annotatorSum.indices {
            annotatorSum[index] += other.annotatorSum[index]
            annotatorPairs[index] += other.annotatorPairs[index]
        }
    }

    /// The mean of `sum` over `count` pairs (or matches); nil for none.
    static func mean(_ sum: Double, _ count: Int) -> Double? { count > 0 ? sum / Double(count) : nil }

    /// The mean pair F1 over every pair.
    var f1: Double? { Self.mean(f1Sum, pairs) }

    /// Label `label`'s mean pair F1 and its pairs.
    func label(_ label: Int) -> (f1: Double?, n: Int) { (Self.mean(labelSum[label], labelPairs[label]), labelPairs[label]) }
}
