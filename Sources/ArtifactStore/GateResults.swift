import Foundation

/// The quality gates a version was measured against when it was made, as its metadata records them under
/// `gates`: `{"passed": bool, "checks": [{"name", "threshold", "value", "passed"}]}`.
///
/// The store reads them for one rule only: a protected alias does not move to a version whose gates failed
/// unless the move is forced with a reason (`AliasProtection`).
public struct GateResults: Sendable, Hashable {
    /// One measured figure against its threshold.
    public struct Check: Sendable, Hashable {
        public var name: String
        public var threshold: Double
        /// Nil when the figure cannot be computed (no gold answers, no pairs); such a check fails.
        public var value: Double?
        public var passed: Bool
        /// Which reported figure `value` is, where the name alone does not say (`span_agreement.char_alpha`).
        public var measure: String?

        /// Creates a check.
        public init(name: String, threshold: Double, value: Double?, passed: Bool, measure: String? = nil) {
            self.name = name
            self.threshold = threshold
            self.value = value
            self.passed = passed
            self.measure = measure
        }
    }

    public var checks: [Check]
    /// True when every check passed (so also when no gates were set).
    public var passed: Bool

    /// Creates the results of `checks`.
    public init(checks: [Check]) {
        self.checks = checks
        passed = checks.allSatisfy(\.passed)
    }

    /// The names of the checks that failed, in their order.
    public var failedChecks: [String] { checks.filter { !$0.passed }.map(\.name) }

    /// The `gates` member of a version's metadata.
    public var json: JSONValue {
        .object([
            "passed": .bool(passed),
            "checks": .array(
                checks.map { check in
                    var members: [String: JSONValue] = [
                        "name": .string(check.name), "threshold": .double(check.threshold),
                        "value": check.value.map(JSONValue.double) ?? .null, "passed": .bool(check.passed),
                    ]
                    if let measure = check.measure { members["measure"] = .string(measure) }
                    return .object(members)
                }),
        ])
    }

    /// The results recorded in a version's metadata, or nil for a version that records none (one committed
    /// from a folder, or made before gates existed). The recorded verdict is kept as written.
    public init?(metadata: JSONValue) {
        guard case .bool(let passed)? = metadata["gates"]?["passed"], case .array(let checks)? = metadata["gates"]?["checks"]
        else { return nil }
        self.passed = passed
        self.checks = checks.compactMap { check in
            guard case .string(let name)? = check["name"], case .bool(let passed)? = check["passed"] else { return nil }
            var measure: String?
            if case .string(let text)? = check["measure"] { measure = text }
            return Check(
                name: name, threshold: check["threshold"]?.number ?? 0, value: check["value"]?.number, passed: passed,
                measure: measure)
        }
    }
}

extension JSONValue {
    /// A JSON number as a `Double`, or nil.
    var number: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }
}
