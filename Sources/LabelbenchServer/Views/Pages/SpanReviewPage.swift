import Agreement
import Foundation
import LabelbenchCore

/// One item of a span task under review (`quality/span-review`): its text once per annotator with
/// their spans marked, the consensus, the gold list, the ruling, and the form to rule with a whole
/// span list as rows of entity text, class and occurrence.
struct SpanReviewPage {
    let chrome: Chrome
    let taskName: String
    let taskTitle: String
    let itemID: String
    let guidelineVersion: Int
    let answers: [GivenSpans]
    let hasLabels: Bool
    let consensus: SpanHighlights
    let consensusCount: String
    let gold: SpanHighlights?
    let goldCount: String
    let ruling: SpanHighlights?
    let hasRuling: Bool
    let rulingCount: String
    let rulingNote: String?
    let rulingBy: String
    let rulingVersion: Int
    let rulingAt: String
    let rows: [RowField]
    let note: String
    let error: String?

    /// An annotator's answer: who, when, how it compares with the consensus, and the marked text.
    struct GivenSpans {
        let annotator: String
        let spanCount: String
        let guidelineVersion: Int
        let outdated: Bool
        let seconds: String
        let f1: String
        let highlights: SpanHighlights
    }

    /// One row of the ruling form, its inputs named and labelled by its position.
    struct RowField {
        let number: Int
        let text: String
        let occurrence: String
        let options: [SelectOption]
        /// Not `error`: Mustache would fall back to the page's error on rows without one.
        let rowError: String?
    }

    /// `rows` are the form's rows when it is shown again (after "add a row" or a refused ruling);
    /// otherwise the form starts from the ruling, or from the consensus, with one empty row to add to.
    init(
        chrome: Chrome, task: LabelingTask, review: ItemReview, rows: SpanRulingRows?, error: String?, note: String?
    ) {
        let text = review.item.text ?? ""
        let classes = task.labelNames
        let consensusSpans = review.consensusSpans
        self.chrome = chrome
        taskName = task.name
        taskTitle = task.title
        itemID = review.item.externalID
        guidelineVersion = task.guidelineVersion
        answers = review.labels.map { given in
            let spans = given.answer.spanList
            return GivenSpans(
                annotator: given.annotator, spanCount: SpanQualityPage.count(spans.count),
                guidelineVersion: given.guidelineVersion, outdated: given.guidelineVersion < task.guidelineVersion,
                seconds: given.seconds.map { String(format: "%.1f s", $0) } ?? "—",
                f1: QualityPage.format(Span.exactF1(spans, consensusSpans)),
                highlights: SpanHighlights(text: text, spans: spans, classes: classes))
        }
        hasLabels = !answers.isEmpty
        consensus = SpanHighlights(text: text, spans: consensusSpans, classes: classes)
        consensusCount = SpanQualityPage.count(consensusSpans.count)
        let goldSpans = review.gold?.spanList
        gold = goldSpans.map { SpanHighlights(text: text, spans: $0, classes: classes) }
        goldCount = SpanQualityPage.count(goldSpans?.count ?? 0)
        let ruled = review.adjudication
        ruling = ruled.map { SpanHighlights(text: text, spans: $0.answer.spanList, classes: classes) }
        hasRuling = ruled != nil
        rulingCount = SpanQualityPage.count(ruled?.answer.spanList.count ?? 0)
        rulingNote = ruled?.note.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty }
        rulingBy = ruled?.adjudicator ?? ""
        rulingVersion = ruled?.guidelineVersion ?? 0
        rulingAt = ruled.map { PageDate.string($0.createdAt) } ?? ""
        let form = rows ?? SpanRulingRows(spans: ruled?.answer.spanList ?? consensusSpans, in: text)
        self.rows = form.rows.enumerated().map { index, row in
            RowField(
                number: index + 1, text: row.text, occurrence: row.occurrence,
                options: [SelectOption(value: "", label: "class…", selected: row.label.isEmpty)]
                    + classes.map { SelectOption(value: $0, label: $0, selected: $0 == row.label) }
                    // A class no longer in the task stays selected, so the row's error makes sense.
                    + (row.label.isEmpty || classes.contains(row.label)
                        ? [] : [SelectOption(value: row.label, label: row.label, selected: true)]),
                rowError: form.errors[index])
        }
        self.note = note ?? ruled?.note ?? ""
        self.error = error
    }
}
