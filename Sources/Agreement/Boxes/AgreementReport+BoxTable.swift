import Foundation

extension AgreementReport {
    /// The terminal report for box answers: the box figures, per label, and the annotators.
    func renderBoxTable(_ figures: BoxAgreement) -> String {
        var lines = ["Box agreement: \(items) items, \(annotations) annotations, \(labels.count) labels", ""]
        lines += Self.align(
            [
                ["figure", "value"], ["pairs", String(figures.pairs)], ["F1 at IoU 0.5", Self.show(figures.f1IoU50)],
                ["mean IoU", Self.show(figures.meanIoU)],
            ], numeric: [1])
        lines.append("")
        lines.append("Per label")
        lines += Self.align(
            [["label", "pairs", "F1 at IoU 0.5"]]
                + figures.perLabel.map { [$0.label, String($0.n), Self.show($0.f1IoU50)] }, numeric: [1, 2])
        lines.append("")
        lines.append("Annotators")
        lines += Self.align(
            [["annotator", "n", "F1 with peers", "gold", "median s"]]
                + annotators.map {
                    [
                        $0.annotator, String($0.annotations), Self.show($0.agreementWithPeers), Self.show($0.goldAccuracy),
                        Self.show($0.medianSeconds, digits: 1),
                    ]
                }, numeric: [1, 2, 3, 4])
        if !notes.isEmpty {
            lines.append("")
            lines.append("Notes")
            lines += notes.map { "- " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}
