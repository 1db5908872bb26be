import Agreement
import Foundation
import LabelbenchCore

/// One item of a span task under review (`quality/span-review`): its text once per annotator with
/// their spans marked, the consensus, the gold list, the ruling, and the form to rule with a whole
/// span list as rows of entity text, class and occurrence.
typealias SpanReviewPage = ListReviewPage<SpanHighlights, SpanRulingRowField>

/// One row of the span ruling form, its inputs named and labelled by its position.
struct SpanRulingRowField {
    let number: Int
    let text: String
    let occurrence: String
    let options: [SelectOption]
    /// Not `error`: Mustache would fall back to the page's error on rows without one.
    let rowError: String?
}

extension ListReviewPage where Marks == SpanHighlights, Row == SpanRulingRowField {
    /// `rows` are the form's rows when it is shown again (after "add a row" or a refused ruling);
    /// otherwise the form starts from the ruling, or from the consensus, with one empty row to add to.
    init(
        chrome: Chrome, task: LabelingTask, review: ItemReview, rows: SpanRulingRows?, error: String?, note: String?
    ) {
        let text = review.item.text ?? ""
        let classes = task.labelNames
        let consensus = review.consensusSpans
        let form = rows ?? SpanRulingRows(spans: review.adjudication?.answer.spanList ?? consensus, in: text)
        let fields = form.rows.enumerated().map { index, row in
            SpanRulingRowField(
                number: index + 1, text: row.text, occurrence: row.occurrence,
                options: [SelectOption(value: "", label: "class…", selected: row.label.isEmpty)]
                    + classes.map { SelectOption(value: $0, label: $0, selected: $0 == row.label) }
                    // A class no longer in the task stays selected, so the row's error makes sense.
                    + (row.label.isEmpty || classes.contains(row.label)
                        ? [] : [SelectOption(value: row.label, label: row.label, selected: true)]),
                rowError: form.errors[index])
        }
        self.init(
            chrome: chrome, task: task, review: review, kind: .span, consensus: consensus, list: \.spanList, f1: Span.exactF1,
            show: { SpanHighlights(text: text, spans: $0, classes: classes) }, rows: fields, error: error, note: note)
    }
}
