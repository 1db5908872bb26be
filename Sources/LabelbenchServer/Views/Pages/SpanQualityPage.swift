import Agreement
import Foundation
import LabelbenchCore

/// The quality page of a span task (`quality/span-task`): span F1 and character alpha as headline
/// figures, exact F1 per class, and each contested item's text once per annotator with their spans marked.
typealias SpanQualityPage = ListQualityPage<[AnnotatorSpans]>

/// One annotator's spans on a contested item, marked in an excerpt of its text.
struct AnnotatorSpans {
    let annotator: String
    let spanCount: String
    let highlights: SpanHighlights
}

extension ListQualityPage where Detail == [AnnotatorSpans] {
    init(chrome: Chrome, task: LabelingTask, quality: TaskQuality) {
        let report = quality.report
        let spans = report.spanAgreement
        let format = QualityPage.format
        let pairs = spans?.pairs ?? 0
        let pairText = "\(pairs) pair\(pairs == 1 ? "" : "s") of annotators on the same item"
        let figures = Figures(
            mark: .span,
            cards: [
                QualityPage.Card(
                    name: "Exact span F1", value: format(spans?.f1Exact),
                    note: "Spans two annotators marked identically (same start, end and class), as F1 averaged over \(pairText)."),
                QualityPage.Card(
                    name: "Overlap span F1", value: format(spans?.f1Overlap),
                    note: "As exact F1, but spans of the same class that share a character match; "
                        + "well above exact F1 means annotators find the entities but disagree on their edges."),
                QualityPage.Card(
                    name: "Character alpha", value: format(spans?.charAlpha),
                    note: "Krippendorff's alpha on the class each annotator gave every marked character: "
                        + "1 is perfect agreement, 0 is chance."),
            ],
            perLabel: (spans?.perLabel ?? []).map { ($0.label, $0.f1Exact, $0.n) },
            leftOut: "Krippendorff's alpha over labels, Fleiss' kappa, Gwet's AC1, per-class alpha, agreement over time "
                + "and confusion matrices are not shown: they compare one label per item, "
                + "and a span answer is a list of marked stretches of text. The figures above compare the spans themselves.")
        let classes = task.labelNames
        self.init(chrome: chrome, task: task, quality: quality, figures: figures) { item in
            let given = quality.spans?.contested[item.item]
            let marked = (given?.answers ?? []).flatMap(\.spans)
            return (given?.answers ?? []).map { answer in
                AnnotatorSpans(
                    annotator: answer.annotator, spanCount: MarkKind.span.count(answer.spans.count),
                    highlights: SpanHighlights.excerpt(
                        text: given?.text ?? "", spans: answer.spans, around: marked, classes: classes))
            }
        }
    }
}
