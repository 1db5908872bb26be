/// The pair F1 of list answers (spans, boxes): 2 · matches / (|A| + |B|), where what counts as a
/// match is the answer kind's; two empty lists agree completely.
@inline(__always) func listPairF1(matches: Int, _ left: Int, _ right: Int) -> Double {
    left + right == 0 ? 1 : 2 * Double(matches) / Double(left + right)
}
