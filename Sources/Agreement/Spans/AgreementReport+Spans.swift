import Foundation

extension AgreementReport {
    /// The report for span answers (`listReport`) with `span_agreement`: exact F1 as the pair F1, overlap
    /// F1 and character alpha beside it.
    static func spanReport(_ columns: AnnotationColumns, options: AgreementOptions) -> AgreementReport {
        let items = ItemRecords(columns)
        let spans = columns.spans
        nonisolated(unsafe) var scores: SpanPairScores?
        nonisolated(unsafe) var charAlpha: Coefficient = .undefined("")
        // The pair scores and the character units read the same columns: one core each.
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                scores = SpanPairScores(columns, items: items)
            } else {
                charAlpha = CharacterAlpha.compute(columns, items: items)
            }
        }
        let pairs = scores!
        let totals = pairs.totals
        var figureNotes: [String] = []
        if let reason = charAlpha.reason, !columns.isEmpty { figureNotes.append("char_alpha is null: \(reason)") }
        var (report, labelRows) = listReport(
            columns, items: items, parts: spans, totals: totals, kind: "span", figureNotes: figureNotes, options: options,
            answer: spans.values(of:))
        report.spanAgreement = SpanAgreement(
            pairs: totals.pairs, f1Exact: totals.f1, f1Overlap: ListPairTotals.mean(pairs.overlapSum, totals.pairs),
            charAlpha: charAlpha.number,
            perLabel: labelRows.map { SpanLabelAgreement(label: $0.label, f1Exact: $0.f1, n: $0.n) })
        return report
    }
}
