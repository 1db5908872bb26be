import Foundation

extension AgreementReport {
    /// The report for box answers: `box_agreement`, per-item F1 at IoU 0.5 as `agreement`, each
    /// annotator's mean F1 with the others as `agreement_with_peers` and, with gold box lists, the
    /// share of their gold answers scoring F1 ≥ 0.999 as `gold_accuracy`. The coefficients of
    /// single-label answers do not apply and are null, with a note saying so.
    static func boxReport(_ columns: AnnotationColumns, options: AgreementOptions) -> AgreementReport {
        let items = ItemRecords(columns)
        let boxes = columns.boxes
        let scores = BoxPairScores(columns, items: items)
        let order = Self.listLabelOrder(boxes.labels.names, declared: options.labels)
        var notes = ["box answers: the coefficients of single-label answers are null; box_agreement holds the box figures"]
        if scores.pairs == 0, !columns.isEmpty {
            notes.append("box_agreement F1 is null: no item has two or more annotations")
        } else if scores.matches == 0, !columns.isEmpty {
            notes.append("mean_iou is null: no two boxes were matched")
        }
        let gold = Self.boxGoldTallies(columns, gold: options.gold)
        if gold == nil, !columns.isEmpty { notes.append("gold_accuracy is null: no gold answers were given") }
        let mean = { (sum: Double, count: Int) -> Double? in count > 0 ? sum / Double(count) : nil }
        return AgreementReport(
            items: columns.itemNames.count, annotations: columns.count, labels: order.map { boxes.labels.names[$0] },
            percentAgreement: nil, krippendorffAlpha: AlphaByLevel(), alphaLevel: .nominal, alphaCI95: nil,
            fleissKappa: nil, fleissKappaGeneralized: nil, gwetAC1: nil, gwetAC2: nil, cohenKappa: [],
            perItem: Self.listItemRows(columns, items: items, parts: boxes, itemSum: scores.itemSum), perLabel: [],
            annotators: Self.listAnnotatorRows(
                columns, parts: boxes, peerSum: scores.annotatorSum, peerPairs: scores.annotatorPairs, gold: gold),
            perGuidelineVersion: [], overTime: [], notes: notes,
            boxAgreement: BoxAgreement(
                pairs: scores.pairs, f1IoU50: mean(scores.f1Sum, scores.pairs), meanIoU: mean(scores.iouSum, scores.matches),
                perLabel: order.map { label in
                    BoxLabelAgreement(
                        label: boxes.labels.names[label], f1IoU50: mean(scores.labelSum[label], scores.labelPairs[label]),
                        n: scores.labelPairs[label])
                }))
    }

    /// Per annotator id: answers on items with a gold box list, and how many score F1 ≥ `Box.goldF1`
    /// against it; nil without gold. A gold `[]` (read back as an empty label set) is an empty list.
    static func boxGoldTallies(_ columns: AnnotationColumns, gold: [String: LabelValue]) -> (correct: [Int], trials: [Int])? {
        guard !gold.isEmpty else { return nil }
        let expected: [[Box]?] = columns.itemNames.map { name in gold[name].flatMap(Box.boxList) }
        var correct = [Int](repeating: 0, count: columns.annotatorNames.count)
        var trials = correct
        for record in 0..<columns.count {
            guard let list = expected[Int(columns.recordItem[record])] else { continue }
            let annotator = Int(columns.recordAnnotator[record])
            trials[annotator] += 1
            if Box.matchesGold(columns.boxes.values(of: record), gold: list) { correct[annotator] += 1 }
        }
        return (correct, trials)
    }
}
