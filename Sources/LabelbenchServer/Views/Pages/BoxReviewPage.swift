import Agreement
import Foundation
import LabelbenchCore

/// One image of a box task under review (`quality/box-review`): the image with every annotator's
/// boxes and the consensus drawn over it, the consensus, gold and ruling as lists, and the form to
/// rule with a whole box list as rows of x, y, w, h and class (the queue's rows, read by `BoxForm`).
typealias BoxReviewPage = ListReviewPage<[String], BoxAnswerView.Row>

extension ListReviewPage where Marks == [String], Row == BoxAnswerView.Row {
    /// `draft` is the form as posted when it is shown again (after "Add another row" or a refused
    /// ruling); otherwise the rows start from the ruling, or from the consensus.
    init(chrome: Chrome, task: LabelingTask, review: ItemReview, draft: BoxDraft?, note: String?) {
        let image = ItemContent(review.item)
        let consensus = BoxConsensus(answers: review.labels.map { Box.boxes(in: $0.answer) }).boxes
        let overlay = BoxOverlay(
            image: image,
            answers: review.labels.map { BoxOverlay.GivenBoxes(name: $0.annotator, boxes: Box.boxes(in: $0.answer)) },
            tones: BoxOverlay.tones(review.labels.map(\.annotator).sorted()),
            consensus: review.labels.isEmpty ? nil : consensus)
        // The queue's row model: it numbers the rows, adds the empty one and puts each refusal beside its row.
        let form = BoxAnswerView(
            task: task, image: image, action: "", revising: true,
            form: draft?.form ?? BoxForm(boxes: review.adjudication.map { Box.boxes(in: $0.answer) } ?? consensus),
            refused: draft?.refused)
        self.init(
            chrome: chrome, task: task, review: review, kind: .box, consensus: consensus, list: Box.boxes(in:), f1: Box.f1,
            show: { $0.map(BoxReviewPage.line) }, overlay: overlay, rows: form.rows, error: form.hasMessage ? form.message : nil,
            note: note)
    }

    /// "car: x 12, y 40.5, w 30, h 80".
    static func line(_ box: Box) -> String { "\(box.label): \(BoxOverlay.place(box))" }
}
