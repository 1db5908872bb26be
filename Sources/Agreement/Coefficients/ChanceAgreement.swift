/// Percent agreement, Fleiss' kappa (classic and Gwet's generalisation) and Gwet's AC1/AC2.
///
/// Agreement is averaged over units with ≥ 2 ratings; category shares π_k are averaged over
/// every unit (Gwet 2014), so single-rated units still inform chance agreement.
struct ChanceAgreement: Sendable {
    var percentMeanOverItems: Coefficient
    var percentPooled: Coefficient
    var percentUnanimous: Coefficient
    var weightedAgreement: Double?
    var fleissClassic: Coefficient
    var fleissGeneralized: Coefficient
    var fleissChance: Double?
    var gwet: Coefficient
    var gwetChance: Double?

    /// Computes every coefficient for a weight matrix (identity for the unweighted ones).
    init(_ table: RatingTable, weights: [Double]? = nil) {
        let size = table.categoryCount
        var agreementSum = 0.0
        var agreeingPairs = 0.0
        var allPairs = 0.0
        var unanimous = 0
        var multiRated = 0
        var rated = 0
        var shares = [Double](repeating: 0, count: size)
        var equalSizes = true
        var firstSize = -1
        for unit in 0..<table.unitCount {
            let m = table.size(unit)
            guard m >= 1 else { continue }
            rated += 1
            let first = Int(table.runStart[unit])
            let last = Int(table.runStart[unit + 1])
            for run in first..<last {
                shares[Int(table.runCategory[run])] += Double(table.runCount[run]) / Double(m)
            }
            if firstSize < 0 { firstSize = m } else if m != firstSize { equalSizes = false }
            guard m >= 2 else { continue }
            multiRated += 1
            var agreeing = 0.0
            for r in first..<last {
                let countR = Double(table.runCount[r])
                if let weights {
                    // Σ_k n_k (Σ_l w_kl n_l − 1): weighted agreeing pairs, Gwet's r*_ik.
                    var weighted = 0.0
                    let row = Int(table.runCategory[r]) * size
                    for s in first..<last {
                        weighted += weights[row + Int(table.runCategory[s])] * Double(table.runCount[s])
                    }
                    agreeing += countR * (weighted - 1)
                } else {
                    agreeing += countR * (countR - 1)
                }
            }
            let pairs = Double(m) * Double(m - 1)
            agreementSum += agreeing / pairs
            agreeingPairs += agreeing
            allPairs += pairs
            if last - first == 1 { unanimous += 1 }
        }
        let noPairs = "no item has two or more annotations"
        guard multiRated > 0 else {
            self = ChanceAgreement.undefined(noPairs)
            return
        }
        let pa = agreementSum / Double(multiRated)
        percentMeanOverItems = .finite(pa, otherwise: noPairs)
        percentPooled = .finite(agreeingPairs / allPairs, otherwise: noPairs)
        percentUnanimous = .value(Double(unanimous) / Double(multiRated))
        weightedAgreement = pa
        for k in 0..<size { shares[k] /= Double(rated) }
        var fleissPe = 0.0
        var weightSum = 0.0
        if let weights {
            for c in 0..<size {
                for k in 0..<size {
                    fleissPe += weights[c * size + k] * shares[c] * shares[k]
                    weightSum += weights[c * size + k]
                }
            }
        } else {
            // Identity weights: linear in the number of labels, which may be large for free text.
            for share in shares { fleissPe += share * share }
            weightSum = Double(size)
        }
        fleissChance = fleissPe
        fleissGeneralized =
            fleissPe >= 1
            ? .undefined("every annotation has the same label, so chance agreement is 1")
            : .finite((pa - fleissPe) / (1 - fleissPe), otherwise: "Fleiss' kappa is not finite")
        if equalSizes {
            fleissClassic = fleissGeneralized
        } else {
            fleissClassic = .undefined("Fleiss' kappa needs the same number of annotations on every item")
        }
        if size >= 2 {
            var spread = 0.0
            for k in 0..<size { spread += shares[k] * (1 - shares[k]) }
            let pe = weightSum * spread / Double(size * (size - 1))
            gwetChance = pe
            gwet =
                pe >= 1
                ? .undefined("chance agreement is 1") : .finite((pa - pe) / (1 - pe), otherwise: "AC1 is not finite")
        } else {
            gwetChance = nil
            gwet = .undefined("Gwet's AC1 needs at least two labels")
        }
    }

    private init(
        percentMeanOverItems: Coefficient, percentPooled: Coefficient, percentUnanimous: Coefficient,
        weightedAgreement: Double?, fleissClassic: Coefficient, fleissGeneralized: Coefficient,
        fleissChance: Double?, gwet: Coefficient, gwetChance: Double?
    ) {
        self.percentMeanOverItems = percentMeanOverItems
        self.percentPooled = percentPooled
        self.percentUnanimous = percentUnanimous
        self.weightedAgreement = weightedAgreement
        self.fleissClassic = fleissClassic
        self.fleissGeneralized = fleissGeneralized
        self.fleissChance = fleissChance
        self.gwet = gwet
        self.gwetChance = gwetChance
    }

    private static func undefined(_ reason: String) -> ChanceAgreement {
        ChanceAgreement(
            percentMeanOverItems: .undefined(reason), percentPooled: .undefined(reason),
            percentUnanimous: .undefined(reason), weightedAgreement: nil, fleissClassic: .undefined(reason),
            fleissGeneralized: .undefined(reason), fleissChance: nil, gwet: .undefined(reason), gwetChance: nil)
    }

    /// Agreement weights by category position: 1 on the diagonal, falling linearly or quadratically.
    static func weights(size: Int, quadratic: Bool) -> [Double] {
        var weights = [Double](repeating: 0, count: size * size)
        let span = Double(max(size - 1, 1))
        for c in 0..<size {
            for k in 0..<size {
                let distance = Double(abs(c - k)) / span
                weights[c * size + k] = 1 - (quadratic ? distance * distance : distance)
            }
        }
        return weights
    }
}
