import Foundation

@testable import Agreement

/// The published cases of `ReferenceData/agreement-cases.json` (sources in the README beside it), loaded at test time.
struct ReferenceCase: @unchecked Sendable, CustomStringConvertible {
    let id: String
    let kind: String
    let raw: [String: Any]

    var description: String { id }

    var records: [AnnotationRecord] {
        let annotations = raw["annotations"] as? [[String: Any]] ?? []
        return annotations.map { entry in
            let label: LabelValue
            if let text = entry["label"] as? String {
                label = .string(text)
            } else if let list = entry["label"] as? [String] {
                label = .strings(list)
            } else {
                label = .number((entry["label"] as? NSNumber)?.doubleValue ?? .nan)
            }
            return AnnotationRecord(
                item: entry["item"] as? String ?? "", annotator: entry["annotator"] as? String ?? "", label: label)
        }
    }

    /// Expected figures: published ones to their printed precision, oracle ones to 1e-9.
    var checks: [Check] {
        var checks: [Check] = []
        for entry in raw["expected"] as? [[String: Any]] ?? [] { checks.append(Check(entry, oracle: false)) }
        for entry in raw["oracle_values"] as? [[String: Any]] ?? [] { checks.append(Check(entry, oracle: true)) }
        return checks
    }

    var runs: [(arguments: [String], checks: [Check])] {
        (raw["runs"] as? [[String: Any]] ?? []).map { run in
            (
                run["args"] as? [String] ?? [],
                (run["expected"] as? [[String: Any]] ?? []).map { Check($0, oracle: false) }
            )
        }
    }

    static let all: [ReferenceCase] = {
        guard let data = try? Data(contentsOf: casesURL),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let cases = object["cases"] as? [[String: Any]]
        else { return [] }
        return cases.map { ReferenceCase(id: $0["id"] as? String ?? "?", kind: $0["kind"] as? String ?? "", raw: $0) }
    }()

    static func named(_ id: String) -> ReferenceCase? { all.first { $0.id == id } }

    /// The copy shipped in this test target's bundle.
    static var casesURL: URL {
        Bundle.module.url(forResource: "agreement-cases", withExtension: "json", subdirectory: "ReferenceData")
            ?? Bundle.module.bundleURL.appendingPathComponent("ReferenceData/agreement-cases.json")
    }
}
