import Agreement
import Foundation
import LabelbenchCore

/// The span-marking part of the queue's item and "previous" pages (`queue/span-text` and
/// `queue/span-fields`): the text with its marks highlighted, the classes with their keys, and the
/// rows of plain controls that work without JavaScript. `spans.js` reads the exact text and the
/// marks from `textJSON` and `spansJSON` (code points) and takes over the marking.
struct QueueSpanEditor {
    /// A run of the text: plain, or one mark with its class.
    struct Segment {
        let text: String
        let isMark: Bool
        let label: String
        let colour: String
    }

    /// An entity class as a legend entry and, with JavaScript, a button.
    struct SpanClass {
        let name: String
        /// The class's own key, else its position 1-9 when no class claims that digit (as on choice pages).
        let key: String
        let hasKey: Bool
        let colour: String
        let descriptionHTML: String
        let hasDescription: Bool
    }

    struct Option {
        let name: String
        let selected: Bool
    }

    /// One row of plain controls, as typed.
    struct RowView {
        let number: Int
        let text: String
        let occurrence: String
        let options: [Option]
        let noClass: Bool
        let error: String
        let hasError: Bool
        let autofocus: Bool
    }

    let textJSON: String
    let spansJSON: String
    let segments: [Segment]
    let classes: [SpanClass]
    let rows: [RowView]
    let markCount: Int

    /// Classes are coloured by their place in the task's list; the palette repeats after this many.
    static let palette = 8

    init(task: LabelingTask, text: String, draft: SpanDraft) {
        let colours = Dictionary(
            task.labelNames.enumerated().map { ($1, "span-c\($0 % Self.palette)") }, uniquingKeysWith: { first, _ in first })
        textJSON = JSONText.string(text)
        spansJSON = Answer.spans(draft.spans).json
        segments = Self.segments(text, spans: draft.spans, colours: colours)
        classes = Self.classes(task.labels, colours: colours)
        let names = task.labelNames
        rows = draft.rows.enumerated().map { index, row in
            RowView(
                number: index + 1, text: row.text, occurrence: row.occurrence,
                options: names.map { Option(name: $0, selected: $0 == row.label) }, noClass: !names.contains(row.label),
                error: draft.rowErrors[index] ?? "", hasError: draft.rowErrors[index] != nil,
                autofocus: draft.addedRow && index == draft.rows.count - 1)
        }
        markCount = draft.spans.count
    }

    /// The text cut at the marks' edges; marks past the text or overlapping an earlier one are left out.
    static func segments(_ text: String, spans: [Span], colours: [String: String]) -> [Segment] {
        let scalars = Array(text.unicodeScalars)
        func run(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        var result: [Segment] = []
        var at = 0
        for span in spans.sorted(by: { $0.start < $1.start })
        where span.start >= at && span.end <= scalars.count && span.start < span.end {
            if span.start > at { result.append(Segment(text: run(at..<span.start), isMark: false, label: "", colour: "")) }
            result.append(
                Segment(
                    text: run(span.start..<span.end), isMark: true, label: span.label, colour: colours[span.label] ?? "span-c0"))
            at = span.end
        }
        if at < scalars.count { result.append(Segment(text: run(at..<scalars.count), isMark: false, label: "", colour: "")) }
        return result
    }

    static func classes(_ labels: [TaskLabel], colours: [String: String]) -> [SpanClass] {
        let ownKeys = Set(labels.compactMap { $0.key?.lowercased() })
        return labels.enumerated().map { index, label in
            var key = label.key ?? ""
            if key.isEmpty, index < 9, !ownKeys.contains(String(index + 1)) { key = String(index + 1) }
            return SpanClass(
                name: label.name, key: key, hasKey: !key.isEmpty, colour: colours[label.name] ?? "span-c0",
                descriptionHTML: SafeMarkdown.html(label.description ?? ""), hasDescription: !(label.description ?? "").isEmpty)
        }
    }
}
