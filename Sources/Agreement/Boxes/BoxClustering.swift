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
    private var members: [(root: Int, answer: Int32, linked: Double, box: Int)] = []
    private var corners: [[Double]] = [[], [], [], []]

    /// One consensus box: its label id, rectangle, and how many answers support it.
    struct Cluster {
        var label: Int32
        var shape: BoxGeometry
        var support: Int
    }

    mutating func consensus(_ item: ItemBoxes) -> [Cluster] {
        let count = item.shapes.count
        guard count > 0 else { return [] }
        // Buffers are kept from item to item: a hundred thousand items would otherwise allocate them each time.
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
                    for pair in matcher.matchedIoU.indices {
                        let (a, b) = (matcher.matchedLeft[pair], matcher.matchedRight[pair])
                        linkedIoU[a] += matcher.matchedIoU[pair]
                        linkedIoU[b] += matcher.matchedIoU[pair]
                        union(a, b)
                    }
                }
            }
        }
        members.removeAll(keepingCapacity: true)
        for box in 0..<count { members.append((find(box), answerOf[box], linkedIoU[box], box)) }
        // By cluster, then answer, then the answer's best box first.
        members.sort { a, b in
            if a.root != b.root { return a.root < b.root }
            if a.answer != b.answer { return a.answer < b.answer }
            if a.linked != b.linked { return a.linked > b.linked }
            return a.box < b.box
        }
        var clusters: [Cluster] = []
        var start = 0
        while start < members.count {
            var end = start
            for index in corners.indices { corners[index].removeAll(keepingCapacity: true) }
            var support = 0
            while end < members.count, members[end].root == members[start].root {
                if end == start || members[end].answer != members[end - 1].answer {
                    let shape = item.shapes[members[end].box]
                    corners[0].append(shape.x)
                    corners[1].append(shape.y)
                    corners[2].append(shape.x + shape.w)
                    corners[3].append(shape.y + shape.h)
                    support += 1
                }
                end += 1
            }
            if 2 * support > item.answers.count {
                let (left, top) = (Self.median(&corners[0]), Self.median(&corners[1]))
                let (right, bottom) = (Self.median(&corners[2]), Self.median(&corners[3]))
                clusters.append(
                    Cluster(
                        label: item.labels[members[start].box],
                        shape: BoxGeometry(x: left, y: top, w: right - left, h: bottom - top), support: support))
            }
            start = end
        }
        return clusters
    }

    /// The median of `values` (sorted in place); the mean of the two middle values for an even count.
    static func median(_ values: inout [Double]) -> Double {
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
