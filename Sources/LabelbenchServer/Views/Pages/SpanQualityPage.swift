import Agreement
import Foundation
import LabelbenchCore

/// The quality page of a span task (`quality/span-task`): span F1 and character alpha as headline
/// figures, exact F1 per class, the contested items with each annotator's spans marked in their
/// text, and the annotator table. The single-label coefficients do not apply and are left out,
/// with a sentence saying why.
struct SpanQualityPage {
    let chrome: Chrome
    let task: String
    let title: String
    let cards: [QualityPage.Card]
    let perLabel: [QualityPage.Row]
    let hasPerLabel: Bool
    let contested: QualityPage.Contested
    let contestedItems: [ContestedItem]
    let annotators: [AnnotatorRow]
    let hasGold: Bool
    let notes: [String]
    let hasAnnotations: Bool

    /// A contested item: its id, exact F1, ruling and one excerpt of its text per annotator.
    struct ContestedItem {
        let item: String
        let itemQuery: String
        let agreement: String
        let ruling: String?
        let answers: [GivenSpans]
    }

    /// One annotator's spans on an item, marked in the text.
    struct GivenSpans {
        let annotator: String
        let spanCount: String
        let highlights: SpanHighlights
    }

    struct AnnotatorRow {
        let name: String
        let annotations: Int
        let medianSeconds: String
        let tooFast: Bool
        let goldAccuracy: String
        let peers: String
        let consensus: String
    }

    init(chrome: Chrome, task: LabelingTask, quality: TaskQuality) {
        let report = quality.report
        let spans = report.spanAgreement
        let format = QualityPage.format
        self.chrome = chrome
        self.task = task.name
        title = task.title
        hasAnnotations = report.annotations > 0
        let pairs = spans?.pairs ?? 0
        let pairText = "\(pairs) pair\(pairs == 1 ? "" : "s") of annotators on the same item"
        cards = [
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
            QualityPage.Card(
                name: "Items labeled", value: String(report.items), note: "\(report.annotations) annotations in all"),
            QualityPage.Card(
                name: "Contested items", value: String(quality.contestedCount),
                note: "items whose exact F1 is below the threshold chosen below"),
        ]
        perLabel = (spans?.perLabel ?? []).map {
            QualityPage.Row(name: $0.label, value: format($0.f1Exact), n: $0.n, bar: Self.bar($0.f1Exact))
        }
        hasPerLabel = !perLabel.isEmpty
        contested = QualityPage.contested(quality, task: task.name, measure: "exact F1")
        let classes = task.labelNames
        contestedItems = quality.contested.map { item in
            let given = quality.spans?.contested[item.item]
            let marked = (given?.answers ?? []).flatMap(\.spans)
            return ContestedItem(
                item: item.item,
                itemQuery: item.item.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "",
                agreement: format(item.agreement),
                ruling: quality.rulings[item.item].map { Self.count($0.spanList.count) },
                answers: (given?.answers ?? []).map { answer in
                    GivenSpans(
                        annotator: answer.annotator, spanCount: Self.count(answer.spans.count),
                        highlights: SpanHighlights.excerpt(
                            text: given?.text ?? "", spans: answer.spans, around: marked, classes: classes))
                })
        }
        hasGold = report.annotators.contains { $0.goldAccuracy != nil }
        let consensus = Dictionary(
            quality.skills.annotators.map { ($0.annotator, $0.skill) }, uniquingKeysWith: { first, _ in first })
        annotators = report.annotators.map { summary in
            AnnotatorRow(
                name: summary.annotator, annotations: summary.annotations,
                medianSeconds: summary.medianSeconds.map { String(format: "%.1f s", $0) } ?? "—",
                tooFast: summary.tooFast ?? false, goldAccuracy: format(summary.goldAccuracy),
                peers: format(summary.agreementWithPeers), consensus: format(consensus[summary.annotator] ?? nil))
        }
        notes =
            [
                "Krippendorff's alpha over labels, Fleiss' kappa, Gwet's AC1, per-class alpha, agreement over time "
                    + "and confusion matrices are not shown: they compare one label per item, "
                    + "and a span answer is a list of marked stretches of text. The figures above compare the spans themselves."
            ] + QualityNotes.sentences(report.notes, generalisedFleissShown: false)
    }

    /// "no spans", "1 span", "3 spans".
    static func count(_ spans: Int) -> String {
        spans == 0 ? "no spans" : spans == 1 ? "1 span" : "\(spans) spans"
    }

    private static func bar(_ value: Double?) -> Int {
        Int((max(0, min(1, value ?? 0)) * 100).rounded())
    }
}
