import Foundation

extension AgreementReport {
    /// Computes the full report for annotation records; see `init(_:options:)` on columns.
    public init(_ records: [AnnotationRecord], options: AgreementOptions = AgreementOptions()) {
        self.init(AnnotationColumns(records), options: options)
    }

    /// Computes the full report for a set of annotations.
    public init(_ columns: AnnotationColumns, options: AgreementOptions = AgreementOptions()) {
        // Span answers have their own figures (`Spans/AgreementReport+Spans.swift`).
        if !columns.spans.isEmpty {
            self = Self.spanReport(columns, options: options)
            return
        }
        // Box answers too (`Boxes/AgreementReport+Boxes.swift`).
        if !columns.boxes.isEmpty {
            self = Self.boxReport(columns, options: options)
            return
        }
        let prepared = PreparedAnnotations(columns, labels: options.labels, answer: options.answer)
        let table = prepared.ratingTable()
        let selections = prepared.multiple ? prepared.selectionTable() : table
        // The coefficients and the per-item/per-annotator tables read the same immutable arrays,
        // so they are computed side by side on the two cores.
        nonisolated(unsafe) var computed: AgreementComputation?
        nonisolated(unsafe) var extras: (versions: [VersionAgreement], windows: [TimeWindowAgreement]) = ([], [])
        nonisolated(unsafe) var itemRows: [ItemAgreement] = []
        nonisolated(unsafe) var labelRows: [LabelAgreement] = []
        nonisolated(unsafe) var annotatorRows: [AnnotatorSummary] = []
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                computed = AgreementComputation(
                    prepared: prepared, table: table, empty: columns.isEmpty, options: options)
                extras = Self.trends(columns, prepared, table: table)
            } else {
                itemRows = Self.itemAgreements(prepared, table: table, selections: selections)
                labelRows = Self.labelAgreements(prepared, table: table, selections: selections)
                annotatorRows = Self.annotatorSummaries(
                    columns, prepared, table: table, selections: selections, options: options)
            }
        }
        let computation = computed!
        var notes = computation.notes
        let names = prepared.annotatorNames
        if prepared.labels.count > PairwiseAgreement.maximumLabels {
            notes.append("cohen_kappa is empty: more than \(PairwiseAgreement.maximumLabels) labels")
        } else if computation.pairs.isEmpty, !columns.isEmpty {
            notes.append("cohen_kappa is empty: no two annotators share two or more items")
        }
        let undefinedLabels = labelRows.filter { $0.alpha == nil }.map(\.label)
        if !undefinedLabels.isEmpty, !columns.isEmpty {
            notes.append(
                "per_label alpha is null for \(undefinedLabels.prefix(10).joined(separator: ", ")): the label is never or always given on items with two or more annotations"
            )
        }
        if options.gold.isEmpty, !columns.isEmpty {
            notes.append("gold_accuracy is null: no gold answers were given")
        }
        if annotatorRows.contains(where: { $0.agreementWithPeers == nil }) {
            notes.append("agreement_with_peers is null for annotators who share no item with anyone")
        }
        if annotatorRows.contains(where: { $0.bias.pValue == nil }), !columns.isEmpty {
            notes.append(
                "bias p_value is null for annotators whose shared items leave fewer than two labels in use, so there is nothing to test"
            )
        }
        if annotatorRows.compactMap(\.tooFast).isEmpty, !columns.isEmpty {
            notes.append("too_fast is null: fewer than three annotators have timing (seconds)")
        }
        var gwetAC2: WeightedAC2?
        if let linear = computation.chanceLinear, let quadratic = computation.chanceQuadratic {
            gwetAC2 = WeightedAC2(linear: linear.gwet.number, quadratic: quadratic.gwet.number)
        }
        self.init(
            items: prepared.itemNames.count, annotations: columns.count, labels: prepared.labels,
            percentAgreement: computation.chance.percentMeanOverItems.number,
            krippendorffAlpha: AlphaByLevel(
                nominal: computation.alpha[.nominal]?.number, ordinal: computation.alpha[.ordinal]?.number,
                interval: computation.alpha[.interval]?.number, ratio: computation.alpha[.ratio]?.number,
                levels: computation.alphaLevels),
            alphaLevel: computation.alphaLevels.contains(options.level) ? options.level : .nominal,
            alphaCI95: computation.alphaInterval, fleissKappa: computation.chance.fleissClassic.number,
            fleissKappaGeneralized: computation.chance.fleissGeneralized.number, gwetAC1: computation.chance.gwet.number,
            gwetAC2: gwetAC2,
            cohenKappa: computation.pairs.map { pair in
                PairAgreement(
                    a: names[pair.first], b: names[pair.second], n: pair.shared, kappa: pair.kappa.number,
                    kappaLinear: pair.kappaLinear.number, kappaQuadratic: pair.kappaQuadratic.number,
                    scottPi: pair.scottPi.number, agreement: pair.agreement.isFinite ? pair.agreement : nil)
            },
            perItem: itemRows, perLabel: labelRows, annotators: annotatorRows, perGuidelineVersion: extras.versions,
            overTime: extras.windows, notes: notes)
    }

    static func itemAgreements(
        _ prepared: PreparedAnnotations, table: RatingTable, selections: RatingTable
    )
        -> [ItemAgreement]
    {
        let itemCount = prepared.itemNames.count
        var sizes = [Int](repeating: 0, count: itemCount)
        for item in prepared.recordItem { sizes[Int(item)] += 1 }
        var agreementSum = [Double](repeating: 0, count: itemCount)
        var agreementUnits = [Int](repeating: 0, count: itemCount)
        for unit in 0..<table.unitCount {
            let m = table.size(unit)
            guard m >= 2 else { continue }
            let runs = Int(table.runStart[unit])..<Int(table.runStart[unit + 1])
            let item = prepared.item(ofUnit: unit)
            agreementSum[item] += ItemAgreement.pairShare(groups: table.runCount[runs], annotators: m)
            agreementUnits[item] += 1
        }
        var order = (0..<itemCount).filter { sizes[$0] >= 2 }
        // Files are usually sorted by item already; checking is much cheaper than sorting.
        if !zip(order, order.dropFirst()).allSatisfy({ prepared.itemNames[$0] < prepared.itemNames[$1] }) {
            order.sort { prepared.itemNames[$0] < prepared.itemNames[$1] }
        }
        // Most items share one of a few hundred label tallies: each tally's dictionary is built
        // once and shared, instead of one small allocation per item.
        var tallies: [UInt64: [String: Int]] = [:]
        func tally(_ item: Int) -> [String: Int] {
            let runs = Int(selections.runStart[item])..<Int(selections.runStart[item + 1])
            var key: UInt64 = 0
            var packable = runs.count <= 4
            for run in runs where packable {
                let category = UInt64(selections.runCategory[run])
                let count = UInt64(selections.runCount[run])
                packable = category < 255 && count < 256
                key = key << 16 | (category + 1) << 8 | count
            }
            if packable, let known = tallies[key] { return known }
            var counts: [String: Int] = [:]
            for run in runs {
                counts[prepared.labels[Int(selections.runCategory[run])]] = Int(selections.runCount[run])
            }
            if packable { tallies[key] = counts }
            return counts
        }
        return order.map { item in
            let agreement = agreementUnits[item] > 0 ? agreementSum[item] / Double(agreementUnits[item]) : nil
            return ItemAgreement(item: prepared.itemNames[item], n: sizes[item], agreement: agreement, labels: tally(item))
        }
    }

    static func labelAgreements(
        _ prepared: PreparedAnnotations, table: RatingTable, selections: RatingTable
    )
        -> [LabelAgreement]
    {
        guard prepared.multiple else {
            return zip(prepared.labels, Krippendorff.oneVersusRest(table)).map { label, result in
                LabelAgreement(label: label, alpha: result.alpha.number, n: result.count)
            }
        }
        // Binary units of label L are the units u with u % K == L; category 1 means "chosen".
        let size = prepared.labels.count
        var observed = [Double](repeating: 0, count: size)
        var pairable = [Double](repeating: 0, count: size)
        var chosen = [Double](repeating: 0, count: size)
        for unit in 0..<table.unitCount {
            let m = table.size(unit)
            guard m >= 2 else { continue }
            let label = unit % size
            var present = 0.0
            for run in Int(table.runStart[unit])..<Int(table.runStart[unit + 1]) where table.runCategory[run] == 1 {
                present = Double(table.runCount[run])
            }
            observed[label] += 2 * present * (Double(m) - present) / Double(m - 1)
            pairable[label] += Double(m)
            chosen[label] += present
        }
        var uses = [Int](repeating: 0, count: size)
        for category in selections.categories { uses[Int(category)] += 1 }
        return (0..<size).map { label in
            let parts = Krippendorff.Parts(
                observed: observed[label], expected: 2 * chosen[label] * (pairable[label] - chosen[label]),
                pairable: pairable[label])
            return LabelAgreement(label: prepared.labels[label], alpha: parts.alpha.number, n: uses[label])
        }
    }
}
