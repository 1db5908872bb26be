import Agreement
import Foundation
import LabelbenchCore

/// One image of a box task under review (`quality/box-review`): the image with every annotator's
/// boxes and the consensus drawn over it, the consensus, gold and ruling as lists, and the form to
/// rule with a whole box list as rows of x, y, w, h and class (the queue's rows, read by `BoxForm`).
struct BoxReviewPage {
    let chrome: Chrome
    let taskName: String
    let taskTitle: String
    let itemID: String
    let guidelineVersion: Int
    let overlay: BoxOverlay
    let answers: [GivenBoxes]
    let hasLabels: Bool
    let consensus: [String]
    let consensusCount: String
    let gold: [String]
    let hasGold: Bool
    let goldCount: String
    let ruled: [String]
    let hasRuling: Bool
    let rulingCount: String
    let rulingNote: String?
    let rulingBy: String
    let rulingVersion: Int
    let rulingAt: String
    /// The ruling form's rows, numbered as their messages name them.
    let rows: [BoxAnswerView.Row]
    let message: String
    let hasMessage: Bool
    let imageWidth: Int
    let imageHeight: Int
    let note: String

    /// An annotator's answer: who, when, and how it compares with the consensus.
    struct GivenBoxes {
        let annotator: String
        let mark: String
        let boxCount: String
        let guidelineVersion: Int
        let outdated: Bool
        let seconds: String
        let f1: String
        let boxes: [String]
    }

    /// `draft` is the form as posted when it is shown again (after "Add another row" or a refused
    /// ruling); otherwise the rows start from the ruling, or from the consensus.
    init(chrome: Chrome, task: LabelingTask, review: ItemReview, draft: BoxDraft?, note: String?) {
        let image = ItemContent(review.item)
        let consensusBoxes = BoxConsensus(answers: review.labels.map { BoxQualityPage.boxes($0.answer) }).boxes
        self.chrome = chrome
        taskName = task.name
        taskTitle = task.title
        itemID = review.item.externalID
        guidelineVersion = task.guidelineVersion
        let tones = BoxQualityPage.tones(review.labels.map(\.annotator).sorted())
        overlay = BoxOverlay(
            image: image,
            answers: review.labels.map { BoxOverlay.GivenBoxes(name: $0.annotator, boxes: BoxQualityPage.boxes($0.answer)) },
            tones: tones, consensus: review.labels.isEmpty ? nil : consensusBoxes)
        answers = review.labels.enumerated().map { index, given in
            let boxes = BoxQualityPage.boxes(given.answer)
            return GivenBoxes(
                annotator: given.annotator, mark: String(index + 1), boxCount: BoxQualityPage.count(boxes.count),
                guidelineVersion: given.guidelineVersion, outdated: given.guidelineVersion < task.guidelineVersion,
                seconds: given.seconds.map { String(format: "%.1f s", $0) } ?? "—",
                f1: QualityPage.format(Box.f1(boxes, consensusBoxes)), boxes: boxes.map(Self.line))
        }
        hasLabels = !answers.isEmpty
        consensus = consensusBoxes.map(Self.line)
        consensusCount = BoxQualityPage.count(consensusBoxes.count)
        let goldBoxes = review.gold.map(BoxQualityPage.boxes)
        gold = (goldBoxes ?? []).map(Self.line)
        hasGold = goldBoxes != nil
        goldCount = BoxQualityPage.count(goldBoxes?.count ?? 0)
        let ruling = review.adjudication
        let rulingBoxes = ruling.map { BoxQualityPage.boxes($0.answer) }
        ruled = (rulingBoxes ?? []).map(Self.line)
        hasRuling = ruling != nil
        rulingCount = BoxQualityPage.count(rulingBoxes?.count ?? 0)
        rulingNote = ruling?.note.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty }
        rulingBy = ruling?.adjudicator ?? ""
        rulingVersion = ruling?.guidelineVersion ?? 0
        rulingAt = ruling.map { PageDate.string($0.createdAt) } ?? ""
        // The queue's row model: it numbers the rows, adds the empty one and puts each refusal beside its row.
        let form = BoxAnswerView(
            task: task, image: image, action: "", revising: true,
            form: draft?.form ?? BoxForm(boxes: rulingBoxes ?? consensusBoxes), refused: draft?.refused)
        rows = form.rows
        message = form.message
        hasMessage = form.hasMessage
        imageWidth = image.imageWidth
        imageHeight = image.imageHeight
        self.note = note ?? ruling?.note ?? ""
    }

    /// "car: x 12, y 40.5, w 30, h 80".
    static func line(_ box: Box) -> String { "\(box.label): \(BoxOverlay.place(box))" }
}
