import Foundation

/// Agreement between two annotators on the items both labeled: Cohen's kappa (plain, linear and
/// quadratic weights by position in the label list, as scikit-learn does), Scott's pi and raw agreement.
struct PairwiseAgreement: Sendable {
    /// Above this many labels pairwise tables are skipped (and a note says so).
    static let maximumLabels = 256

    var first: Int
    var second: Int
    var shared: Int
    var kappa: Coefficient
    var kappaLinear: Coefficient
    var kappaQuadratic: Coefficient
    var scottPi: Coefficient
    var agreement: Double

    /// Cross-tabulates every pair of different annotators inside each unit.
    static func all(_ table: RatingTable, raterCount: Int, minimumShared: Int = 2) -> [PairwiseAgreement] {
        let size = table.categoryCount
        // A K×K table per pair is the point of Cohen's kappa, but not for thousands of free-text labels.
        guard size <= maximumLabels else { return [] }
        let cells = size * size
        // Pair slots are dense for the usual tens of annotators and a dictionary beyond that.
        let denseSlots = raterCount * raterCount <= 1 << 22
        var slotOfPair = denseSlots ? [Int32](repeating: -1, count: raterCount * raterCount) : []
        var sparseSlots: [Int: Int] = [:]
        var pairs: [(Int, Int)] = []
        var counts: [Int32] = []
        for unit in 0..<table.unitCount {
            let start = Int(table.unitStart[unit])
            let end = Int(table.unitStart[unit + 1])
            guard end - start >= 2 else { continue }
            for i in start..<end {
                for j in (i + 1)..<end {
                    var a = Int(table.raters[i])
                    var b = Int(table.raters[j])
                    guard a != b else { continue }
                    var categoryA = Int(table.categories[i])
                    var categoryB = Int(table.categories[j])
                    if a > b {
                        swap(&a, &b)
                        swap(&categoryA, &categoryB)
                    }
                    let key = a * raterCount + b
                    var slot: Int
                    if denseSlots {
                        slot = Int(slotOfPair[key])
                        if slot < 0 {
                            slot = pairs.count
                            slotOfPair[key] = Int32(slot)
                            pairs.append((a, b))
                            counts.append(contentsOf: repeatElement(0, count: cells))
                        }
                    } else if let existing = sparseSlots[key] {
                        slot = existing
                    } else {
                        slot = pairs.count
                        sparseSlots[key] = slot
                        pairs.append((a, b))
                        counts.append(contentsOf: repeatElement(0, count: cells))
                    }
                    counts[slot * cells + categoryA * size + categoryB] += 1
                }
            }
        }
        var results: [PairwiseAgreement] = []
        for (slot, pair) in pairs.enumerated() {
            let table = Array(counts[(slot * cells)..<((slot + 1) * cells)]).map(Double.init)
            let total = table.reduce(0, +)
            guard Int(total) >= minimumShared else { continue }
            results.append(PairwiseAgreement(first: pair.0, second: pair.1, table: table, size: size))
        }
        return results.sorted { ($0.first, $0.second) < ($1.first, $1.second) }
    }

    /// Computes the coefficients of one K×K contingency table (rows: first annotator).
    init(first: Int, second: Int, table: [Double], size: Int) {
        self.first = first
        self.second = second
        let total = table.reduce(0, +)
        shared = Int(total)
        var rows = [Double](repeating: 0, count: size)
        var columns = [Double](repeating: 0, count: size)
        var diagonal = 0.0
        for c in 0..<size {
            for k in 0..<size {
                rows[c] += table[c * size + k]
                columns[k] += table[c * size + k]
            }
            diagonal += table[c * size + c]
        }
        let observed = diagonal / total
        agreement = observed
        var chance = 0.0
        var pooled = 0.0
        for c in 0..<size {
            chance += rows[c] * columns[c] / (total * total)
            let share = (rows[c] + columns[c]) / (2 * total)
            pooled += share * share
        }
        let constant = "both annotators gave one and the same label throughout, so chance agreement is 1"
        kappa = chance >= 1 ? .undefined(constant) : .finite((observed - chance) / (1 - chance), otherwise: constant)
        scottPi = pooled >= 1 ? .undefined(constant) : .finite((observed - pooled) / (1 - pooled), otherwise: constant)
        func weighted(_ power: Double) -> Coefficient {
            var observedDisagreement = 0.0
            var expectedDisagreement = 0.0
            for c in 0..<size {
                for k in 0..<size where c != k {
                    let weight = pow(Double(abs(c - k)), power)
                    observedDisagreement += weight * table[c * size + k]
                    expectedDisagreement += weight * rows[c] * columns[k] / total
                }
            }
            guard expectedDisagreement > 0 else { return .undefined(constant) }
            return .finite(1 - observedDisagreement / expectedDisagreement, otherwise: constant)
        }
        kappaLinear = weighted(1)
        kappaQuadratic = weighted(2)
    }
}
