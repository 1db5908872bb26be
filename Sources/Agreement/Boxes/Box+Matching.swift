/// Two boxes paired by the matching: their positions in the two lists as given, and their IoU.
public struct BoxMatch: Hashable, Sendable {
    public var left: Int
    public var right: Int
    public var iou: Double

    public init(left: Int, right: Int, iou: Double) {
        self.left = left
        self.right = right
        self.iou = iou
    }
}

extension Box: ListMark {
    /// The smallest IoU at which two boxes can be matched.
    public static let matchIoU = BoxMatcher.threshold

    /// Intersection over union of two rectangles (labels aside); 0 when they do not overlap.
    public static func iou(_ a: Box, _ b: Box) -> Double { BoxGeometry(a).iou(BoxGeometry(b)) }

    /// The one-to-one matching of two box lists the statistics use, pairs ordered by `left`:
    /// boxes match within a label, pairs under IoU 0.5 are excluded, then the matching with the
    /// largest total IoU is taken (see `BoxMatcher` for ties).
    public static func matching(_ a: [Box], _ b: [Box]) -> [BoxMatch] {
        let names = Array(Set(a.map(\.label) + b.map(\.label))).sorted()
        let ids = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
        // Positions as given, in the order `ItemBoxes` sorts each list.
        let order = [a, b].map { list in
            list.indices.sorted { i, j in
                let (x, y) = (ids[list[i].label]!, ids[list[j].label]!)
                return x != y ? x < y : BoxGeometry.precedes(BoxGeometry(list[i]), BoxGeometry(list[j]))
            }
        }
        let item = ItemBoxes([a, b]) { ids[$0]! }
        var matcher = BoxMatcher()
        var matches: [BoxMatch] = []
        ItemBoxes.forEachLabel(item.labels, item.answers[0], item.answers[1]) { _, left, right in
            _ = matcher.match(item.shapes, left, right)
            for pair in 0..<matcher.matchCount {
                let (a, b, iou) = matcher.matched(pair)
                matches.append(BoxMatch(left: order[0][a], right: order[1][b - item.answers[1].lowerBound], iou: iou))
            }
        }
        return matches.sorted { $0.left < $1.left }
    }

    /// Pair F1 at IoU 0.5: 2 · matches / (|A| + |B|) over the matching above; 1 when both lists are empty.
    public static func f1(_ a: [Box], _ b: [Box]) -> Double {
        listPairF1(matches: matching(a, b).count, a.count, b.count)
    }
}
