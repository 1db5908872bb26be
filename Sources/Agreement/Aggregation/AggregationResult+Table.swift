import Foundation

extension AggregationResult {
    /// A plain-text summary for the terminal: the annotators' skills, then the consensus labels.
    public func renderTable(maximumItems: Int = 50) -> String {
        var lines = ["Aggregation (\(method)): \(labels.count) items, \(annotators.count) annotators"]
        if let iterations { lines.append("EM iterations: \(iterations)") }
        if let priors {
            lines.append(
                "Priors: "
                    + priors.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.3f", $0.value))" }
                    .joined(separator: ", "))
        }
        lines.append("")
        lines += AgreementReport.align(
            [["annotator", "skill"]]
                + annotators.sorted { ($0.skill ?? -1) > ($1.skill ?? -1) }.map {
                    [$0.annotator, AgreementReport.show($0.skill)]
                }, numeric: [1])
        lines.append("")
        let shown = labels.prefix(maximumItems)
        lines += AgreementReport.align(
            [["item", "label", "confidence"]]
                + shown.map { [$0.item, $0.label.key, AgreementReport.show($0.confidence)] }, numeric: [2])
        if labels.count > shown.count { lines.append("… \(labels.count - shown.count) more items (use --json)") }
        if !notes.isEmpty { lines += [""] + notes.map { "- " + $0 } }
        return lines.joined(separator: "\n")
    }
}
