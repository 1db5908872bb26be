/// The spans of every annotation as flat columns beside `AnnotationColumns`' records (8 bytes a
/// span and an interned label).
typealias SpanColumns = AnswerListColumns<SpanBounds>

/// Where a span lies, in code points; its label is kept beside it.
struct SpanBounds: Sendable, Equatable {
    var start: Int32
    var end: Int32
}

extension AnswerListColumns<SpanBounds> {
    /// The span range of record `record`.
    @inline(__always) func spans(of record: Int) -> Range<Int> { range(of: record) }

    /// The spans of a record as values (built on each call).
    func values(of record: Int) -> [Span] {
        spans(of: record).map {
            Span(start: Int(parts[$0].start), end: Int(parts[$0].end), label: labels.names[Int(label[$0])])
        }
    }

    /// Gives the record just appended (`count` records now) its spans, already validated and sorted.
    mutating func attach(_ spans: [Span], count: Int) {
        attach(spans.lazy.map { (SpanBounds(start: Int32($0.start), end: Int32($0.end)), $0.label) }, count: count)
    }
}
