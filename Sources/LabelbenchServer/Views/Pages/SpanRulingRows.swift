import Agreement
import LabelbenchCore

/// The span ruling form's rows (entity text, class, occurrence), read by the same rule as the
/// queue's rows (`SpanRows`), so a practitioner and an annotator name an entity the same way.
struct SpanRulingRows {
    var rows: [SpanAnswerInput.Row]
    /// Problems by position in `rows`, and the sentence above them.
    var errors: [Int: String] = [:]
    var summary: String?

    /// What the posted rows come to: the spans to rule with, or the rows to show again.
    enum Reading {
        case spans([Span])
        /// Shown again: one row longer after "Add a row" (200), or with the refused rows named (422).
        case shownAgain(SpanRulingRows, refused: Bool)
    }

    /// Rows from the posted columns (`span_text[]`, `span_class[]`, `span_occurrence[]`), in order.
    init(texts: [String], labels: [String], occurrences: [String]) {
        rows = texts.indices.map { index in
            SpanAnswerInput.Row(
                text: texts[index], label: index < labels.count ? labels[index] : "",
                occurrence: index < occurrences.count ? occurrences[index] : "")
        }
    }

    /// The rows of `spans` on `text`, then an empty one to add to.
    init(spans: [Span], in text: String) {
        rows = SpanRows.rows(for: spans, in: text) + [.blank]
    }

    private init(rows: [SpanAnswerInput.Row], errors: [Int: String], summary: String?) {
        self.rows = rows
        self.errors = errors
        self.summary = summary
    }

    /// Places the filled rows on the item's text; empty rows are dropped first, so the rows shown
    /// again are numbered as their messages name them.
    func reading(addRow: Bool, text: String, classes: [String]) -> Reading {
        let filled = rows.filter { !$0.isBlank }
        if addRow { return .shownAgain(SpanRulingRows(rows: filled + [.blank], errors: [:], summary: nil), refused: false) }
        let placed = SpanRows.place(filled, in: text, classes: classes)
        guard placed.errors.isEmpty else {
            return .shownAgain(
                SpanRulingRows(rows: filled + [.blank], errors: placed.errors, summary: placed.summary), refused: true)
        }
        return .spans(placed.spans)
    }
}
