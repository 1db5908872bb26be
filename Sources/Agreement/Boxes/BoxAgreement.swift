/// How well annotators agree on the boxes they draw: the report's `box_agreement`.
///
/// A pair is two annotators' answers to one item; pair F1 = 2 · matches / (|A| + |B|), and 1 when
/// both lists are empty, with boxes matched as `BoxMatcher` does (within a label, IoU ≥ 0.5, the
/// largest total IoU). The F1 figures are means over every pair of every item.
public struct BoxAgreement: Codable, Sendable, Equatable {
    /// Pairs counted: Σ over items of m(m − 1)/2 for m annotators.
    public var pairs: Int
    public var f1IoU50: Double?
    /// The mean IoU of every matched pair of boxes of every item, pooled.
    public var meanIoU: Double?
    public var perLabel: [BoxLabelAgreement]

    enum CodingKeys: String, CodingKey {
        case pairs
        case f1IoU50 = "f1_iou50"
        case meanIoU = "mean_iou"
        case perLabel = "per_label"
    }

    /// Encodes every key, writing undefined figures as null rather than leaving them out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(pairs, forKey: .pairs)
        try container.encode(f1IoU50, forKey: .f1IoU50)
        try container.encode(meanIoU, forKey: .meanIoU)
        try container.encode(perLabel, forKey: .perLabel)
    }
}

/// F1 at IoU 0.5 of one box label: the mean over the pairs in which either side has a box of it.
public struct BoxLabelAgreement: Codable, Sendable, Equatable {
    public var label: String
    public var f1IoU50: Double?
    /// Pairs counted.
    public var n: Int

    enum CodingKeys: String, CodingKey {
        case label, n
        case f1IoU50 = "f1_iou50"
    }

    /// Encodes every key, writing an undefined figure as null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(label, forKey: .label)
        try container.encode(f1IoU50, forKey: .f1IoU50)
        try container.encode(n, forKey: .n)
    }
}
