extension Span: ListMark {
    /// Exact F1 of two span lists as a pair is scored: 2 · matches / (|A| + |B|), a match having equal start,
    /// end and label (`confidence` aside); two empty lists agree completely.
    public static func f1(_ a: [Span], _ b: [Span]) -> Double {
        let key = { (span: Span) in Span(start: span.start, end: span.end, label: span.label) }
        let left = Set(a.map(key))
        return listPairF1(matches: Set(b.map(key)).intersection(left).count, a.count, b.count)
    }

    /// `f1`, by the name the span review page reads it under.
    public static func exactF1(_ a: [Span], _ b: [Span]) -> Double { f1(a, b) }

    /// The span list a value of a span task stands for: a list of spans, or `[]`, which may read back as an
    /// empty list of labels; nil for any other value.
    public static func list(_ value: LabelValue) -> [Span]? {
        if case .spans(let spans) = value { return spans }
        return value == .emptyList ? [] : nil
    }
}
