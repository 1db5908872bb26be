extension Span {
    /// An answer is correct on a gold item when its exact F1 against the gold list is at least this; below
    /// 1,000 spans only the equal list reaches it.
    public static let goldF1 = 0.999

    /// Exact F1 of two span lists as a pair is scored: 2 · matches / (|A| + |B|), a match having equal start,
    /// end and label (`confidence` aside); two empty lists agree completely.
    public static func exactF1(_ a: [Span], _ b: [Span]) -> Double {
        let key = { (span: Span) in Span(start: span.start, end: span.end, label: span.label) }
        let left = Set(a.map(key))
        return SpanPairScores.f1(matches: Set(b.map(key)).intersection(left).count, a.count, b.count)
    }

    /// True when `answer` scores at least `goldF1` against the gold list.
    public static func matchesGold(_ answer: [Span], gold: [Span]) -> Bool { exactF1(answer, gold) >= goldF1 }

    /// The span list a value of a span task stands for: a list of spans, or `[]`, which may read back as an
    /// empty list of labels; nil for any other value.
    public static func spanList(_ value: LabelValue) -> [Span]? {
        switch value {
        case .spans(let spans): spans
        case .strings(let labels) where labels.isEmpty: []
        default: nil
        }
    }
}
