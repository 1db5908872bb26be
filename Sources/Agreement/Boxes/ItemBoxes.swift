/// The boxes of one item's answers side by side: every answer's boxes sorted by label id, then by
/// (x, y, w, h), so each label's boxes of an answer form one range.
struct ItemBoxes {
    var shapes: [BoxGeometry] = []
    var labels: [Int32] = []
    /// The boxes of answer `a` are `shapes[answers[a]]`.
    var answers: [Range<Int>] = []

    /// Empties the buffers, keeping their room.
    mutating func removeAll() {
        shapes.removeAll(keepingCapacity: true)
        labels.removeAll(keepingCapacity: true)
        answers.removeAll(keepingCapacity: true)
    }

    /// Appends one answer's boxes, already in label-then-geometry order.
    mutating func append(shapes newShapes: some Collection<BoxGeometry>, labels newLabels: some Collection<Int32>) {
        let start = shapes.count
        shapes.append(contentsOf: newShapes)
        labels.append(contentsOf: newLabels)
        answers.append(start..<shapes.count)
    }

    /// Calls `body` with each label present in `a` or `b` (ranges of `labels`, each sorted by label)
    /// and the two sub-ranges holding it, one of them possibly empty, in label order.
    @inline(__always) static func forEachLabel(
        _ labels: [Int32], _ a: Range<Int>, _ b: Range<Int>, _ body: (Int32, Range<Int>, Range<Int>) -> Void
    ) {
        var i = a.lowerBound
        var j = b.lowerBound
        while i < a.upperBound || j < b.upperBound {
            let left = i < a.upperBound ? labels[i] : .max
            let right = j < b.upperBound ? labels[j] : .max
            let label = min(left, right)
            var iEnd = i
            while iEnd < a.upperBound, labels[iEnd] == label { iEnd += 1 }
            var jEnd = j
            while jEnd < b.upperBound, labels[jEnd] == label { jEnd += 1 }
            body(label, i..<iEnd, j..<jEnd)
            i = iEnd
            j = jEnd
        }
    }
}

extension ItemBoxes {
    /// Lists of boxes as values with label ids given by `id`, each answer sorted as `ItemBoxes` keeps them.
    init(_ lists: [[Box]], id: (String) -> Int32) {
        for list in lists {
            let keyed = list.map { (id($0.label), BoxGeometry($0)) }.sorted { a, b in
                a.0 != b.0 ? a.0 < b.0 : BoxGeometry.precedes(a.1, b.1)
            }
            append(shapes: keyed.map(\.1), labels: keyed.map(\.0))
        }
    }
}
