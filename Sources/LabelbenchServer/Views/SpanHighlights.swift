import Agreement

/// An item's text with spans marked, for `Templates/span-text.mustache`: the text cut into plain
/// runs and marked runs, each marked run with its class name and a colour slot.
///
/// Spans count Unicode code points (as the API and Python do), so the text is cut by scalars, not
/// by Swift characters: an emoji or a letter with a combining mark is one character on screen but
/// may be two or more code points. Everything here is plain text that the template escapes.
struct SpanHighlights {
    let segments: [Segment]
    /// The excerpt starts after the beginning of the text / ends before its end.
    let clippedStart: Bool
    let clippedEnd: Bool
    let isEmpty: Bool

    struct Segment {
        let text: String
        let isSpan: Bool
        let label: String
        /// `span-c0` … `span-c7`: a class's place in the task's class list picks one of eight
        /// colours, the same as on the annotator's queue page (its CSS).
        let colour: String
    }

    static let colours = 8

    /// The whole text with `spans` marked; spans outside the text or overlapping an earlier one are shown unmarked.
    init(text: String, spans: [Span], classes: [String]) {
        let scalars = Array(text.unicodeScalars)
        self.init(scalars: scalars, spans: spans, classes: classes, window: 0..<scalars.count)
    }

    /// A window of the text with `spans` marked: `context` code points either side of the stretch
    /// `around` covers (every answer's spans, so all annotators of an item show the same window), at
    /// most `limit` code points in all (spans past the window are cut at its edge).
    static func excerpt(
        text: String, spans: [Span], around: [Span], classes: [String], context: Int = 60, limit: Int = 320
    ) -> SpanHighlights {
        let scalars = Array(text.unicodeScalars)
        let first = around.map(\.start).min() ?? 0
        let last = around.map(\.end).max() ?? 0
        let lower = max(0, min(first, scalars.count) - context)
        let upper = min(scalars.count, max(last + context, lower + 2 * context), lower + limit)
        return SpanHighlights(scalars: scalars, spans: spans, classes: classes, window: lower..<max(lower, upper))
    }

    private init(scalars: [Unicode.Scalar], spans: [Span], classes: [String], window: Range<Int>) {
        let place = Dictionary(classes.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        func text(_ range: Range<Int>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range])
            return String(view)
        }
        var segments: [Segment] = []
        var cursor = window.lowerBound
        for span in spans.sorted(by: { $0.start < $1.start }) {
            let start = max(span.start, cursor)
            let end = min(span.end, window.upperBound)
            // Spans never overlap; one that did would be cut at the previous one's end.
            guard start < end else { continue }
            if cursor < start { segments.append(Segment(text: text(cursor..<start), isSpan: false, label: "", colour: "")) }
            segments.append(
                Segment(
                    text: text(start..<end), isSpan: true, label: span.label,
                    colour: "span-c\((place[span.label] ?? 0) % Self.colours)"))
            cursor = end
        }
        if cursor < window.upperBound {
            segments.append(Segment(text: text(cursor..<window.upperBound), isSpan: false, label: "", colour: ""))
        }
        self.segments = segments
        clippedStart = window.lowerBound > 0
        clippedEnd = window.upperBound < scalars.count
        isEmpty = scalars.isEmpty
    }
}
