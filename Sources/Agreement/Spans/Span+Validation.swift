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
        for (index, span) in spans.enumerated() {
            let name = span.described(position: index + 1)
            if span.start < 0 { throw SpanListError(message: "\(name): start must be 0 or more") }
            if span.end <= span.start { throw SpanListError(message: "\(name): end must be greater than start") }
            if span.end > maximumOffset { throw SpanListError(message: "\(name): end is too large") }
            if let textLength, span.end > textLength {
                throw SpanListError(message: "\(name): ends past the text's \(textLength) characters")
            }
            if span.label.isEmpty { throw SpanListError(message: "\(name): label must not be empty") }
            if let labels, !labels.contains(span.label) {
                throw SpanListError(message: "\(name): \"\(span.label)\" is not one of the task's labels")
            }
        }
        // Already sorted is the usual case; a stable sort keeps equal starts in sent order for the message.
        var order = Array(spans.indices)
        if !zip(spans, spans.dropFirst()).allSatisfy({ $0.start <= $1.start }) {
            order.sort { (spans[$0].start, $0) < (spans[$1].start, $1) }
        }
        for (earlier, later) in zip(order, order.dropFirst()) where spans[later].start < spans[earlier].end {
            let first = min(earlier, later)
            let second = max(earlier, later)
            throw SpanListError(
                message:
                    "\(spans[second].described(position: second + 1)) overlaps \(spans[first].described(position: first + 1)); spans of one annotation may not overlap"
            )
        }
        return order.map { spans[$0] }
    }
}
