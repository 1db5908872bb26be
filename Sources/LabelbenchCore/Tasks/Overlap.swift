import Foundation

/// How many annotators label each item: the task setting `overlap`.
///
/// A plain number (`"overlap": 3`) is fixed overlap. An object (`{"min": 2, "max": 5, "confidence": 0.9}`)
/// is adaptive: an item first goes to `min` annotators, then to one more at a time while its consensus
/// confidence is below `confidence`, up to `max`. Each form is written back as it was read.
public enum Overlap: Sendable, Hashable, ExpressibleByIntegerLiteral {
    case fixed(Int)
    case adaptive(AdaptiveOverlap)

    public init(integerLiteral value: Int) { self = .fixed(value) }

    /// The judgments every item gets before anything else is asked: the fixed number, or `min`.
    public var first: Int {
        switch self {
        case .fixed(let count): count
        case .adaptive(let adaptive): adaptive.min
        }
    }

    /// The most judgments an item can need.
    public var most: Int {
        switch self {
        case .fixed(let count): count
        case .adaptive(let adaptive): adaptive.max
        }
    }

    /// Every problem with the setting, keyed by field (`overlap`, `overlap.min`, …).
    func problems() -> [(field: String, message: String)] {
        switch self {
        case .fixed(let count):
            return (1...50).contains(count) ? [] : [("overlap", "must be between 1 and 50")]
        case .adaptive(let adaptive):
            var found: [(String, String)] = []
            if !(1...50).contains(adaptive.min) { found.append(("overlap.min", "must be between 1 and 50")) }
            if !(1...50).contains(adaptive.max) {
                found.append(("overlap.max", "must be between 1 and 50"))
            } else if adaptive.max < adaptive.min {
                found.append(("overlap.max", "must be at least min (\(adaptive.min))"))
            }
            if !adaptive.confidence.isFinite || !(adaptive.confidence > 0 && adaptive.confidence <= 1) {
                found.append(("overlap.confidence", "must be more than 0 and at most 1"))
            }
            return found
        }
    }
}

/// Adaptive overlap: judgments are added one at a time where annotators disagree.
public struct AdaptiveOverlap: Codable, Sendable, Hashable {
    /// Annotators every item goes to.
    public var min: Int
    /// Annotators an item goes to at most.
    public var max: Int
    /// The consensus confidence (0 to 1) at which an item needs no more judgments.
    public var confidence: Double

    public init(min: Int, max: Int, confidence: Double) {
        self.min = min
        self.max = max
        self.confidence = confidence
    }

    /// The judgments an item needs, as far as they are known now: `min` until it has them, then one
    /// more than it has while its consensus `confidence` (nil when it has none) is below the setting
    /// and it has fewer than `max`; otherwise exactly the ones it has, so it is settled.
    public func judgmentsNeeded(having judgments: Int, confidence: Double?) -> Int {
        if judgments < min { return min }
        if judgments < max, (confidence ?? 0) < self.confidence { return judgments + 1 }
        return judgments
    }

    enum CodingKeys: String, CodingKey { case min, max, confidence }

    public init(from decoder: any Decoder) throws {
        try RefuseUnknownKeys.check(decoder, allowed: ["min", "max", "confidence"], context: "overlap")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func whole(_ key: CodingKeys) throws -> Int {
            guard let number = try c.decodeIfPresent(Double.self, forKey: key) else {
                throw DomainError.invalid("overlap.\(key.stringValue): missing (give min, max and confidence)")
            }
            guard number == number.rounded(), number.magnitude <= StrictJSON.maxWholeNumber else {
                throw DomainError.invalid("overlap.\(key.stringValue): expected a whole number")
            }
            return Int(number)
        }
        min = try whole(.min)
        max = try whole(.max)
        guard let confidence = try c.decodeIfPresent(Double.self, forKey: .confidence) else {
            throw DomainError.invalid("overlap.confidence: missing (give min, max and confidence)")
        }
        self.confidence = confidence
    }
}

extension Overlap: Codable {
    public init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if let number = try? single.decode(Double.self) {
            guard number == number.rounded(), number.magnitude <= StrictJSON.maxWholeNumber else {
                throw DomainError.invalid("overlap: expected a whole number")
            }
            self = .fixed(Int(number))
        } else if (try? decoder.container(keyedBy: AdaptiveOverlap.CodingKeys.self)) != nil {
            self = .adaptive(try AdaptiveOverlap(from: decoder))
        } else {
            throw DomainError.invalid(
                "overlap: expected a whole number (fixed overlap) or {\"min\", \"max\", \"confidence\"} (adaptive overlap)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .fixed(let count):
            var single = encoder.singleValueContainer()
            try single.encode(count)
        case .adaptive(let adaptive): try adaptive.encode(to: encoder)
        }
    }
}
