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

    /// The matching found by the last `match`: positions in the shape array and the pair's IoU.
    private(set) var matchedLeft: [Int] = []
    private(set) var matchedRight: [Int] = []
    private(set) var matchedIoU: [Double] = []

    /// Candidate pairs (IoU ≥ 0.5) as offsets into the two ranges.
    private var candidateLeft: [Int32] = []
    private var candidateRight: [Int32] = []
    private var candidateIoU: [Double] = []
    private var leftDegree: [Int32] = []
    private var rightDegree: [Int32] = []
    private var assignment = BoxAssignment()

    /// Matches the boxes `shapes[left]` against `shapes[right]`, both of one label and sorted by
    /// `BoxGeometry.precedes`; the pairs are left in `matched…`. Returns their number and IoU sum.
    mutating func match(_ shapes: [BoxGeometry], _ left: Range<Int>, _ right: Range<Int>) -> (count: Int, iou: Double) {
        matchedLeft.removeAll(keepingCapacity: true)
        matchedRight.removeAll(keepingCapacity: true)
        matchedIoU.removeAll(keepingCapacity: true)
        guard !left.isEmpty, !right.isEmpty else { return (0, 0) }
        candidateLeft.removeAll(keepingCapacity: true)
        candidateRight.removeAll(keepingCapacity: true)
        candidateIoU.removeAll(keepingCapacity: true)
        Self.reset(&leftDegree, left.count)
        Self.reset(&rightDegree, right.count)
        var crowded = false
        for a in left {
            let box = shapes[a]
            let far = box.x + box.w
            for b in right {
                let other = shapes[b]
                // Sorted by x: once a box starts past this one's right edge, so do the rest.
                if other.x >= far { break }
                let iou = box.iou(other)
                guard iou >= Self.threshold else { continue }
                let (i, j) = (a - left.lowerBound, b - right.lowerBound)
                candidateLeft.append(Int32(i))
                candidateRight.append(Int32(j))
                candidateIoU.append(iou)
                leftDegree[i] += 1
                rightDegree[j] += 1
                if leftDegree[i] > 1 || rightDegree[j] > 1 { crowded = true }
            }
        }
        var total = 0.0
        if !crowded {
            for index in candidateIoU.indices {
                matchedLeft.append(left.lowerBound + Int(candidateLeft[index]))
                matchedRight.append(right.lowerBound + Int(candidateRight[index]))
                matchedIoU.append(candidateIoU[index])
                total += candidateIoU[index]
            }
            return (matchedIoU.count, total)
        }
        let flipped = Self.isSmaller(shapes, right, than: left)
        let pairs = assignment.solve(
            rows: flipped ? candidateRight : candidateLeft, columns: flipped ? candidateLeft : candidateRight,
            weights: candidateIoU.map(Self.weight))
        for (row, column, candidate) in pairs {
            let (i, j) = flipped ? (column, row) : (row, column)
            matchedLeft.append(left.lowerBound + i)
            matchedRight.append(right.lowerBound + j)
            matchedIoU.append(candidateIoU[candidate])
            total += candidateIoU[candidate]
        }
        return (matchedIoU.count, total)
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

    private static func reset(_ counts: inout [Int32], _ count: Int) {
        if counts.count < count { counts = [Int32](repeating: 0, count: count) }
        for index in 0..<count { counts[index] = 0 }
    }
}
