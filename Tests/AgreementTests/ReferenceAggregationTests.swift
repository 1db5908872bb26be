import Foundation
import Testing

@testable import Agreement

/// Every aggregation case and run of the reference file. Runs for algorithms this library does
/// not implement (one-coin DS, Wawa, GLAD, MACE) are listed and skipped, not silently passed.
@Suite struct ReferenceAggregationTests {
    static let cases = ReferenceCase.all.filter { $0.kind == "aggregation" }
    static let implemented: Set<String> = ["dawid_skene", "majority_vote"]

    @Test(arguments: cases)
    func publishedAndOracleValues(_ reference: ReferenceCase) throws {
        let records = reference.records
        var checked = 0
        for run in reference.runs {
            let options = Self.options(run.arguments)
            let votes = ItemGroupedVotes(records, labelOrder: nil)
            let model = DawidSkene(
                votes, iterations: options.iterations, tolerance: options.tolerance, gold: votes.goldClasses([:]))
            let dawidSkene = aggregate(
                records, method: .dawidSkene(iterations: options.iterations, tolerance: options.tolerance))
            let majority = aggregate(records, method: .majority)
            for check in run.checks where Self.implemented.contains(check.path[1]) {
                let path = Array(check.path.dropFirst(2))
                let result = check.path[1] == "dawid_skene" ? dawidSkene : majority
                switch path.first {
                case "labels":
                    let label = result.labels.first { $0.item == path[1] }?.label.key
                    #expect(label == check.labelKey, "\(reference.id) \(check) got \(label ?? "nil")")
                case "iterations":
                    #expect(result.iterations == Int(check.number ?? -1), "\(reference.id) \(check)")
                case "priors":
                    let actual = try #require(result.priors?[path[1]])
                    #expect(abs(actual - check.number!) <= check.tolerance, "\(reference.id) \(check) got \(actual)")
                case "probas":
                    let item = try #require(votes.itemNames.firstIndex(of: path[1]))
                    let label = try #require(votes.labels.firstIndex(of: path[2]))
                    let actual = model.posteriors[item * votes.classCount + label]
                    #expect(abs(actual - check.number!) <= check.tolerance, "\(reference.id) \(check) got \(actual)")
                case "confusion":
                    let row = result.annotators.first { $0.annotator == path[1] }?.confusion[path[2]]
                    let actual = try #require(row?[path[3]], "\(check)")
                    #expect(abs(actual - check.number!) <= check.tolerance, "\(reference.id) \(check) got \(actual)")
                case "skills":
                    let actual = try #require(result.annotators.first { $0.annotator == path[1] }?.skill)
                    #expect(abs(actual - check.number!) <= check.tolerance, "\(reference.id) \(check) got \(actual)")
                default:
                    Issue.record("unmapped path \(check)")
                }
                checked += 1
            }
        }
        #expect(checked > 0)
    }

    /// Reads `--n-iter N --tol X` (crowd-kit's `tol=-inf` means "never stop early").
    static func options(_ arguments: [String]) -> (iterations: Int, tolerance: Double?) {
        var iterations = 100
        var tolerance: Double?
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--n-iter", index + 1 < arguments.count {
                iterations = Int(arguments[index + 1]) ?? 100
                index += 1
            } else if argument == "--tol", index + 1 < arguments.count {
                tolerance = Double(arguments[index + 1])
                index += 1
            } else if argument.hasPrefix("--tol=") {
                tolerance = Double(argument.dropFirst(6))
            }
            index += 1
        }
        if tolerance == -.infinity { tolerance = nil }
        return (iterations, tolerance)
    }
}
