import Agreement
import Foundation
import LabelbenchCore

/// A span answer as the queue's form sends it, turned into an `Answer` in one place.
///
/// With JavaScript, `spans.js` posts the marked spans in `spans`, as the JSON list of the API. Without
/// it, the annotator fills rows of plain controls (the entity's exact text, its class, and which
/// occurrence of that text it is), and the rows are placed on the item's text here, in code points.
/// "Add another row" and refused rows come back as a `SpanDraft` to show again.
struct SpanAnswerInput {
    /// One row as typed, kept verbatim so a refused form shows it again.
    struct Row: Equatable {
        var text: String
        var label: String
        var occurrence: String

        static let blank = Row(text: "", label: "", occurrence: "")
        var isBlank: Bool { text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    /// The form's answer, or the form to show again.
    enum Reading {
        case answer(Answer)
        case draft(SpanDraft)
    }

    /// The list `spans.js` posted; nil without JavaScript.
    var json: String?
    var rows: [Row]
    /// "Add another row" was pressed: show the form again, one row longer.
    var addRow: Bool
    /// "No entities" was pressed.
    var noEntities: Bool

    init(json: String?, rows: [Row], addRow: Bool = false, noEntities: Bool = false) {
        self.json = json?.nonEmpty
        self.rows = rows
        self.addRow = addRow
        self.noEntities = noEntities
    }

    /// Reads the answer against the item's text: the posted list as the API reads it, or the rows
    /// placed on the text. Anything that cannot be placed comes back as a draft naming the row.
    func reading(for task: LabelingTask, text: String) -> Reading {
        if let json { return reading(json: json, task: task) }
        // Blank rows are dropped first, so the rows shown again are numbered as the messages name them.
        let filled = rows.filter { !$0.isBlank }
        let placed = SpanRows.place(filled, in: text, classes: task.labelNames)
        if addRow || !placed.errors.isEmpty {
            return .draft(
                SpanDraft(
                    spans: placed.spans, rows: filled + [.blank], rowErrors: placed.errors, error: placed.summary,
                    refused: !placed.errors.isEmpty, addedRow: addRow))
        }
        if noEntities && !filled.isEmpty {
            return .draft(
                SpanDraft(
                    spans: placed.spans, rows: filled, rowErrors: [:],
                    error: "You pressed “No entities” but filled in rows: clear them, or press Submit.", refused: true))
        }
        if filled.isEmpty && !noEntities {
            return .draft(
                SpanDraft(
                    spans: [], rows: [.blank], rowErrors: [:],
                    error: "Fill in a row for each entity, or press “No entities” if the text has none.", refused: true))
        }
        do {
            return .answer(try Self.answer(placed.spans, for: task))
        } catch {
            return .draft(SpanDraft(spans: [], rows: filled, rowErrors: [:], error: Self.message(error), refused: true))
        }
    }

    private func reading(json: String, task: LabelingTask) -> Reading {
        let value = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        do {
            return .answer(try Answer.parse(value, for: task))
        } catch {
            return .draft(
                SpanDraft(spans: [], rows: [.blank], rowErrors: [:], error: Self.message(error), refused: true))
        }
    }

    /// The spans through the one rule every span answer passes, `Answer.parse`; the submission checks
    /// them against the text's length.
    static func answer(_ spans: [Span], for task: LabelingTask) throws -> Answer {
        try Answer.parse(spans.map { ["start": $0.start, "end": $0.end, "label": $0.label] as [String: Any] }, for: task)
    }

    private static func message(_ error: any Error) -> String {
        (error as? DomainError)?.description ?? "\(error)"
    }
}

/// A span form shown again: the spans placed so far (highlighted in the text), the rows as typed
/// with each one's problem, and what the page says above them.
struct SpanDraft {
    var spans: [Span]
    var rows: [SpanAnswerInput.Row]
    /// Problems by position in `rows`.
    var rowErrors: [Int: String]
    var error: String?
    /// Shown again because something was refused (422), not because a row was added (200).
    var refused: Bool
    /// The last row is new: it takes the focus.
    var addedRow = false

    /// A fresh form: nothing marked, one empty row.
    static let empty = SpanDraft(spans: [], rows: [.blank], rowErrors: [:], error: nil, refused: false)

    /// A stored answer to change: its spans, one row each, and an empty row for one more.
    static func stored(_ spans: [Span], text: String) -> SpanDraft {
        SpanDraft(
            spans: spans, rows: SpanRows.rows(for: spans, in: text) + [.blank], rowErrors: [:], error: nil, refused: false)
    }
}
