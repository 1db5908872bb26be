import Agreement
import Foundation
import LabelbenchCore

/// One item of a task whose answers are lists of marks, under review (`quality/span-review`,
/// `quality/box-review`): every annotator's marks (`Marks`, shown as the kind shows them) with how
/// each compares with the consensus, the consensus, the gold list, the ruling, and the form to rule
/// with a whole list as rows (`Row`).
struct ListReviewPage<Marks, Row> {
    let chrome: Chrome
    let taskName: String
    let taskTitle: String
    let itemID: String
    let guidelineVersion: Int
    /// A box task's image with every answer and the consensus drawn over it.
    let overlay: BoxOverlay?
    let answers: [GivenMarks]
    let hasLabels: Bool
    let consensus: Marks
    let consensusCount: String
    let gold: Marks?
    let hasGold: Bool
    let goldCount: String
    let ruling: Marks?
    let ruled: RulingFacts?
    /// The ruling form's rows, numbered as their messages name them.
    let rows: [Row]
    let error: String?
    let note: String
    /// Every flag of the item, with the actions of the open ones.
    var flags: FlagListView? = nil

    /// An annotator's answer: who (and their number in the image's legend), when, and how it compares with the consensus.
    struct GivenMarks {
        let annotator: String
        let number: Int
        let count: String
        let guidelineVersion: Int
        let outdated: Bool
        let seconds: String
        let f1: String
        let marks: Marks
    }

    /// `list` reads an answer's marks, `f1` compares two lists and `show` turns a list into what the page draws.
    init<Mark>(
        chrome: Chrome, task: LabelingTask, review: ItemReview, kind: MarkKind, consensus: [Mark],
        list: (Answer) -> [Mark], f1: ([Mark], [Mark]) -> Double, show: ([Mark]) -> Marks,
        overlay: BoxOverlay? = nil, rows: [Row], error: String?, note: String?
    ) {
        self.chrome = chrome
        taskName = task.name
        taskTitle = task.title
        itemID = review.item.externalID
        guidelineVersion = task.guidelineVersion
        self.overlay = overlay
        answers = review.labels.enumerated().map { index, given in
            let marks = list(given.answer)
            return GivenMarks(
                annotator: given.annotator, number: index + 1, count: kind.count(marks.count),
                guidelineVersion: given.guidelineVersion, outdated: given.guidelineVersion < task.guidelineVersion,
                seconds: QualityPage.seconds(given.seconds), f1: QualityPage.format(f1(marks, consensus)), marks: show(marks))
        }
        hasLabels = !answers.isEmpty
        self.consensus = show(consensus)
        consensusCount = kind.count(consensus.count)
        let goldMarks = review.gold.map(list)
        gold = goldMarks.map(show)
        hasGold = goldMarks != nil
        goldCount = kind.count(goldMarks?.count ?? 0)
        let ruledMarks = review.adjudication.map { list($0.answer) }
        ruling = ruledMarks.map(show)
        ruled = review.adjudication.map { RulingFacts($0, summary: kind.count(ruledMarks?.count ?? 0)) }
        self.rows = rows
        self.error = error
        self.note = note ?? review.adjudication?.note ?? ""
    }
}
