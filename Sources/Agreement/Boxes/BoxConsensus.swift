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
        self = Self(clustering.consensus(item), of: item, names: names)
    }

    /// The consensus given by `clusters` of an item's answers whose label ids name `names`.
    init(_ clusters: [BoxClustering.Cluster], of item: ItemBoxes, names: [String]) {
        let voters = Double(item.answers.count)
        guard voters > 0 else {
            self.init(boxes: [], confidence: 0)
            return
        }
        let boxes = clusters.map { cluster in
            Box(
                x: cluster.shape.x, y: cluster.shape.y, w: cluster.shape.w, h: cluster.shape.h,
                label: names[Int(cluster.label)], confidence: Double(cluster.support) / voters)
        }.sorted { a, b in
            a.label != b.label ? a.label < b.label : BoxGeometry.precedes(BoxGeometry(a), BoxGeometry(b))
        }
        let empty = item.answers.filter(\.isEmpty).count
        self.init(boxes: boxes, confidence: boxes.compactMap(\.confidence).min() ?? Double(empty) / voters)
    }
}
