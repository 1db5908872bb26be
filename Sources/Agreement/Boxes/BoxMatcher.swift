/// The one-to-one matching of two annotators' boxes of one label, as every box figure uses it.
///
/// Pairs with IoU below 0.5 are excluded first; of the matchings left, the one with the largest
/// total IoU is taken. (Running the assignment on every IoU and dropping weak pairs afterwards can
/// keep fewer matches: a strong pair it preferred may have been traded for two it then drops.)
///
/// Most pairs of lists need no search: when no box has two candidates on the other side, every
/// candidate pair is in the matching. Otherwise an exact maximum-weight assignment (the Hungarian
/// method with potentials, `BoxAssignment`) runs on the boxes that have candidates. Its weights are
/// integers, so the optimum is exact and independent of which list is which:
///
/// - IoU is rounded to a multiple of 2⁻³², so totals closer than that are equal;
/// - among matchings of equal total the one with more pairs wins (each pair adds one unit below
///   the IoU's last place);
/// - a tie left after that goes to what the assignment meets first with the lists in canonical
///   order: each list sorted by (x, y, w, h), the list that is smaller in that order as rows.
///
/// F1 and mean IoU depend only on the pair count and the total, so only consensus clusters can
/// see the last rule. Buffers are reused from pair to pair.
struct BoxMatcher {
    /// The smallest IoU at which two boxes can be matched.
    static let threshold = 0.5

    /// Two boxes by position in the shape array, and their IoU.
    struct Pair {
        var left: Int32 = 0
        var right: Int32 = 0
        var iou = 0.0
    }

    /// The matching found by the last `match` is `matches[0..<matchCount]`. The arrays only ever
    /// grow and are written through their buffers: a box file makes millions of matchings of a
    /// few boxes each, and emptying and appending to arrays (a uniqueness check per call) cost
    /// more than the IoUs.
    private var matches: [Pair] = []
    private(set) var matchCount = 0
    /// Candidate pairs (IoU ≥ 0.5) in the order found, and each box's candidate count.
    private var candidates: [Pair] = []
    private var degrees: [Int32] = []
    /// Only for the assignment, on crowded lists.
    private var candidateLeft: [Int32] = []
    private var candidateRight: [Int32] = []
    private var assignment = BoxAssignment()

    /// Pair `index` of the last matching: positions in the shape array and the pair's IoU.
    @inline(__always) func matched(_ index: Int) -> (left: Int, right: Int, iou: Double) {
        let pair = matches[index]
        return (Int(pair.left), Int(pair.right), pair.iou)
    }

    /// Matches the boxes `shapes[left]` against `shapes[right]`, both of one label and sorted by
    /// `BoxGeometry.precedes`; the pairs are left in `matched(_:)`. Returns their number and IoU sum.
    mutating func match(_ shapes: [BoxGeometry], _ left: Range<Int>, _ right: Range<Int>) -> (count: Int, iou: Double) {
        matchCount = 0
        guard !left.isEmpty, !right.isEmpty else { return (0, 0) }
        let most = left.count * right.count
        if candidates.count < most { candidates = [Pair](repeating: Pair(), count: Swift.max(most, 64)) }
        if degrees.count < left.count + right.count { degrees = [Int32](repeating: 0, count: left.count + right.count) }
        var found = 0
        var crowded = false
        shapes.withUnsafeBufferPointer { shapes in
            candidates.withUnsafeMutableBufferPointer { candidates in
                degrees.withUnsafeMutableBufferPointer { degrees in
                    for index in 0..<(left.count + right.count) { degrees[index] = 0 }
                    for a in left {
                        let box = shapes[a]
                        let far = box.x + box.w
                        for b in right {
                            let other = shapes[b]
                            // Sorted by x: once a box starts past this one's right edge, so do the rest.
                            if other.x >= far { break }
                            let iou = box.iou(other)
                            guard iou >= Self.threshold else { continue }
                            candidates[found] = Pair(left: Int32(a), right: Int32(b), iou: iou)
                            found += 1
                            let (i, j) = (a - left.lowerBound, left.count + b - right.lowerBound)
                            degrees[i] += 1
                            degrees[j] += 1
                            if degrees[i] > 1 || degrees[j] > 1 { crowded = true }
                        }
                    }
                }
            }
        }
        var total = 0.0
        if !crowded {
            // Every candidate is matched: the candidates are the matching.
            swap(&candidates, &matches)
            matchCount = found
            matches.withUnsafeBufferPointer { for index in 0..<found { total += $0[index].iou } }
            return (found, total)
        }
        candidateLeft.removeAll(keepingCapacity: true)
        candidateRight.removeAll(keepingCapacity: true)
        for index in 0..<found {
            candidateLeft.append(candidates[index].left - Int32(left.lowerBound))
            candidateRight.append(candidates[index].right - Int32(right.lowerBound))
        }
        let flipped = Self.isSmaller(shapes, right, than: left)
        let pairs = assignment.solve(
            rows: flipped ? candidateRight : candidateLeft, columns: flipped ? candidateLeft : candidateRight,
            weights: candidates[0..<found].map { Self.weight($0.iou) })
        if matches.count < pairs.count { matches = [Pair](repeating: Pair(), count: Swift.max(pairs.count, 64)) }
        for (row, column, candidate) in pairs {
            let (i, j) = flipped ? (column, row) : (row, column)
            let iou = candidates[candidate].iou
            matches[matchCount] = Pair(left: Int32(left.lowerBound + i), right: Int32(right.lowerBound + j), iou: iou)
            matchCount += 1
            total += iou
        }
        return (matchCount, total)
    }

    /// A candidate pair's integer weight: its IoU in units of 2⁻³², shifted to leave room for the
    /// pair count below it (up to 2¹⁴ − 1 pairs), so equal totals are decided by the count.
    static func weight(_ iou: Double) -> Int64 {
        Int64((iou * 4_294_967_296).rounded()) << 14 + 1
    }

    /// True when the boxes of `a` come before those of `b` in (x, y, w, h) order, compared one by
    /// one, a shorter list first when it is a prefix of the other.
    static func isSmaller(_ shapes: [BoxGeometry], _ a: Range<Int>, than b: Range<Int>) -> Bool {
        for (i, j) in zip(a, b) where shapes[i] != shapes[j] {
            return BoxGeometry.precedes(shapes[i], shapes[j])
        }
        return a.count < b.count
    }
}
