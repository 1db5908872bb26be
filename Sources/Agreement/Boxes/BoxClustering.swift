/// Consensus boxes of one item: clusters of boxes linked by the pairwise matchings, kept when a
/// strict majority of the item's answers has a box in them.
///
/// - Every two answers of the item are matched label by label (`BoxMatcher`); a matched pair links
///   its two boxes. A cluster is a connected component of these links, so its boxes share a label.
/// - Its support is the number of answers with at least one box in it; it is in the consensus when
///   2 · support > the item's answers.
/// - An answer with two or more boxes in one cluster (a chain of matchings that joined two of its
///   boxes) gives the cluster only one: the one with the largest IoU summed over its links, ties
///   to the first in (x, y, w, h) order. Its other boxes there take no further part.
/// - The consensus box takes the median of each corner coordinate (x, y, x + w, y + h) over the
///   cluster's boxes, one per answer; an even count takes the mean of the two middle values. The
///   k-th smallest right edge lies right of the k-th smallest left edge, so w and h stay positive.
struct BoxClustering {
    private var matcher = BoxMatcher()
    private var parent: [Int] = []
    private var linkedIoU: [Double] = []
    private var answerOf: [Int32] = []
    /// Each cluster's boxes as a list in box order: the first box, and each box's successor (−1 ends it).
    private var first: [Int] = []
    private var last: [Int] = []
    private var next: [Int] = []
    /// The four corner coordinates of one cluster's boxes, one box per answer, one run per corner.
    private var corners: [Double] = []
    /// The clusters found by the last `cluster`, by their first box.
    private(set) var clusters: [Cluster] = []

    /// One consensus box: its label id, rectangle, and how many answers support it.
    struct Cluster {
        var label: Int32
        var shape: BoxGeometry
        var support: Int
    }

    /// The consensus boxes of `item`, left in `clusters`.
    ///
    /// Buffers are kept from item to item: a hundred thousand items would otherwise allocate them
    /// each time.
    mutating func cluster(_ item: ItemBoxes) {
        clusters.removeAll(keepingCapacity: true)
        let count = item.shapes.count
        guard count > 0 else { return }
        parent.removeAll(keepingCapacity: true)
        parent.append(contentsOf: 0..<count)
        linkedIoU.removeAll(keepingCapacity: true)
        linkedIoU.append(contentsOf: repeatElement(0, count: count))
        answerOf.removeAll(keepingCapacity: true)
        for (answer, range) in item.answers.enumerated() {
            answerOf.append(contentsOf: repeatElement(Int32(answer), count: range.count))
        }
        for (offset, first) in item.answers.enumerated() {
            for second in item.answers.dropFirst(offset + 1) {
                ItemBoxes.forEachLabel(item.labels, first, second) { _, left, right in
                    guard !left.isEmpty, !right.isEmpty else { return }
                    _ = matcher.match(item.shapes, left, right)
                    for pair in 0..<matcher.matchCount {
                        let (a, b, iou) = matcher.matched(pair)
                        linkedIoU[a] += iou
                        linkedIoU[b] += iou
                        union(a, b)
                    }
                }
            }
        }
        // Every cluster's boxes in box order, so by answer: the root is a cluster's first box, and
        // each box is linked after the one before it in its cluster.
        if first.count < count {
            first = [Int](repeating: -1, count: count)
            last = first
            next = first
        }
        if corners.count < 4 * item.answers.count { corners = [Double](repeating: 0, count: 4 * item.answers.count) }
        for box in 0..<count { first[box] = -1 }
        for box in 0..<count {
            let root = find(box)
            if first[root] < 0 { first[root] = box } else { next[last[root]] = box }
            last[root] = box
            next[box] = -1
        }
        for root in 0..<count where first[root] >= 0 {
            // Of each answer's boxes here, the one with the largest linked IoU, ties to the first.
            var support = 0
            var box = first[root]
            while box >= 0 {
                let answer = answerOf[box]
                var best = box
                box = next[box]
                while box >= 0, answerOf[box] == answer {
                    if linkedIoU[box] > linkedIoU[best] { best = box }
                    box = next[box]
                }
                let shape = item.shapes[best]
                corners[support] = shape.x
                corners[item.answers.count + support] = shape.y
                corners[2 * item.answers.count + support] = shape.x + shape.w
                corners[3 * item.answers.count + support] = shape.y + shape.h
                support += 1
            }
            guard 2 * support > item.answers.count else { continue }
            let stride = item.answers.count
            let (left, top, right, bottom) = corners.withUnsafeMutableBufferPointer { corners in
                func median(_ corner: Int) -> Double {
                    Self.median(UnsafeMutableBufferPointer(rebasing: corners[(corner * stride)..<(corner * stride + support)]))
                }
                return (median(0), median(1), median(2), median(3))
            }
            clusters.append(
                Cluster(
                    label: item.labels[root], shape: BoxGeometry(x: left, y: top, w: right - left, h: bottom - top),
                    support: support))
        }
    }

    /// The median of `values` (sorted in place); the mean of the two middle values for an even count.
    static func median(_ values: UnsafeMutableBufferPointer<Double>) -> Double {
        if values.count == 3 {
            // The usual three answers: the insertion sort `sort` runs on a few values, written out.
            var (a, b, c) = (values[0], values[1], values[2])
            if b < a { swap(&a, &b) }
            if c < b {
                swap(&b, &c)
                if b < a { swap(&a, &b) }
            }
            return b
        }
        var values = values
        values.sort()
        let middle = values.count / 2
        return values.count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2
    }

    private mutating func find(_ box: Int) -> Int {
        var root = box
        while parent[root] != root { root = parent[root] }
        var node = box
        while parent[node] != root { (node, parent[node]) = (parent[node], root) }
        return root
    }

    /// Joins two clusters under the smaller root, so a cluster's root is its first box.
    private mutating func union(_ a: Int, _ b: Int) {
        let (x, y) = (find(a), find(b))
        if x < y { parent[y] = x } else if y < x { parent[x] = y }
    }
}
