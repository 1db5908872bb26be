import Foundation

extension AgreementReport {
    /// A plain-text report for the terminal: headline figures, per-label alpha and the annotator table.
    public func renderTable() -> String {
        if let spanAgreement { return renderListTable(spanAgreement, goldColumn: false) }
        if let boxAgreement { return renderListTable(boxAgreement, goldColumn: true) }
        var lines: [String] = []
        lines.append("Agreement: \(items) items, \(annotations) annotations, \(labels.count) labels")
        lines.append("")
        var headline: [(String, String)] = [("percent agreement", Self.show(percentAgreement))]
        for level in krippendorffAlpha.levels {
            headline.append(("alpha (\(level.rawValue))", Self.show(krippendorffAlpha[level])))
        }
        let interval = alphaCI95.map { "[\(Self.show($0[0])), \(Self.show($0[1]))]" } ?? "-"
        headline.append(("alpha 95% CI (\(alphaLevel.rawValue))", interval))
        headline.append(("Fleiss' kappa", Self.show(fleissKappa)))
        headline.append(("Fleiss' kappa (generalized)", Self.show(fleissKappaGeneralized)))
        headline.append(("Gwet's AC1", Self.show(gwetAC1)))
        if let gwetAC2 {
            headline.append(
                ("Gwet's AC2 linear / quadratic", "\(Self.show(gwetAC2.linear)) / \(Self.show(gwetAC2.quadratic))"))
        }
        lines += Self.align([["figure", "value"]] + headline.map { [$0.0, $0.1] }, numeric: [1])
        lines.append("")
        lines.append("Per label")
        lines += Self.align(
            [["label", "n", "alpha"]] + perLabel.map { [$0.label, String($0.n), Self.show($0.alpha)] }, numeric: [1, 2])
        lines.append("")
        lines.append("Annotators")
        var rows = [["annotator", "n", "peers", "gold", "median s", "JS div", "p (chi2)", "flags"]]
        for row in annotators {
            var flags: [String] = []
            if row.bias.flagged { flags.append("biased" + (row.bias.overused.map { " (overuses \($0))" } ?? "")) }
            if row.tooFast == true { flags.append("too fast") }
            rows.append([
                row.annotator, String(row.annotations), Self.show(row.agreementWithPeers), Self.show(row.goldAccuracy),
                Self.show(row.medianSeconds, digits: 1), Self.show(row.bias.divergence),
                row.bias.pValue.map { String(format: "%.2g", $0) } ?? "-", flags.joined(separator: ", "),
            ])
        }
        lines += Self.align(rows, numeric: [1, 2, 3, 4, 5, 6])
        if !notes.isEmpty {
            lines.append("")
            lines.append("Notes")
            lines += notes.map { "- " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    static func show(_ value: Double?, digits: Int = 3) -> String {
        guard let value else { return "-" }
        return String(format: "%.\(digits)f", value)
    }

    /// Pads columns to equal width; numeric columns are right-aligned.
    static func align(_ rows: [[String]], numeric: Set<Int>) -> [String] {
        guard let columns = rows.map(\.count).max() else { return [] }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        return rows.map { row in
            row.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return numeric.contains(index) ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
    }
}
