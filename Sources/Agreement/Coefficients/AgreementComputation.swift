import Foundation

/// Every figure of a report at full detail (chance terms, pooled agreement, weighted variants);
/// the report shows a subset and tests read the rest.
struct AgreementComputation: Sendable {
    let prepared: PreparedAnnotations
    let table: RatingTable
    var notes: [String]
    var alpha: [MeasurementLevel: Coefficient] = [:]
    var alphaLevels: [MeasurementLevel] = [.nominal]
    var alphaInterval: [Double]?
    let chance: ChanceAgreement
    var chanceLinear: ChanceAgreement?
    var chanceQuadratic: ChanceAgreement?
    let pairs: [PairwiseAgreement]

    init(_ records: [AnnotationRecord], options: AgreementOptions) {
        let prepared = PreparedAnnotations(records, labels: options.labels, answer: options.answer)
        self.init(prepared: prepared, table: prepared.ratingTable(), empty: records.isEmpty, options: options)
    }

    init(prepared: PreparedAnnotations, table: RatingTable, empty: Bool, options: AgreementOptions) {
        self.prepared = prepared
        self.table = table
        notes = prepared.notes
        if empty { notes.append("no annotations") }
        if prepared.multiple {
            notes.append(
                "multiple choice: every (item, label) is scored as a present/absent decision; headline figures pool these binary decisions over all labels, per_label gives each label's alpha"
            )
        }
        let frequencies = Krippendorff.pairableFrequencies(table)
        alpha[.nominal] = Krippendorff.nominalParts(table).alpha
        var deltas: [MeasurementLevel: [Double]] = [:]
        if let values = prepared.values, !prepared.multiple, table.categoryCount <= 4096 {
            alphaLevels = MeasurementLevel.allCases
            for level in [MeasurementLevel.ordinal, .interval, .ratio] {
                if let delta = Krippendorff.distances(level, values: values, frequencies: frequencies) {
                    deltas[level] = delta
                    alpha[level] = Krippendorff.parts(table, delta: delta, frequencies: frequencies).alpha
                } else {
                    alpha[level] = .undefined("ratio alpha needs non-negative values")
                }
            }
        }
        let level = alphaLevels.contains(options.level) ? options.level : .nominal
        if level != options.level {
            notes.append(
                "alpha_ci95 is for nominal alpha: \(options.level.rawValue) needs numeric labels or a rating scale")
        }
        if let value = alpha[level], value.number != nil {
            let parts =
                level == .nominal
                ? Krippendorff.nominalParts(table)
                : Krippendorff.parts(table, delta: deltas[level]!, frequencies: frequencies)
            alphaInterval = AlphaBootstrap.interval(
                table, delta: deltas[level], parts: parts, samples: options.bootstrapSamples, seed: options.seed)
        }
        chance = ChanceAgreement(table)
        if prepared.values != nil, !prepared.multiple, table.categoryCount >= 2, table.categoryCount <= 1024 {
            let size = table.categoryCount
            chanceLinear = ChanceAgreement(table, weights: ChanceAgreement.weights(size: size, quadratic: false))
            chanceQuadratic = ChanceAgreement(table, weights: ChanceAgreement.weights(size: size, quadratic: true))
        }
        pairs = PairwiseAgreement.all(table, raterCount: prepared.annotatorNames.count)
        if alphaInterval == nil {
            notes.append("alpha_ci95 is null: alpha is undefined or there are no pairs to resample")
        }
        for (name, coefficient) in [
            ("percent_agreement", chance.percentMeanOverItems),
            ("krippendorff_alpha.nominal", alpha[.nominal]!), ("fleiss_kappa", chance.fleissClassic),
            ("fleiss_kappa_generalized", chance.fleissGeneralized), ("gwet_ac1", chance.gwet),
        ] {
            if let reason = coefficient.reason { notes.append("\(name) is null: \(reason)") }
        }
        for level in alphaLevels where level != .nominal {
            if let reason = alpha[level]?.reason {
                notes.append("krippendorff_alpha.\(level.rawValue) is null: \(reason)")
            }
        }
    }
}
