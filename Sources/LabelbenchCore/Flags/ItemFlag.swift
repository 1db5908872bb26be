import Foundation

/// An annotator's word that an item is not theirs to settle alone: the instructions do not cover it,
/// it fits more than one label, or it is broken. It stays open until a practitioner resolves it.
public struct ItemFlag: Sendable, Equatable {
    /// Why the annotator flagged the item.
    public enum Reason: String, CaseIterable, Sendable {
        case notCovered = "not_covered"
        case ambiguous
        case broken

        /// The reason `text` names, or a refusal that names it and lists the known ones.
        public init(parsing text: String) throws { self = try ItemFlag.choice(text, field: "reason", of: "a flag reason") }
    }

    /// How a practitioner settled the flag.
    public enum Resolution: String, CaseIterable, Sendable {
        /// A new edge-case guideline covers the item now.
        case guideline
        /// The practitioner ruled on the item (its ruling stands in exports).
        case ruled
        /// Nothing to change.
        case dismissed

        /// The resolution `text` names, or a refusal that names it and lists the known ones.
        public init(parsing text: String) throws {
            self = try ItemFlag.choice(text, field: "resolution", of: "a flag resolution")
        }
    }

    public var id: Int64
    /// The item's external id.
    public var item: String
    public var reason: Reason
    public var note: String?
    public var flaggedBy: String
    public var createdAt: Date
    /// Nil while the flag is open.
    public var resolution: Resolution?
    public var resolvedBy: String?
    public var resolvedAt: Date?
    /// The guideline version a `guideline` resolution made.
    public var guidelineVersion: Int?

    public var isOpen: Bool { resolution == nil }

    /// The case `text` names; a refusal for `field` otherwise ("choose one of …" when it is empty).
    static func choice<Choice: RawRepresentable<String> & CaseIterable>(
        _ text: String, field: String, of kind: String
    ) throws -> Choice {
        if let choice = Choice(rawValue: text) { return choice }
        let known = Choice.allCases.map(\.rawValue).joined(separator: ", ")
        throw DomainError.invalid(
            text.isEmpty
                ? "\(field): choose one of \(known)" : "\(field): \"\(text.prefix(100))\" is not \(kind); use one of \(known)")
    }
}

/// What flagging an item did: a new flag, or the flagger's open flag on the item amended.
public struct FlagOutcome: Sendable, Equatable {
    public var flag: ItemFlag
    public var created: Bool
}

/// Which flags a list holds.
public enum FlagState: String, CaseIterable, Sendable {
    case open, resolved, all

    /// The state `text` names, or a refusal that names it and lists the known ones.
    public init(parsing text: String) throws { self = try ItemFlag.choice(text, field: "state", of: "a flag state") }
}
