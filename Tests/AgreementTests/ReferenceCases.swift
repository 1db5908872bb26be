import Foundation

@testable import Agreement

/// The published cases of `../shared/reference/agreement-cases.json`, loaded at test time.
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

    /// Walks up from this file to the folder holding Package.swift, then `../shared/reference/`.
    static var casesURL: URL {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { break }
            folder.deleteLastPathComponent()
        }
        return folder.deletingLastPathComponent().appendingPathComponent("shared/reference/agreement-cases.json")
    }
}

/// One expected value with its path and tolerance.
struct Check: @unchecked Sendable, CustomStringConvertible {
    let path: [String]
    let value: Any
    let tolerance: Double

    init(_ entry: [String: Any], oracle: Bool) {
        // Oracle values carry no precision: they are checked to 1e-9 like unlabeled published ones.
        path = (entry["path"] as? [Any] ?? []).map { "\($0)" }
        value = entry["value"] ?? NSNull()
        if let decimals = entry["decimals"] as? Int {
            tolerance = 0.5 * pow(10, -Double(decimals)) + 1e-12
        } else if let atol = entry["atol"] as? Double {
            tolerance = atol
        } else {
            tolerance = 1e-9
        }
    }

    var number: Double? { (value as? NSNumber)?.doubleValue }

    /// The expected label as a report key (1 → "1").
    var labelKey: String {
        if let text = value as? String { return text }
        if let number { return LabelValue.format(number) }
        return "\(value)"
    }

    var description: String { path.joined(separator: ".") + " = \(value)" }
}
