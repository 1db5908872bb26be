/// One item's consensus boxes and the row's confidence, as `aggregate` and exports give them.
///
/// A box is in the consensus when a strict majority of the item's answers has a box in its cluster
/// (`BoxClustering` defines clusters and the median box); it carries `confidence`, the share of
/// answers that have it. The row's `confidence` is the smallest of those, or, when the consensus is
/// `[]`, the share of answers that were `[]`. Boxes are ordered by label, then (x, y, w, h).
public struct BoxConsensus: Sendable, Equatable {
    public var boxes: [Box]
    public var confidence: Double

    public init(boxes: [Box], confidence: Double) {
        self.boxes = boxes
        self.confidence = confidence
    }

    /// The consensus of one item's answers (one list per answer; `[]` is an answer). No answers
    /// give `[]` with confidence 0.
    public init(answers: [[Box]]) {
        let names = Array(Set(answers.joined().map(\.label))).sorted()
        let ids = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
        var clustering = BoxClustering()
        let item = ItemBoxes(answers) { ids[$0]! }
        clustering.cluster(item)
        self = Self(clustering.clusters, of: item, names: names, ranks: Self.ranks(names))
    }

    /// The consensus given by `clusters` of an item's answers whose label ids name `names`;
    /// `ranks` gives each id's place in label order (`ranks(_:)`).
    init(_ clusters: [BoxClustering.Cluster], of item: ItemBoxes, names: [String], ranks: [Int32]) {
        let voters = item.answers.count
        guard voters > 0 else {
            self.init(boxes: [], confidence: 0)
            return
        }
        // By label, then (x, y, w, h); labels compared by rank, which orders them as their names.
        let boxes = clusters.sorted { a, b in
            let (x, y) = (ranks[Int(a.label)], ranks[Int(b.label)])
            return x != y ? x < y : BoxGeometry.precedes(a.shape, b.shape)
        }.map { cluster in
            Box(
                x: cluster.shape.x, y: cluster.shape.y, w: cluster.shape.w, h: cluster.shape.h,
                label: names[Int(cluster.label)], confidence: Double(cluster.support) / Double(voters))
        }
        var empty = 0
        for answer in item.answers where answer.isEmpty { empty += 1 }
        let fewest = clusters.lazy.map(\.support).min()
        self.init(boxes: boxes, confidence: Double(fewest ?? empty) / Double(voters))
    }

    /// Each label id's place when `names` are sorted, names that compare equal sharing one, so
    /// comparing ranks orders boxes as comparing their label strings does, without the strings.
    static func ranks(_ names: [String]) -> [Int32] {
        var ranks = [Int32](repeating: 0, count: names.count)
        var rank: Int32 = 0
        let sorted = names.indices.sorted { names[$0] < names[$1] }
        for (position, id) in sorted.enumerated() {
            if position > 0, names[sorted[position - 1]] < names[id] { rank += 1 }
            ranks[id] = rank
        }
        return ranks
    }
}
