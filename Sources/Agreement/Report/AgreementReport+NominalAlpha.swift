extension AgreementReport {
    /// Krippendorff's nominal alpha alone: the report's `krippendorff_alpha.nominal` without the
    /// rest of the report (nil when undefined). It starts from interned columns, as other
    /// implementations start from a prebuilt reliability matrix, so their timings compare.
    public static func nominalAlpha(
        _ columns: AnnotationColumns, options: AgreementOptions = AgreementOptions()
    )
        -> Double?
    {
        let categories = LabelCategories(columns.labelValues, declared: options.labels, answer: options.answer)
        let size = categories.labels.count
        let cells = columns.itemNames.count.multipliedReportingOverflow(by: size)
        // A dense item × label count matrix needs no sort; past a few cells per annotation
        // (free-text labels) the rating table is the smaller route to the same sums.
        guard !categories.multiple, !cells.overflow, cells.partialValue <= 8 * columns.count + 4096 else {
            let prepared = PreparedAnnotations(columns, labels: options.labels, answer: options.answer)
            return Krippendorff.nominalParts(prepared.ratingTable()).alpha.number
        }
        var counts = [Int32](repeating: 0, count: cells.partialValue)
        let category = categories.valueCategory
        for (item, label) in zip(columns.recordItem, columns.recordLabel) {
            counts[Int(item) * size + Int(category[Int(label)])] += 1
        }
        return Krippendorff.nominalParts(counts: counts, categoryCount: size).alpha.number
    }
}
