import Agreement
import Foundation
import LabelbenchCore

/// The quality page of a task whose answers are lists of marks (`list-quality`, worded for
/// spans by `quality/span-task` and for boxes by `quality/box-task`): the kind's headline figures,
/// F1 per class, the contested items each with every annotator's marks on it (`Detail`), and the
/// annotator table. The single-label coefficients do not apply and are left out, with a sentence
/// saying why.
struct ListQualityPage<Detail> {
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

    /// A contested item: its id, F1, ruling and every annotator's marks on it.
    struct ContestedItem {
        let item: String
        let itemQuery: String
        let agreement: String
        let ruling: String?
        let detail: Detail
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

    /// What a kind of mark puts on the page beside what every list task shows.
    struct Figures {
        let mark: MarkKind
        let cards: [QualityPage.Card]
        /// Each class's F1 over the pairs (`n`) in which either annotator used the class.
        let perLabel: [(label: String, f1: Double?, n: Int)]
        /// The per-item figure contested items are ranked by: "exact F1".
        let measure: String
        /// Why the single-label coefficients are not shown.
        let leftOut: String
    }

    /// `detail` shows a contested item's marks; an item it has nothing for is left off the page.
    init(
        chrome: Chrome, task: LabelingTask, quality: TaskQuality, figures: Figures, detail: (ItemAgreement) -> Detail?
    ) {
        let report = quality.report
        let format = QualityPage.format
        self.chrome = chrome
        self.task = task.name
        title = task.title
        hasAnnotations = report.annotations > 0
        cards = figures.cards
        perLabel = figures.perLabel.map {
            QualityPage.Row(name: $0.label, value: format($0.f1), n: $0.n, bar: QualityPage.bar($0.f1))
        }
        hasPerLabel = !perLabel.isEmpty
        contested = QualityPage.contested(quality, task: task.name, measure: figures.measure)
        contestedItems = quality.contested.compactMap { item in
            detail(item).map { detail in
                ContestedItem(
                    item: item.item, itemQuery: QualityPage.itemQuery(item.item), agreement: format(item.agreement),
                    ruling: quality.rulings[item.item].map { figures.mark.count(figures.mark.marks(in: $0)) },
                    detail: detail)
            }
        }
        hasGold = report.annotators.contains { $0.goldAccuracy != nil }
        let consensus = Dictionary(
            quality.skills.annotators.map { ($0.annotator, $0.skill) }, uniquingKeysWith: { first, _ in first })
        annotators = report.annotators.map { summary in
            AnnotatorRow(
                name: summary.annotator, annotations: summary.annotations,
                medianSeconds: QualityPage.seconds(summary.medianSeconds),
                tooFast: summary.tooFast ?? false, goldAccuracy: format(summary.goldAccuracy),
                peers: format(summary.agreementWithPeers), consensus: format(consensus[summary.annotator] ?? nil))
        }
        notes = [figures.leftOut] + QualityNotes.sentences(report.notes, generalisedFleissShown: false)
    }
}
