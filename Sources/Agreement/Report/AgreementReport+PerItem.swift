extension AgreementReport {
    /// Only the per-item rows of the report on `columns` (`perItem`), without the coefficients,
    /// trends and annotator tables: what a page of a few hundred items needs.
    ///
    /// An item's row depends on its own annotations only, so the rows of any subset of a task's
    /// items equal those of the full report. Span and box answers take the full list report.
    public static func itemAgreements(
        _ columns: AnnotationColumns, options: AgreementOptions = AgreementOptions()
    )
        -> [ItemAgreement]
    {
        if !columns.spans.isEmpty || !columns.boxes.isEmpty { return AgreementReport(columns, options: options).perItem }
        let prepared = PreparedAnnotations(columns, labels: options.labels, answer: options.answer)
        let table = prepared.ratingTable()
        return itemAgreements(prepared, table: table, selections: prepared.multiple ? prepared.selectionTable() : table)
    }
}
