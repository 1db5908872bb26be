import Foundation

extension AgreementReport {
    /// The terminal report for span answers: the span figures, per label, and the annotators.
    func renderSpanTable(_ figures: SpanAgreement) -> String {
        var lines = ["Span agreement: \(items) items, \(annotations) annotations, \(labels.count) labels", ""]
        lines += Self.align(
            [
                ["figure", "value"], ["pairs", String(figures.pairs)], ["F1 exact", Self.show(figures.f1Exact)],
                ["F1 overlap", Self.show(figures.f1Overlap)], ["character alpha", Self.show(figures.charAlpha)],
            ], numeric: [1])
        lines.append("")
        lines.append("Per label")
        lines += Self.align(
            [["label", "pairs", "F1 exact"]]
                + figures.perLabel.map { [$0.label, String($0.n), Self.show($0.f1Exact)] }, numeric: [1, 2])
        lines.append("")
        lines.append("Annotators")
        lines += Self.align(
            [["annotator", "n", "F1 with peers", "median s"]]
                + annotators.map {
                    [
                        $0.annotator, String($0.annotations), Self.show($0.agreementWithPeers),
                        Self.show($0.medianSeconds, digits: 1),
                    ]
                }, numeric: [1, 2, 3])
        if !notes.isEmpty {
            lines.append("")
            lines.append("Notes")
            lines += notes.map { "- " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}
