/// How well annotators agree on the spans they mark: the report's `span_agreement`.
///
/// A pair is two annotators' answers to one item; pair F1 = 2 · matches / (|A| + |B|), and 1 when
/// both lists are empty. The F1 figures are means over every pair of every item.
public struct SpanAgreement: Codable, Sendable, Equatable {
    /// Pairs counted: Σ over items of m(m − 1)/2 for m annotators.
    public var pairs: Int
    /// Spans match when start, end and label are all equal.
    @NullWhenUndefined public var f1Exact: Double?
    /// Spans of one label match when they share a character, one to one, as many as possible.
    @NullWhenUndefined public var f1Overlap: Double?
    /// Nominal Krippendorff alpha over (item, character) units covered by some span; a character
    /// outside an annotator's spans is `"O"` for that annotator.
    @NullWhenUndefined public var charAlpha: Double?
    public var perLabel: [SpanLabelAgreement]

    enum CodingKeys: String, CodingKey {
        case pairs
        case f1Exact = "f1_exact"
        case f1Overlap = "f1_overlap"
        case charAlpha = "char_alpha"
        case perLabel = "per_label"
    }
}

/// Exact-match F1 of one span label: the mean over the pairs in which either side has a span of it.
public struct SpanLabelAgreement: Codable, Sendable, Equatable {
    public var label: String
    @NullWhenUndefined public var f1Exact: Double?
    /// Pairs counted.
    public var n: Int

    enum CodingKeys: String, CodingKey {
        case label, n
        case f1Exact = "f1_exact"
    }
}
