/// Bootstrap interval for Krippendorff's alpha after Hayes & Krippendorff (2007).
///
/// Their procedure keeps the expected disagreement fixed and resamples the M pairs of values
/// that sit together in a unit, each pair carrying the error e = 2δ(n − 1) / ((m_u − 1) · D),
/// so that α = 1 − Σ e. Pairs with the same (unit size, category pair) carry the same e, so a
/// replicate is a multinomial draw over those few pair types instead of M random picks; that
/// gives the same distribution at a cost independent of the number of annotations.
enum AlphaBootstrap {
    static func interval(
        _ table: RatingTable, delta: [Double]?, parts: Krippendorff.Parts, samples: Int, seed: UInt64
    ) -> [Double]? {
        guard samples > 0, parts.pairable >= 2, parts.expected > 0 else { return nil }
        let size = table.categoryCount
        var pairTotal = 0.0
        // Pair counts by unit size, as a dense K×K block per size when K is small.
        var blockOfSize: [Int: Int] = [:]
        var blocks: [Double] = []
        var loose: [Double: Double] = [:]
        let dense = size <= 64
        for unit in 0..<table.unitCount {
            let m = table.size(unit)
            guard m >= 2 else { continue }
            pairTotal += Double(m * (m - 1) / 2)
            let first = Int(table.runStart[unit])
            let last = Int(table.runStart[unit + 1])
            guard last - first >= 2 else { continue }
            var block = 0
            if dense {
                if let existing = blockOfSize[m] {
                    block = existing
                } else {
                    block = blocks.count
                    blockOfSize[m] = block
                    blocks.append(contentsOf: repeatElement(0, count: size * size))
                }
            }
            for r in first..<last {
                for s in (r + 1)..<last {
                    let pairs = Double(table.runCount[r]) * Double(table.runCount[s])
                    let c = Int(table.runCategory[r])
                    let k = Int(table.runCategory[s])
                    if dense {
                        blocks[block + c * size + k] += pairs
                    } else {
                        let distance = delta?[c * size + k] ?? (c == k ? 0 : 1)
                        let error = 2 * distance * (parts.pairable - 1) / (Double(m - 1) * parts.expected)
                        loose[error, default: 0] += pairs
                    }
                }
            }
        }
        var types: [(error: Double, count: Double)] = loose.map { ($0.key, $0.value) }
        for (m, block) in blockOfSize {
            for c in 0..<size {
                for k in 0..<size where blocks[block + c * size + k] > 0 {
                    let distance = delta?[c * size + k] ?? (c == k ? 0 : 1)
                    let error = 2 * distance * (parts.pairable - 1) / (Double(m - 1) * parts.expected)
                    types.append((error, blocks[block + c * size + k]))
                }
            }
        }
        // A fixed order keeps replicates reproducible whatever the dictionary order was.
        types.sort { $0.error != $1.error ? $0.error < $1.error : $0.count < $1.count }
        let total = Int(pairTotal)
        var generator = SeededGenerator(seed: seed)
        var replicates: [Double] = []
        replicates.reserveCapacity(samples)
        for _ in 0..<samples {
            var remaining = total
            var remainingMass = pairTotal
            var error = 0.0
            for type in types where remaining > 0 {
                let draws = generator.binomial(remaining, min(1, type.count / remainingMass))
                error += Double(draws) * type.error
                remaining -= draws
                remainingMass -= type.count
            }
            replicates.append(min(1, max(-1, 1 - error)))
        }
        replicates.sort()
        return [percentile(replicates, 0.025), percentile(replicates, 0.975)]
    }

    /// Linear interpolation between order statistics.
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        let position = fraction * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let weight = position - Double(lower)
        return sorted[lower] * (1 - weight) + sorted[upper] * weight
    }
}
