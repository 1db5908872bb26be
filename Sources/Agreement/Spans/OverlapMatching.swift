/// The largest one-to-one matching between two annotators' spans of equal label that share at
/// least one character: `f1_overlap`'s numerator.
///
/// Greedy choices are not enough: taking the biggest overlap first can leave a span unmatched that
/// an exchange would have matched (A = [0, 10) and [10, 12) against B = [0, 3) and [5, 11) gives one
/// match greedily, two at best). This finds augmenting paths (Kuhn's algorithm) on the overlap
/// graph, which is exact; the graphs are a few spans each, so it costs little. Buffers are reused
/// from pair to pair.
struct OverlapMatching {
    /// Edges of left span `a` are `edges[edgeStart[a]..<edgeStart[a + 1]]`, as right-span positions.
    private var edgeStart: [Int] = []
    private var edges: [Int] = []
    /// The left span matched to each right span, −1 when free.
    private var matchOfRight: [Int] = []
    /// The pass in which a right span was last tried.
    private var visited: [Int] = []
    private var pass = 0
    /// The search's stack: left spans on the current path and the next edge each will try.
    private var path: [Int] = []
    private var nextEdge: [Int] = []

    /// Matches in the largest matching of the spans `left` and `right` (ranges into `columns`, each
    /// sorted by start and not overlapping).
    mutating func count(_ left: Range<Int>, _ right: Range<Int>, in columns: SpanColumns) -> Int {
        edgeStart.removeAll(keepingCapacity: true)
        edges.removeAll(keepingCapacity: true)
        // Both sides are sorted and flat, so the right spans a left span touches form a window
        // that only moves forward.
        var low = right.lowerBound
        for a in left {
            edgeStart.append(edges.count)
            let start = columns.parts[a].start
            let end = columns.parts[a].end
            while low < right.upperBound, columns.parts[low].end <= start { low += 1 }
            var b = low
            while b < right.upperBound, columns.parts[b].start < end {
                if columns.label[b] == columns.label[a] { edges.append(b - right.lowerBound) }
                b += 1
            }
        }
        edgeStart.append(edges.count)
        guard !edges.isEmpty else { return 0 }
        if matchOfRight.count < right.count {
            matchOfRight = [Int](repeating: -1, count: right.count)
            visited = [Int](repeating: 0, count: right.count)
        } else {
            for index in 0..<right.count { matchOfRight[index] = -1 }
        }
        var matches = 0
        for a in 0..<left.count where edgeStart[a] < edgeStart[a + 1] {
            pass += 1
            if augment(a) { matches += 1 }
        }
        return matches
    }

    /// Looks for a path from left span `root` to a free right span and flips it into the matching.
    ///
    /// Depth-first with its own stack: a chain of overlapping spans can make the path as long as the
    /// list, too deep for recursion on a worker thread's stack.
    private mutating func augment(_ root: Int) -> Bool {
        path.removeAll(keepingCapacity: true)
        nextEdge.removeAll(keepingCapacity: true)
        path.append(root)
        nextEdge.append(edgeStart[root])
        while let a = path.last {
            let level = path.count - 1
            guard nextEdge[level] < edgeStart[a + 1] else {
                path.removeLast()
                nextEdge.removeLast()
                continue
            }
            let b = edges[nextEdge[level]]
            nextEdge[level] += 1
            guard visited[b] != pass else { continue }
            visited[b] = pass
            if matchOfRight[b] < 0 {
                // Each left span on the path takes the right span it reached its successor through.
                for level in path.indices { matchOfRight[edges[nextEdge[level] - 1]] = path[level] }
                return true
            }
            path.append(matchOfRight[b])
            nextEdge.append(edgeStart[matchOfRight[b]])
        }
        return false
    }
}
