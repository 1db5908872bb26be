import Foundation
import Testing

@testable import Agreement

/// Every agreement case of the published reference file, figure by figure.
@Suite struct ReferenceAgreementTests {
    static let cases = ReferenceCase.all.filter { $0.kind == "agreement" }

    @Test func theReferenceFileIsFound() {
        #expect(ReferenceCase.all.count >= 8, "agreement-cases.json not found at \(ReferenceCase.casesURL.path)")
    }

    @Test(arguments: cases)
    func publishedAndOracleValues(_ reference: ReferenceCase) throws {
        var options = AgreementOptions()
        if let contingency = reference.raw["contingency"] as? [String: Any] {
            // Named categories in a given order: score them as a rating scale so every level applies.
            options.labels = contingency["categories"] as? [String]
            options.answer = .rating
        }
        let computation = AgreementComputation(reference.records, options: options)
        let report = AgreementReport(reference.records, options: options)
        let checks = reference.checks
        #expect(!checks.isEmpty)
        for check in checks {
            let actual = try #require(
                Self.value(of: check.path, computation: computation, report: report), "no value for \(check)")
            let expected = try #require(check.number)
            #expect(abs(actual - expected) <= check.tolerance, "\(reference.id) \(check): got \(actual)")
        }
    }

    /// Maps a reference path to the figure this library computes.
    static func value(of path: [String], computation: AgreementComputation, report: AgreementReport) -> Double? {
        let chance = computation.chance
        switch (path.first ?? "", path.count > 1 ? path[1] : "") {
        case ("krippendorff_alpha", let level):
            return MeasurementLevel(rawValue: level).flatMap { computation.alpha[$0]?.number }
        case ("fleiss_kappa", "value"): return chance.fleissClassic.number
        case ("fleiss_kappa_generalized", "value"): return chance.fleissGeneralized.number
        case ("fleiss_kappa_generalized", "pe"): return chance.fleissChance
        case ("gwet_ac1", "value"): return chance.gwet.number
        case ("gwet_ac1", "pa"): return chance.weightedAgreement
        case ("gwet_ac1", "pe"): return chance.gwetChance
        case ("gwet_ac2", "linear"): return computation.chanceLinear?.gwet.number
        case ("gwet_ac2", "quadratic"): return computation.chanceQuadratic?.gwet.number
        case ("percent_agreement", "pairwise_mean_over_items"): return report.percentAgreement
        case ("percent_agreement", "pairwise_pooled"): return chance.percentPooled.number
        case ("percent_agreement", "unanimous_items"): return chance.percentUnanimous.number
        case ("per_item", "items"):
            guard path.count >= 4, let index = Int(path[2]), index < report.perItem.count else { return nil }
            return report.perItem[index].agreement
        case ("pairwise", let names):
            let parts = names.split(separator: "|").map(String.init)
            guard parts.count == 2, path.count >= 3,
                let pair = report.cohenKappa.first(where: { $0.a == parts[0] && $0.b == parts[1] })
            else { return nil }
            switch path[2] {
            case "cohen_kappa": return pair.kappa
            case "cohen_kappa_linear": return pair.kappaLinear
            case "cohen_kappa_quadratic": return pair.kappaQuadratic
            case "scott_pi": return pair.scottPi
            case "percent_agreement": return pair.agreement
            default: return nil
            }
        default: return nil
        }
    }
}
