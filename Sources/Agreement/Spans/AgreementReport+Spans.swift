import Foundation

extension AgreementReport {
    /// The report for span answers: `span_agreement`, per-item exact F1 as `agreement`, and each
    /// annotator's mean exact F1 with the others as `agreement_with_peers` and, with gold span lists, the
    /// share of their gold answers matching the list (`Span.matchesGold`) as `gold_accuracy`. The coefficients of
    /// single-label answers do not apply and are null, with a note saying so.
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
        let order = Self.listLabelOrder(spans.labels.names, declared: options.labels)
        var notes = [
            "span answers: the coefficients of single-label answers are null; span_agreement holds the span figures"
        ]
        if pairs.pairs == 0, !columns.isEmpty {
            notes.append("span_agreement F1 is null: no item has two or more annotations")
        }
        if let reason = charAlpha.reason, !columns.isEmpty { notes.append("char_alpha is null: \(reason)") }
        let gold = Self.spanGoldTallies(columns, gold: options.gold)
        if gold == nil, !columns.isEmpty { notes.append("gold_accuracy is null: no gold answers were given") }
        let mean = { (sum: Double, count: Int) -> Double? in count > 0 ? sum / Double(count) : nil }
        return AgreementReport(
            items: columns.itemNames.count, annotations: columns.count, labels: order.map { spans.labels.names[$0] },
            percentAgreement: nil, krippendorffAlpha: AlphaByLevel(), alphaLevel: .nominal, alphaCI95: nil,
            fleissKappa: nil, fleissKappaGeneralized: nil, gwetAC1: nil, gwetAC2: nil, cohenKappa: [],
            perItem: Self.listItemRows(columns, items: items, parts: spans, itemSum: pairs.itemSum), perLabel: [],
            annotators: Self.listAnnotatorRows(
                columns, parts: spans, peerSum: pairs.annotatorSum, peerPairs: pairs.annotatorPairs, gold: gold),
            perGuidelineVersion: [],
            overTime: [],
            notes: notes,
            spanAgreement: SpanAgreement(
                pairs: pairs.pairs, f1Exact: mean(pairs.exactSum, pairs.pairs),
                f1Overlap: mean(pairs.overlapSum, pairs.pairs), charAlpha: charAlpha.number,
                perLabel: order.map { label in
                    SpanLabelAgreement(
                        label: spans.labels.names[label], f1Exact: mean(pairs.labelSum[label], pairs.labelPairs[label]),
                        n: pairs.labelPairs[label])
                }))
    }
}
