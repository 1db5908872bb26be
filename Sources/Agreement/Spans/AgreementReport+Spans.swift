import Foundation

extension AgreementReport {
    /// The report for span answers: `span_agreement`, per-item exact F1 as `agreement`, and each
    /// annotator's mean exact F1 with the others as `agreement_with_peers`. The coefficients of
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
        let order = Self.spanLabelOrder(spans.labels.names, declared: options.labels)
        var notes = [
            "span answers: the coefficients of single-label answers are null; span_agreement holds the span figures"
        ]
        if pairs.pairs == 0, !columns.isEmpty {
            notes.append("span_agreement F1 is null: no item has two or more annotations")
        }
        if let reason = charAlpha.reason, !columns.isEmpty { notes.append("char_alpha is null: \(reason)") }
        let mean = { (sum: Double, count: Int) -> Double? in count > 0 ? sum / Double(count) : nil }
        return AgreementReport(
            items: columns.itemNames.count, annotations: columns.count, labels: order.map { spans.labels.names[$0] },
            percentAgreement: nil, krippendorffAlpha: AlphaByLevel(), alphaLevel: .nominal, alphaCI95: nil,
            fleissKappa: nil, fleissKappaGeneralized: nil, gwetAC1: nil, gwetAC2: nil, cohenKappa: [],
            perItem: Self.spanItemRows(columns, items: items, scores: pairs), perLabel: [],
            annotators: Self.spanAnnotatorRows(columns, scores: pairs), perGuidelineVersion: [], overTime: [],
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

    /// Span label ids in report order: the task's labels first as given, then the others sorted.
    static func spanLabelOrder(_ names: [String], declared: [String]?) -> [Int] {
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

    /// Items with two or more annotations, by id: the mean exact F1 of their pairs and their span labels.
    static func spanItemRows(_ columns: AnnotationColumns, items: ItemRecords, scores: SpanPairScores) -> [ItemAgreement] {
        let names = columns.itemNames
        var order = (0..<items.itemCount).filter { items.records(of: $0).count >= 2 }
        if !zip(order, order.dropFirst()).allSatisfy({ names[$0] < names[$1] }) { order.sort { names[$0] < names[$1] } }
        let spans = columns.spans
        let labelNames = spans.labels.names
        var counts = [Int](repeating: 0, count: labelNames.count)
        var used: [Int] = []
        // Most items share one of a few label tallies: each tally's dictionary is built once and shared.
        var tallies: [[Int]: [String: Int]] = [:]
        return order.map { item in
            let records = items.records(of: item)
            for record in records {
                for span in spans.spans(of: Int(record)) {
                    let label = Int(spans.label[span])
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
                item: names[item], n: records.count, agreement: scores.itemSum[item] / Double(pairCount), labels: labels)
        }
    }

    /// Annotators by name: their answers, mean exact F1 with the others, span labels used and median time.
    static func spanAnnotatorRows(_ columns: AnnotationColumns, scores: SpanPairScores) -> [AnnotatorSummary] {
        let names = columns.annotatorNames
        let spans = columns.spans
        var answers = [Int](repeating: 0, count: names.count)
        let labelCount = spans.labels.count
        var labels = [Int](repeating: 0, count: names.count * labelCount)
        var seconds = [[Double]](repeating: [], count: names.count)
        for record in 0..<columns.count {
            let annotator = Int(columns.recordAnnotator[record])
            answers[annotator] += 1
            for span in spans.spans(of: record) { labels[annotator * labelCount + Int(spans.label[span])] += 1 }
            let time = columns.recordSeconds[record]
            if time.isFinite, time >= 0 { seconds[annotator].append(time) }
        }
        let medians = seconds.map { SpecialFunctions.median($0) }
        let fast = AnnotatorStatistics.tooFast(medians)
        return names.indices.sorted { names[$0] < names[$1] }.map { annotator in
            AnnotatorSummary(
                annotator: names[annotator], annotations: answers[annotator],
                agreementWithPeers: scores.annotatorPairs[annotator] > 0
                    ? scores.annotatorSum[annotator] / Double(scores.annotatorPairs[annotator]) : nil,
                labelDistribution: Dictionary(
                    uniqueKeysWithValues: (0..<labelCount).filter { labels[annotator * labelCount + $0] > 0 }.map {
                        (spans.labels.names[$0], labels[annotator * labelCount + $0])
                    }),
                bias: AnnotatorBias(divergence: nil, pValue: nil, flagged: false, overused: nil), goldAccuracy: nil,
                goldAccuracyCI95: nil, medianSeconds: medians[annotator], tooFast: fast[annotator])
        }
    }
}
