import Agreement
import Foundation

/// Span answers: read with the statistics library's span rules, checked against the item's text
/// where the item is known (`fitted(to:)`).
extension Answer {
    /// Reads a list of `{start, end, label}` and checks it against the task's classes; the spans come
    /// back sorted by `start`. The text's length is checked later, by `checkSpansFit(_:)`.
    static func parseSpans(_ value: Any?, labels: Set<String>) throws -> Answer {
        .spans(
            try readList(value, expected: "spans {\"start\", \"end\", \"label\"}") {
                try Span.validated(Span.list(fromJSON: $0), labels: labels)
            })
    }

    /// Refuses spans that end past the item's text, counted in Unicode code points as Python
    /// counts `len(text)`. Spans are sorted and do not overlap, so only the last can.
    public func checkSpansFit(_ text: String?) throws {
        guard case .spans(let spans) = self, let last = spans.last else { return }
        let length = text?.unicodeScalars.count ?? 0
        if last.end > length {
            throw DomainError.invalid(
                "label: span (start \(last.start), end \(last.end), label \"\(last.label)\") "
                    + "ends past the text's \(length) characters")
        }
    }

    static func spanJSON(_ span: Span) -> String {
        "{\"start\":\(span.start),\"end\":\(span.end),\"label\":\(JSONText.string(span.label))}"
    }
}
