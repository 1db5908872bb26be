import Foundation

/// Distribution functions the bias test and the gold intervals need.
enum SpecialFunctions {
    /// Upper regularized incomplete gamma Q(a, x) = Γ(a, x) / Γ(a): a series below a + 1, a continued
    /// fraction (modified Lentz) above, as in Numerical Recipes §6.2; accurate to about 1e-14.
    static func upperGamma(_ a: Double, _ x: Double) -> Double {
        guard a > 0, x.isFinite else { return x.isInfinite ? 0 : .nan }
        if x <= 0 { return 1 }
        let logPrefix = a * log(x) - x - lgamma(a)
        if x < a + 1 {
            var term = 1 / a
            var sum = term
            var denominator = a
            for _ in 0..<10_000 {
                denominator += 1
                term *= x / denominator
                sum += term
                if abs(term) < abs(sum) * 1e-16 { break }
            }
            return max(0, min(1, 1 - sum * exp(logPrefix)))
        }
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for step in 1..<10_000 {
            let an = -Double(step) * (Double(step) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return max(0, min(1, exp(logPrefix) * h))
    }

    /// P(χ² ≥ statistic) with the given degrees of freedom.
    static func chiSquareSurvival(_ statistic: Double, degreesOfFreedom: Int) -> Double {
        upperGamma(Double(degreesOfFreedom) / 2, statistic / 2)
    }

    /// Wilson score interval for a proportion at 95 %.
    static func wilson(successes: Int, trials: Int) -> [Double]? {
        guard trials > 0 else { return nil }
        let z = 1.959963984540054
        let n = Double(trials)
        let p = Double(successes) / n
        let center = (p + z * z / (2 * n)) / (1 + z * z / n)
        let half = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
        return [max(0, center - half), min(1, center + half)]
    }

    /// Jensen–Shannon distance (square root of the divergence, base-2 logs, so it lies in [0, 1]).
    static func jensenShannonDistance(_ p: [Double], _ q: [Double]) -> Double? {
        let totalP = p.reduce(0, +)
        let totalQ = q.reduce(0, +)
        guard totalP > 0, totalQ > 0 else { return nil }
        var divergence = 0.0
        for index in p.indices {
            let a = p[index] / totalP
            let b = q[index] / totalQ
            let mean = (a + b) / 2
            if a > 0 { divergence += 0.5 * a * log2(a / mean) }
            if b > 0 { divergence += 0.5 * b * log2(b / mean) }
        }
        return max(0, divergence).squareRoot()
    }

    /// Holm's step-down adjustment: which p-values are significant at `level` as a family.
    static func holm(_ pValues: [Double], level: Double = 0.05) -> [Bool] {
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var significant = [Bool](repeating: false, count: pValues.count)
        for (rank, index) in order.enumerated() {
            if pValues[index] <= level / Double(pValues.count - rank) {
                significant[index] = true
            } else {
                break
            }
        }
        return significant
    }

    /// Median of a list (nil when empty), by selection rather than a full sort.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        var work = values
        let middle = work.count / 2
        let upper = select(&work, middle)
        guard work.count % 2 == 0 else { return upper }
        // The lower middle is the largest value left of the upper one after selection.
        var lower = -Double.infinity
        for index in 0..<middle { lower = max(lower, work[index]) }
        return (lower + upper) / 2
    }

    /// Hoare's quickselect: puts the k-th smallest value at `k`, smaller ones before it.
    static func select(_ values: inout [Double], _ k: Int) -> Double {
        var low = 0
        var high = values.count - 1
        while low < high {
            let pivot = values[low + (high - low) / 2]
            var i = low
            var j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                break
            }
        }
        return values[k]
    }
}
