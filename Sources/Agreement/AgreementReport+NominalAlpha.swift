extension AgreementReport {
    /// Krippendorff's nominal alpha alone: the report's `krippendorff_alpha.nominal` without the
    /// rest of the report (nil when undefined). It starts from interned columns, as other
    /// implementations start from a prebuilt reliability matrix, so their timings compare.
    public static func nominalAlpha(_ columns: AnnotationColumns, options: AgreementOptions = AgreementOptions())
        -> Double?
    {
        let prepared = PreparedAnnotations(columns, labels: options.labels, answer: options.answer)
        return Krippendorff.nominalParts(prepared.ratingTable()).alpha.number
    }
}
