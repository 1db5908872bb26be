/// Sums over the pairs of answers to each item that `box_agreement`, per-item agreement and
/// agreement with peers are made of.
enum BoxPairScores {
    /// Pair F1 = 2 · matches / (|A| + |B|); two empty lists agree completely.
    @inline(__always) static func f1(matches: Int, _ left: Int, _ right: Int) -> Double {
        left + right == 0 ? 1 : 2 * Double(matches) / Double(left + right)
    }
}
