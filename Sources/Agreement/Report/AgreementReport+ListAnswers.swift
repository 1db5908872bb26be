import Foundation

/// The report of list answers, which span and box answers share: labels in report order, per-item rows,
/// annotator rows and gold, all read from a list answer's columns and its pair-score sums.
extension AgreementReport {
    /// The report for list answers of one kind (`spanReport`, `boxReport`): per-item pair F1 as
    /// `agreement`, each annotator's mean pair F1 with the others as `agreement_with_peers` and, with gold
    /// lists, the share of their gold answers matching the list (`ListMark.matchesGold`) as
    /// `gold_accuracy`. The coefficients of single-label answers do not apply and are null, with a note
    /// saying so; `figureNotes` say why any of the kind's own figures is null. The caller adds the kind's
    /// figures (`span_agreement`, `box_agreement`, named by `kind`), with `labelRows` as their per-label rows.
    static func listReport<Mark: ListMark, Part>(
        _ columns: AnnotationColumns, items: ItemRecords, parts: AnswerListColumns<Part>, totals: ListPairTotals,
        kind: String, figureNotes: [String], options: AgreementOptions, answer: (Int) -> [Mark]
    ) -> (report: AgreementReport, labelRows: [(label: String, f1: Double?, n: Int)]) {
        let order = listLabelOrder(parts.labels.names, declared: options.labels)
        var notes = [
            "\(kind) answers: the coefficients of single-label answers are null; \(kind)_agreement holds the \(kind) figures"
        ]
        if totals.pairs == 0, !columns.isEmpty {
            notes.append("\(kind)_agreement F1 is null: no item has two or more annotations")
        }
        notes += figureNotes
        let gold = listGoldTallies(columns, gold: options.gold, answer: answer)
        if gold == nil, !columns.isEmpty { notes.append("gold_accuracy is null: no gold answers were given") }
        let report = AgreementReport(
            items: columns.itemNames.count, annotations: columns.count, labels: order.map { parts.labels.names[$0] },
            percentAgreement: nil, krippendorffAlpha: AlphaByLevel(), alphaLevel: .nominal, alphaCI95: nil,
            fleissKappa: nil, fleissKappaGeneralized: nil, gwetAC1: nil, gwetAC2: nil, cohenKappa: [],
            perItem: listItemRows(columns, items: items, parts: parts, itemSum: totals.itemSum), perLabel: [],
            annotators: listAnnotatorRows(
                columns, parts: parts, peerSum: totals.annotatorSum, peerPairs: totals.annotatorPairs, gold: gold),
            perGuidelineVersion: [], overTime: [], notes: notes)
        return (report, order.map { label in (parts.labels.names[label], totals.label(label).f1, totals.label(label).n) })
    }

    /// Per annotator id: answers on items with a gold list, and how many match it (`ListMark.matchesGold`);
    /// nil without gold. A gold `[]` (read back as an empty label set) is an empty list. `answer` gives a
    /// record's list.
    static func listGoldTallies<Mark: ListMark>(
        _ columns: AnnotationColumns, gold: [String: LabelValue], answer: (Int) -> [Mark]
    ) -> (correct: [Int], trials: [Int])? {
        guard !gold.isEmpty else { return nil }
        let expected: [[Mark]?] = columns.itemNames.map { name in gold[name].flatMap(Mark.list) }
        var correct = [Int](repeating: 0, count: columns.annotatorNames.count)
        var trials = correct
        for record in 0..<columns.count {
            guard let list = expected[Int(columns.recordItem[record])] else { continue }
            let annotator = Int(columns.recordAnnotator[record])
            trials[annotator] += 1
            if Mark.matchesGold(answer(record), gold: list) { correct[annotator] += 1 }
        }
        return (correct, trials)
    }

    /// Part label ids in report order: the task's labels first as given, then the others sorted.
    static func listLabelOrder(_ names: [String], declared: [String]?) -> [Int] {
        let declared = declared ?? []
        let position = Dictionary(declared.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return names.indices.sorted { a, b in
            switch (position[names[a]], position[names[b]]) {
            case (let x?, let y?): x < y
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): names[a] < names[b]
            }
        }
    }

    /// Items with two or more annotations, by id: the mean pair F1 of their pairs (`itemSum` by
    /// item over its pairs) and how often each part label appears in their answers.
    static func listItemRows<Part>(
        _ columns: AnnotationColumns, items: ItemRecords, parts: AnswerListColumns<Part>, itemSum: [Double]
    ) -> [ItemAgreement] {
        let names = columns.itemNames
        var order = (0..<items.itemCount).filter { items.records(of: $0).count >= 2 }
        if !zip(order, order.dropFirst()).allSatisfy({ names[$0] < names[$1] }) { order.sort { names[$0] < names[$1] } }
        let labelNames = parts.labels.names
        var counts = [Int](repeating: 0, count: labelNames.count)
        var used: [Int] = []
        // Most items share one of a few label tallies: each tally's dictionary is built once and shared.
        var tallies: [[Int]: [String: Int]] = [:]
        return order.map { item in
            let records = items.records(of: item)
            for record in records {
                for part in parts.range(of: Int(record)) {
                    let label = Int(parts.label[part])
                    if counts[label] == 0 { used.append(label) }
                    counts[label] += 1
                }
            }
            used.sort()
            let key = used.flatMap { [$0, counts[$0]] }
            let labels =
                tallies[key]
                ?? {
                    let tally = Dictionary(uniqueKeysWithValues: used.map { (labelNames[$0], counts[$0]) })
                    tallies[key] = tally
                    return tally
                }()
            for label in used { counts[label] = 0 }
            used.removeAll(keepingCapacity: true)
            let pairCount = records.count * (records.count - 1) / 2
            return ItemAgreement(
                item: names[item], n: records.count, agreement: itemSum[item] / Double(pairCount), labels: labels)
        }
    }

    /// Annotators by name: their answers, mean pair F1 with the others (sums and pair counts by
    /// annotator id), part labels used, gold accuracy when `gold` tallies are given, and median time.
    static func listAnnotatorRows<Part>(
        _ columns: AnnotationColumns, parts: AnswerListColumns<Part>, peerSum: [Double], peerPairs: [Int],
        gold: (correct: [Int], trials: [Int])? = nil
    ) -> [AnnotatorSummary] {
        let names = columns.annotatorNames
        var answers = [Int](repeating: 0, count: names.count)
        let labelCount = parts.labels.count
        var labels = [Int](repeating: 0, count: names.count * labelCount)
        var seconds = [[Double]](repeating: [], count: names.count)
        for record in 0..<columns.count {
            let annotator = Int(columns.recordAnnotator[record])
            answers[annotator] += 1
            for part in parts.range(of: record) { labels[annotator * labelCount + Int(parts.label[part])] += 1 }
            let time = columns.recordSeconds[record]
            if time.isFinite, time >= 0 { seconds[annotator].append(time) }
        }
        let medians = seconds.map { SpecialFunctions.median($0) }
        let fast = AnnotatorStatistics.tooFast(medians)
        return names.indices.sorted { names[$0] < names[$1] }.map { annotator in
            let trials = gold?.trials[annotator] ?? 0
            let correct = gold?.correct[annotator] ?? 0
            return AnnotatorSummary(
                annotator: names[annotator], annotations: answers[annotator],
                agreementWithPeers: peerPairs[annotator] > 0 ? peerSum[annotator] / Double(peerPairs[annotator]) : nil,
                labelDistribution: Dictionary(
                    uniqueKeysWithValues: (0..<labelCount).filter { labels[annotator * labelCount + $0] > 0 }.map {
                        (parts.labels.names[$0], labels[annotator * labelCount + $0])
                    }),
                bias: AnnotatorBias(divergence: nil, pValue: nil, flagged: false, overused: nil),
                goldAccuracy: trials > 0 ? Double(correct) / Double(trials) : nil,
                goldAccuracyCI95: gold == nil ? nil : SpecialFunctions.wilson(successes: correct, trials: trials),
                medianSeconds: medians[annotator], tooFast: fast[annotator])
        }
    }
}
