import Foundation

extension AgreementReport {
    static func annotatorSummaries(
        _ columns: AnnotationColumns, _ prepared: PreparedAnnotations, table: RatingTable,
        selections: RatingTable, options: AgreementOptions
    ) -> [AnnotatorSummary] {
        let raterCount = prepared.annotatorNames.count
        let size = prepared.labels.count
        var annotationCounts = [Int](repeating: 0, count: raterCount)
        for rater in prepared.recordAnnotator { annotationCounts[Int(rater)] += 1 }
        var distribution = [Int](repeating: 0, count: raterCount * size)
        for index in selections.raters.indices {
            distribution[Int(selections.raters[index]) * size + Int(selections.categories[index])] += 1
        }
        let peers = AnnotatorStatistics.peerAgreement(table, raterCount: raterCount)
        let bias = AnnotatorStatistics.bias(selections, raterCount: raterCount, labels: prepared.labels)
        let gold = goldTallies(prepared, gold: options.gold)
        var seconds = [[Double]](repeating: [], count: raterCount)
        // Missing seconds are NaN, which the finiteness test leaves out with the unusable ones.
        for (index, value) in columns.recordSeconds.enumerated() where value.isFinite && value >= 0 {
            seconds[Int(prepared.recordAnnotator[index])].append(value)
        }
        let medians = seconds.map { SpecialFunctions.median($0) }
        let fast = AnnotatorStatistics.tooFast(medians)
        return (0..<raterCount).map { rater in
            var labels: [String: Int] = [:]
            for category in 0..<size where distribution[rater * size + category] > 0 {
                labels[prepared.labels[category]] = distribution[rater * size + category]
            }
            let trials = gold.trials[rater]
            return AnnotatorSummary(
                annotator: prepared.annotatorNames[rater], annotations: annotationCounts[rater],
                agreementWithPeers: peers[rater], labelDistribution: labels, bias: bias[rater],
                goldAccuracy: trials > 0 ? Double(gold.correct[rater]) / Double(trials) : nil,
                goldAccuracyCI95: SpecialFunctions.wilson(successes: gold.correct[rater], trials: trials),
                medianSeconds: medians[rater], tooFast: fast[rater])
        }
    }

    /// Annotations on gold items and how many match the gold answer, per annotator.
    static func goldTallies(
        _ prepared: PreparedAnnotations, gold: [String: LabelValue]
    )
        -> (correct: [Int], trials: [Int])
    {
        let raterCount = prepared.annotatorNames.count
        var correct = [Int](repeating: 0, count: raterCount)
        var trials = [Int](repeating: 0, count: raterCount)
        guard !gold.isEmpty else { return (correct, trials) }
        var labelId: [String: Int32] = [:]
        for (index, label) in prepared.labels.enumerated() { labelId[label] = Int32(index) }
        // Gold answers as sorted category ids per item (one id for single choice); −2 never matches.
        var goldOfItem: [[Int32]?] = Array(repeating: nil, count: prepared.itemNames.count)
        for (item, name) in prepared.itemNames.enumerated() {
            guard let answer = gold[name] else { continue }
            switch answer {
            case .strings(let list): goldOfItem[item] = Set(list.map { labelId[$0] ?? -2 }).sorted()
            default: goldOfItem[item] = [labelId[answer.key] ?? -2]
            }
        }
        for index in 0..<prepared.recordCount {
            let item = Int(prepared.recordItem[index])
            guard let expected = goldOfItem[item] else { continue }
            let rater = Int(prepared.recordAnnotator[index])
            trials[rater] += 1
            let given: [Int32]
            if prepared.multiple {
                given = Array(
                    prepared.selected[Int(prepared.selectedStart[index])..<Int(prepared.selectedStart[index + 1])])
            } else {
                given = [prepared.recordCategory[index]]
            }
            if given == expected { correct[rater] += 1 }
        }
        return (correct, trials)
    }
}
