/// How well annotators agree on the boxes they draw: the report's `box_agreement`.
///
/// A pair is two annotators' answers to one item; pair F1 = 2 · matches / (|A| + |B|), and 1 when
/// both lists are empty, with boxes matched as `BoxMatcher` does (within a label, IoU ≥ 0.5, the
/// largest total IoU). The F1 figures are means over every pair of every item.
public struct BoxAgreement: Codable, Sendable, Equatable {
    /// Pairs counted: Σ over items of m(m − 1)/2 for m annotators.
    public var pairs: Int
    @NullWhenUndefined public var f1IoU50: Double?
    /// The mean IoU of every matched pair of boxes of every item, pooled.
    @NullWhenUndefined public var meanIoU: Double?
    public var perLabel: [BoxLabelAgreement]

    enum CodingKeys: String, CodingKey {
        case pairs
        case f1IoU50 = "f1_iou50"
        case meanIoU = "mean_iou"
        case perLabel = "per_label"
    }
}

/// F1 at IoU 0.5 of one box label: the mean over the pairs in which either side has a box of it.
public struct BoxLabelAgreement: Codable, Sendable, Equatable {
    public var label: String
    @NullWhenUndefined public var f1IoU50: Double?
    /// Pairs counted.
    public var n: Int

    enum CodingKeys: String, CodingKey {
        case label, n
        case f1IoU50 = "f1_iou50"
    }
}
