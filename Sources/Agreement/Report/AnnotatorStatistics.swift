import Foundation

/// Per-annotator figures: peer agreement, label use, bias test, gold accuracy and speed.
enum AnnotatorStatistics {
    /// Agreeing and total pairs each annotator forms with others inside units.
    static func peerAgreement(_ table: RatingTable, raterCount: Int) -> [Double?] {
        var agreeing = [Double](repeating: 0, count: raterCount)
        var total = [Double](repeating: 0, count: raterCount)
        for unit in 0..<table.unitCount {
            let m = table.size(unit)
            guard m >= 2 else { continue }
            var index = Int(table.unitStart[unit])
            for run in Int(table.runStart[unit])..<Int(table.runStart[unit + 1]) {
                let count = Int(table.runCount[run])
                for _ in 0..<count {
                    let rater = Int(table.raters[index])
                    agreeing[rater] += Double(count - 1)
                    total[rater] += Double(m - 1)
                    index += 1
                }
            }
        }
        return (0..<raterCount).map { total[$0] > 0 ? agreeing[$0] / total[$0] : nil }
    }

    /// Own and others' label counts on shared items, per annotator (rows of K).
    static func sharedCounts(_ table: RatingTable, raterCount: Int) -> (own: [Double], others: [Double]) {
        let size = table.categoryCount
        var own = [Double](repeating: 0, count: raterCount * size)
        var others = [Double](repeating: 0, count: raterCount * size)
        var lastUnit = [Int](repeating: -1, count: raterCount)
        for unit in 0..<table.unitCount {
            let start = Int(table.unitStart[unit])
            let end = Int(table.unitStart[unit + 1])
            guard end - start >= 2 else { continue }
            let runs = Int(table.runStart[unit])..<Int(table.runStart[unit + 1])
            for index in start..<end {
                let rater = Int(table.raters[index])
                // Everyone's labels once per annotator present; their own are taken out below.
                if lastUnit[rater] != unit {
                    lastUnit[rater] = unit
                    for run in runs {
                        others[rater * size + Int(table.runCategory[run])] += Double(table.runCount[run])
                    }
                }
                let category = Int(table.categories[index])
                own[rater * size + category] += 1
                others[rater * size + category] -= 1
            }
        }
        return (own, others)
    }

    /// Chi-square statistic, degrees of freedom and adjusted residuals of a 2×K table.
    static func chiSquare(
        _ own: ArraySlice<Double>, _ others: ArraySlice<Double>
    ) -> (
        statistic: Double, degrees: Int, residuals: [Double]
    )? {
        let ownTotal = own.reduce(0, +)
        let othersTotal = others.reduce(0, +)
        let total = ownTotal + othersTotal
        guard ownTotal > 0, othersTotal > 0 else { return nil }
        var statistic = 0.0
        var columns = 0
        var residuals = [Double](repeating: 0, count: own.count)
        for (offset, (o, p)) in zip(own, others).enumerated() {
            let column = o + p
            guard column > 0 else { continue }
            columns += 1
            let expectedOwn = ownTotal * column / total
            let expectedOthers = othersTotal * column / total
            statistic += (o - expectedOwn) * (o - expectedOwn) / expectedOwn
            statistic += (p - expectedOthers) * (p - expectedOthers) / expectedOthers
            let variance = expectedOwn * (1 - ownTotal / total) * (1 - column / total)
            residuals[offset] = variance > 0 ? (o - expectedOwn) / variance.squareRoot() : 0
        }
        guard columns >= 2 else { return nil }
        return (statistic, columns - 1, residuals)
    }

    /// Bias per annotator: divergence, p-value, Holm flag and the overused label.
    static func bias(_ table: RatingTable, raterCount: Int, labels: [String]) -> [AnnotatorBias] {
        let size = table.categoryCount
        let (own, others) = sharedCounts(table, raterCount: raterCount)
        var results: [AnnotatorBias] = []
        var tested: [(rater: Int, p: Double, residuals: [Double])] = []
        for rater in 0..<raterCount {
            let ownRow = own[(rater * size)..<((rater + 1) * size)]
            let othersRow = others[(rater * size)..<((rater + 1) * size)]
            let divergence = SpecialFunctions.jensenShannonDistance(Array(ownRow), Array(othersRow))
            var pValue: Double?
            if let test = chiSquare(ownRow, othersRow) {
                let p = SpecialFunctions.chiSquareSurvival(test.statistic, degreesOfFreedom: test.degrees)
                if p.isFinite {
                    pValue = p
                    tested.append((rater, p, test.residuals))
                }
            }
            results.append(AnnotatorBias(divergence: divergence, pValue: pValue, flagged: false, overused: nil))
        }
        let significant = SpecialFunctions.holm(tested.map(\.p))
        for (entry, flagged) in zip(tested, significant) where flagged {
            results[entry.rater].flagged = true
            if let best = entry.residuals.indices.max(by: { entry.residuals[$0] < entry.residuals[$1] }),
                entry.residuals[best] > 0
            {
                results[entry.rater].overused = labels[best]
            }
        }
        return results
    }

    /// Robust z-scores of log median seconds; nil below three timed annotators.
    static func tooFast(_ medians: [Double?]) -> [Bool?] {
        let logs = medians.map { median -> Double? in
            guard let median, median > 0 else { return nil }
            return log(median)
        }
        let timed = logs.compactMap { $0 }
        guard timed.count >= 3, let center = SpecialFunctions.median(timed) else {
            return medians.map { _ in nil }
        }
        var spread = (SpecialFunctions.median(timed.map { abs($0 - center) }) ?? 0) * 1.4826
        if spread == 0 {
            // With more than half the annotators identical, fall back to the mean absolute deviation.
            spread = timed.map { abs($0 - center) }.reduce(0, +) / Double(timed.count) * 1.2533
        }
        return logs.map { value in
            guard let value else { return nil }
            guard spread > 0 else { return false }
            return (value - center) / spread < -3.5
        }
    }
}
