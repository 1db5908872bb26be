/// Krippendorff's alpha from the coincidence counts of a rating table, with missing data allowed.
///
/// α = 1 − (n − 1) · Σ_u Σ_{c,k} n_uc n_uk δ_ck / (m_u − 1)  ÷  Σ_c Σ_k n_c n_k δ_ck,
/// where n counts the pairable values (units with ≥ 2 values) and n_c their frequencies.
enum Krippendorff {
    /// Frequencies of each category among pairable values.
    static func pairableFrequencies(_ table: RatingTable) -> [Double] {
        var frequencies = [Double](repeating: 0, count: table.categoryCount)
        for unit in 0..<table.unitCount where table.size(unit) >= 2 {
            for run in Int(table.runStart[unit])..<Int(table.runStart[unit + 1]) {
                frequencies[Int(table.runCategory[run])] += Double(table.runCount[run])
            }
        }
        return frequencies
    }

    /// The distance matrix δ for a level; nil when the level needs numbers the labels don't have.
    static func distances(_ level: MeasurementLevel, values: [Double]?, frequencies: [Double]) -> [Double]? {
        let size = frequencies.count
        var delta = [Double](repeating: 0, count: size * size)
        switch level {
        case .nominal:
            for c in 0..<size { for k in 0..<size where c != k { delta[c * size + k] = 1 } }
        case .ordinal:
            // Distance between ranks uses the frequencies of the values between them (Krippendorff 2011).
            var cumulative = [Double](repeating: 0, count: size + 1)
            for c in 0..<size { cumulative[c + 1] = cumulative[c] + frequencies[c] }
            for c in 0..<size {
                for k in 0..<size where c != k {
                    let low = min(c, k)
                    let high = max(c, k)
                    let between = cumulative[high + 1] - cumulative[low] - (frequencies[c] + frequencies[k]) / 2
                    delta[c * size + k] = between * between
                }
            }
        case .interval:
            guard let values else { return nil }
            for c in 0..<size {
                for k in 0..<size { delta[c * size + k] = (values[c] - values[k]) * (values[c] - values[k]) }
            }
        case .ratio:
            guard let values, values.allSatisfy({ $0 >= 0 }) else { return nil }
            for c in 0..<size {
                for k in 0..<size where c != k {
                    let sum = values[c] + values[k]
                    let ratio = sum == 0 ? 0 : (values[c] - values[k]) / sum
                    delta[c * size + k] = ratio * ratio
                }
            }
        }
        return delta
    }

    /// Observed and expected disagreement sums: α = 1 − (n − 1) · observed / expected.
    struct Parts {
        var observed: Double
        var expected: Double
        var pairable: Double

        var alpha: Coefficient {
            if pairable < 2 { return .undefined("no item has two or more annotations") }
            if expected <= 0 {
                return .undefined("every pairable value is the same, so disagreement by chance is zero")
            }
            return .finite(1 - (pairable - 1) * observed / expected, otherwise: "alpha is not finite")
        }
    }

    /// Nominal alpha without a K×K matrix, so any number of labels is cheap.
    ///
    /// `unitWeights` counts unit `u` that many times: span agreement has millions of character
    /// units but few distinct ones, and passes each distinct unit once with its number of copies.
    /// A weight of 1 multiplies exactly, so without weights the sums are the same bit for bit.
    static func nominalParts(_ table: RatingTable, unitWeights: [Double]? = nil) -> Parts {
        var observed = 0.0
        var pairable = 0.0
        var frequencies = [Double](repeating: 0, count: table.categoryCount)
        for unit in 0..<table.unitCount {
            let size = table.size(unit)
            guard size >= 2 else { continue }
            let weight = unitWeights?[unit] ?? 1
            var squares = 0.0
            for run in Int(table.runStart[unit])..<Int(table.runStart[unit + 1]) {
                let count = Double(table.runCount[run])
                squares += count * count
                frequencies[Int(table.runCategory[run])] += weight * count
            }
            let m = Double(size)
            observed += weight * (m * m - squares) / (m - 1)
            pairable += weight * m
        }
        return nominalParts(observed: observed, pairable: pairable, frequencies: frequencies)
    }

    /// The parts from the sums over units, the expected disagreement from the pooled category frequencies.
    private static func nominalParts(observed: Double, pairable: Double, frequencies: [Double]) -> Parts {
        var squares = 0.0
        for frequency in frequencies { squares += frequency * frequency }
        return Parts(observed: observed, expected: pairable * pairable - squares, pairable: pairable)
    }

    /// Nominal alpha from dense counts (`counts[unit * categoryCount + category]`). The sums run in
    /// the same order as over a table's runs, and a zero count adds exactly nothing, so the result
    /// is bit for bit the same as `nominalParts(_:)` on the table of the same ratings.
    static func nominalParts(counts: [Int32], categoryCount: Int) -> Parts {
        var observed = 0.0
        var pairable = 0.0
        var frequencies = [Double](repeating: 0, count: categoryCount)
        guard categoryCount > 0 else { return Parts(observed: 0, expected: 0, pairable: 0) }
        for unit in 0..<counts.count / categoryCount {
            let row = unit * categoryCount
            var size: Int32 = 0
            for category in 0..<categoryCount { size += counts[row + category] }
            guard size >= 2 else { continue }
            var squares = 0.0
            for category in 0..<categoryCount {
                let count = Double(counts[row + category])
                squares += count * count
                frequencies[category] += count
            }
            let m = Double(size)
            observed += (m * m - squares) / (m - 1)
            pairable += m
        }
        return nominalParts(observed: observed, pairable: pairable, frequencies: frequencies)
    }

    /// Alpha for any distance matrix.
    static func parts(_ table: RatingTable, delta: [Double], frequencies: [Double]) -> Parts {
        let size = table.categoryCount
        var observed = 0.0
        var pairable = 0.0
        for unit in 0..<table.unitCount {
            let m = table.size(unit)
            guard m >= 2 else { continue }
            let first = Int(table.runStart[unit])
            let last = Int(table.runStart[unit + 1])
            var sum = 0.0
            for r in first..<last {
                let row = Int(table.runCategory[r]) * size
                let countR = Double(table.runCount[r])
                for s in (r + 1)..<max(last, r + 1) {
                    sum += 2 * countR * Double(table.runCount[s]) * delta[row + Int(table.runCategory[s])]
                }
            }
            observed += sum / Double(m - 1)
            pairable += Double(m)
        }
        var expected = 0.0
        for c in 0..<size where frequencies[c] > 0 {
            for k in 0..<size where frequencies[k] > 0 {
                expected += frequencies[c] * frequencies[k] * delta[c * size + k]
            }
        }
        return Parts(observed: observed, expected: expected, pairable: pairable)
    }

    /// Alpha of one label against the rest (binary nominal), for the per-label table.
    static func oneVersusRest(_ table: RatingTable) -> [(alpha: Coefficient, count: Int)] {
        let size = table.categoryCount
        var observed = [Double](repeating: 0, count: size)
        var frequencies = [Double](repeating: 0, count: size)
        var totals = [Int](repeating: 0, count: size)
        var pairable = 0.0
        for unit in 0..<table.unitCount {
            let m = table.size(unit)
            for run in Int(table.runStart[unit])..<Int(table.runStart[unit + 1]) {
                totals[Int(table.runCategory[run])] += Int(table.runCount[run])
            }
            guard m >= 2 else { continue }
            pairable += Double(m)
            for run in Int(table.runStart[unit])..<Int(table.runStart[unit + 1]) {
                let category = Int(table.runCategory[run])
                let count = Double(table.runCount[run])
                observed[category] += 2 * count * (Double(m) - count) / Double(m - 1)
                frequencies[category] += count
            }
        }
        return (0..<size).map { category in
            let expected = 2 * frequencies[category] * (pairable - frequencies[category])
            let parts = Parts(observed: observed[category], expected: expected, pairable: pairable)
            return (parts.alpha, totals[category])
        }
    }
}
