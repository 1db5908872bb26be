import Agreement
import Foundation
import LabelbenchCore

/// The quality page of a box task (`quality/box-task`): F1 at IoU 0.5, mean IoU and the number of
/// pairs as headline figures, F1 per class, and each contested image with every annotator's boxes drawn over it.
typealias BoxQualityPage = ListQualityPage<BoxOverlay>

extension ListQualityPage where Detail == BoxOverlay {
    /// `reviews` are the contested items of the page by id, as the review page reads them.
    init(chrome: Chrome, task: LabelingTask, quality: TaskQuality, reviews: [String: ItemReview]) {
        let report = quality.report
        let boxes = report.boxAgreement
        let format = QualityPage.format
        let pairs = boxes?.pairs ?? 0
        let pairText = "\(pairs) pair\(pairs == 1 ? "" : "s") of annotators on the same image"
        let figures = Figures(
            mark: .box,
            cards: [
                QualityPage.Card(
                    name: "F1 at IoU 0.5", value: format(boxes?.f1IoU50),
                    note: "Boxes of one class that two annotators drew overlapping by at least half (intersection over union "
                        + "0.5) count as the same object; F1 of those matches, averaged over \(pairText)."),
                QualityPage.Card(
                    name: "Mean IoU", value: format(boxes?.meanIoU),
                    note: "How tightly matched boxes fit each other: the overlap of each matched pair as a share of their union "
                        + "(1 is the same box), averaged over every match."),
                QualityPage.Card(
                    name: "Pairs compared", value: String(pairs),
                    note: "Pairs of annotators who answered the same image; the figures above average over them."),
            ],
            perLabel: (boxes?.perLabel ?? []).map { ($0.label, $0.f1IoU50, $0.n) },
            leftOut: "Krippendorff's alpha, Fleiss' kappa, Gwet's AC1, per-label alpha, agreement over time "
                + "and confusion matrices are not shown: they compare one label per item, "
                + "and a box answer is a list of boxes. The figures above compare the boxes themselves.")
        let tones = BoxOverlay.tones(report.annotators.map(\.annotator))
        self.init(chrome: chrome, task: task, quality: quality, figures: figures) { item in
            reviews[item.item].map { review in
                BoxOverlay(
                    image: ItemContent(review.item),
                    answers: review.labels.map { BoxOverlay.GivenBoxes(name: $0.annotator, boxes: Box.boxes(in: $0.answer)) },
                    tones: tones)
            }
        }
    }
}
