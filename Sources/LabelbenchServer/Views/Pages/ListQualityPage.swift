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
    let contestedItems: [ContestedItem<Detail>]
    let annotators: [QualityPage.AnnotatorRow]
    let hasGold: Bool
    let notes: [String]
    let hasAnnotations: Bool
    /// The open flags of the task, with their actions.
    var flags: FlagListView? = nil
    /// Each annotator's gold accuracy, who is paused, and every pause and resume.
    var trust: TrustSectionView? = nil

    /// What a kind of mark puts on the page beside what every list task shows.
    struct Figures {
        let mark: MarkKind
        /// The headline figures of the kind, shown before the counts of items labeled and contested.
        let cards: [QualityPage.Card]
        /// Each class's F1 over the pairs (`n`) in which either annotator used the class.
        let perLabel: [(label: String, f1: Double?, n: Int)]
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
        let mark = figures.mark
        cards =
            figures.cards + [
                QualityPage.Card(
                    name: mark.items.capitalized + " labeled", value: String(report.items),
                    note: "\(report.annotations) annotations in all"),
                QualityPage.Card(
                    name: "Contested " + mark.items, value: String(quality.contestedCount),
                    note: "\(mark.items) whose \(mark.measure) is below the threshold chosen below"),
            ]
        perLabel = figures.perLabel.map {
            QualityPage.Row(name: $0.label, value: format($0.f1), n: $0.n, bar: QualityPage.bar($0.f1))
        }
        hasPerLabel = !perLabel.isEmpty
        contested = QualityPage.contested(quality, task: task.name, measure: mark.measure)
        contestedItems = quality.contested.compactMap { item in
            detail(item).map {
                ContestedItem(item, ruling: quality.rulings[item.item].map { mark.count(mark.marks(in: $0)) }, detail: $0)
            }
        }
        hasGold = report.annotators.contains { $0.goldAccuracy != nil }
        annotators = QualityPage.annotatorRows(quality)
        notes = [figures.leftOut] + QualityNotes.sentences(report.notes, generalisedFleissShown: false)
    }
}

/// A contested item as a quality page lists it: its id, its own figure, the ruling, and what the
/// page shows of the answers it was given (`Detail`: the labels tallied, or every annotator's marks).
struct ContestedItem<Detail> {
    let item: String
    /// The item id percent-encoded for the review and "write a guideline" links.
    let itemQuery: String
    let agreement: String
    /// The practitioner's ruling on the item, if any.
    let ruling: String?
    let detail: Detail

    init(_ figure: ItemAgreement, ruling: String?, detail: Detail) {
        item = figure.item
        itemQuery = figure.item.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        agreement = QualityPage.format(figure.agreement)
        self.ruling = ruling
        self.detail = detail
    }
}
