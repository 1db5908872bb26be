import Agreement
import Foundation
import LabelbenchCore

/// The quality page of a box task (`quality/box-task`): F1 at IoU 0.5, mean IoU and the number of
/// pairs as headline figures, F1 per class, the contested images with every annotator's boxes drawn
/// over them, and the annotator table. The single-label coefficients do not apply and are left out,
/// with a sentence saying why.
struct BoxQualityPage {
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

    /// A contested image: its id, F1, ruling and every annotator's boxes over it.
    struct ContestedItem {
        let item: String
        let itemQuery: String
        let agreement: String
        let ruling: String?
        let overlay: BoxOverlay
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

    /// `reviews` are the contested items of the page by id, as `ContestedBoxes` read them.
    init(chrome: Chrome, task: LabelingTask, quality: TaskQuality, reviews: [String: ItemReview]) {
        let report = quality.report
        let boxes = report.boxAgreement
        let format = QualityPage.format
        self.chrome = chrome
        self.task = task.name
        title = task.title
        hasAnnotations = report.annotations > 0
        let pairs = boxes?.pairs ?? 0
        let pairText = "\(pairs) pair\(pairs == 1 ? "" : "s") of annotators on the same image"
        cards = [
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
            QualityPage.Card(
                name: "Images labeled", value: String(report.items), note: "\(report.annotations) annotations in all"),
            QualityPage.Card(
                name: "Contested images", value: String(quality.contestedCount),
                note: "images whose F1 at IoU 0.5 is below the threshold chosen below"),
        ]
        perLabel = (boxes?.perLabel ?? []).map {
            QualityPage.Row(name: $0.label, value: format($0.f1IoU50), n: $0.n, bar: Self.bar($0.f1IoU50))
        }
        hasPerLabel = !perLabel.isEmpty
        contested = QualityPage.contested(quality, task: task.name, measure: "F1 at IoU 0.5")
        let tones = Self.tones(report.annotators.map(\.annotator))
        contestedItems = quality.contested.compactMap { item in
            guard let review = reviews[item.item] else { return nil }
            return ContestedItem(
                item: item.item,
                itemQuery: item.item.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "",
                agreement: format(item.agreement),
                ruling: quality.rulings[item.item].map { Self.count(Box.boxList($0.labelValue)?.count ?? 0) },
                overlay: BoxOverlay(
                    image: ItemContent(review.item),
                    answers: review.labels.map { BoxOverlay.GivenBoxes(name: $0.annotator, boxes: Self.boxes($0.answer)) },
                    tones: tones))
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
                "Krippendorff's alpha, Fleiss' kappa, Gwet's AC1, per-label alpha, agreement over time "
                    + "and confusion matrices are not shown: they compare one label per item, "
                    + "and a box answer is a list of boxes. The figures above compare the boxes themselves."
            ] + QualityNotes.sentences(report.notes, generalisedFleissShown: false)
    }

    /// Each annotator's colour: one of the eight tones by their place among the task's annotators.
    static func tones(_ annotators: [String]) -> [String: Int] {
        Dictionary(annotators.enumerated().map { ($1, $0 % 8) }, uniquingKeysWith: { first, _ in first })
    }

    /// The boxes of an answer (`[]` for an answer that is not a box list).
    static func boxes(_ answer: Answer) -> [Box] { Box.boxList(answer.labelValue) ?? [] }

    /// "no boxes", "1 box", "3 boxes".
    static func count(_ boxes: Int) -> String {
        boxes == 0 ? "no boxes" : boxes == 1 ? "1 box" : "\(boxes) boxes"
    }

    private static func bar(_ value: Double?) -> Int {
        Int((max(0, min(1, value ?? 0)) * 100).rounded())
    }
}
