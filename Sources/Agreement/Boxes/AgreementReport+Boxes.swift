extension AgreementReport {
    /// The report for box answers (`listReport`) with `box_agreement`: F1 at IoU 0.5 as the pair F1, and
    /// the mean IoU of matched boxes beside it.
    static func boxReport(_ columns: AnnotationColumns, options: AgreementOptions) -> AgreementReport {
        let items = ItemRecords(columns)
        let boxes = columns.boxes
        let scores = BoxPairScores(columns, items: items)
        let totals = scores.totals
        let figureNotes =
            totals.pairs > 0 && scores.matches == 0 && !columns.isEmpty ? ["mean_iou is null: no two boxes were matched"] : []
        var (report, labelRows) = listReport(
            columns, items: items, parts: boxes, totals: totals, kind: "box", figureNotes: figureNotes, options: options,
            answer: boxes.values(of:))
        report.boxAgreement = BoxAgreement(
            pairs: totals.pairs, f1IoU50: totals.f1, meanIoU: ListPairTotals.mean(scores.iouSum, scores.matches),
            perLabel: labelRows.map { BoxLabelAgreement(label: $0.label, f1IoU50: $0.f1, n: $0.n) })
        return report
    }
}
