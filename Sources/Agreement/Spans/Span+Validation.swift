import Foundation

/// Why a span list was refused; the message names the offending span.
public struct SpanListError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension Span {
    /// Offsets are stored as `Int32`; longer texts are far beyond the 1 MB line limit anyway.
    static let maximumOffset = Int(Int32.max)

    /// Checks an annotation's spans and returns them sorted by `start`, whatever order they came in.
    ///
    /// Every span needs `0 ≤ start < end` and a non-empty label; spans of one annotation may not
    /// overlap (flat entities). `textLength` (code points of the item's text) adds `end ≤ textLength`
    /// and `labels` the task's classes; offline neither is known, so both are optional. Errors name
    /// the span by its position in the list as sent.
    public static func validated(
        _ spans: [Span], textLength: Int? = nil, labels: Set<String>? = nil
    ) throws(SpanListError)
        -> [Span]
    {
        var sorted = true
        for (index, span) in spans.enumerated() {
            // Names are built only for a message: a million spans must not each format one.
            func refuse(_ problem: String) -> SpanListError {
                SpanListError(message: "\(span.described(position: index + 1)): \(problem)")
            }
            if span.start < 0 { throw refuse("start must be 0 or more") }
            if span.end <= span.start { throw refuse("end must be greater than start") }
            if span.end > maximumOffset { throw refuse("end is too large") }
            if let textLength, span.end > textLength { throw refuse("ends past the text's \(textLength) characters") }
            if span.label.isEmpty { throw refuse("label must not be empty") }
            if let labels, !labels.contains(span.label) { throw refuse("\"\(span.label)\" is not one of the task's labels") }
            if index > 0, spans[index - 1].start > span.start { sorted = false }
        }
        if sorted {
            for index in spans.indices.dropFirst() where spans[index].start < spans[index - 1].end {
                throw overlap(spans, index - 1, index)
            }
            return spans
        }
        // A stable sort keeps equal starts in sent order.
        let order = spans.indices.sorted { (spans[$0].start, $0) < (spans[$1].start, $1) }
        for position in order.indices.dropFirst() where spans[order[position]].start < spans[order[position - 1]].end {
            throw overlap(spans, order[position - 1], order[position])
        }
        return order.map { spans[$0] }
    }

    /// The refusal of two overlapping spans, named in the order they were sent.
    private static func overlap(_ spans: [Span], _ a: Int, _ b: Int) -> SpanListError {
        let (first, second) = (min(a, b), max(a, b))
        return SpanListError(
            message: "\(spans[second].described(position: second + 1)) overlaps "
                + "\(spans[first].described(position: first + 1)); spans of one annotation may not overlap")
    }
}

extension Span {
    /// A JSON number as a code-point offset: an integer value (`3` or `3.0`) within `Int` range;
    /// nil otherwise. Range rules are `validated`'s.
    static func offset(_ number: Double) -> Int? {
        guard number == number.rounded(), abs(number) < 1e15 else { return nil }
        return Int(number)
    }
}
