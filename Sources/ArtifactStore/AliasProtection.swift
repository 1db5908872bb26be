import Foundation
import TextFormats

/// Which aliases may only point at versions that passed their quality gates, and a forced move past that rule.
///
/// A protected alias (`production`, say) names what downstream jobs train on; moving it to a version whose
/// recorded `GateResults` failed is refused unless `force` gives a reason, and a forced move is kept in the
/// version's lineage as an `AliasOverride`.
public struct AliasProtection: Sendable, Hashable {
    public var protectedAliases: Set<String>
    /// Who forces the move and why; nil refuses the move.
    public var force: AliasForce?

    /// Creates a protection.
    public init(protectedAliases: Set<String>, force: AliasForce? = nil) {
        self.protectedAliases = protectedAliases
        self.force = force
    }

    /// No alias protected: every move goes through.
    public static let none = AliasProtection(protectedAliases: [])
}

/// A request to move a protected alias to a version that failed its gates.
public struct AliasForce: Sendable, Hashable {
    /// Why the failing version may be used anyway; required, so the lineage says it.
    public var reason: String
    /// The account forcing it.
    public var by: String

    /// Creates a force request.
    public init(reason: String, by: String) {
        self.reason = reason
        self.by = by
    }
}

/// A forced move of a protected alias, as a version's lineage keeps it under `overrides`.
public struct AliasOverride: Sendable, Hashable {
    public var alias: String
    public var reason: String
    public var by: String
    public var at: Date

    /// Creates a record.
    public init(alias: String, reason: String, by: String, at: Date) {
        self.alias = alias
        self.reason = reason
        self.by = by
        self.at = at
    }

    /// `{"alias", "reason", "by", "at"}`.
    public var json: JSONValue {
        ["alias": .string(alias), "reason": .string(reason), "by": .string(by), "at": .string(ISO8601.string(at))]
    }

    /// The overrides a version's lineage records, oldest first.
    public static func all(in lineage: JSONValue) -> [AliasOverride] {
        guard case .array(let entries)? = lineage["overrides"] else { return [] }
        return entries.compactMap { entry in
            guard case .string(let alias)? = entry["alias"], case .string(let reason)? = entry["reason"],
                case .string(let by)? = entry["by"], case .string(let at)? = entry["at"],
                let time = ISO8601.parse(Array(at.utf8))
            else { return nil }
            return AliasOverride(alias: alias, reason: reason, by: by, at: time)
        }
    }

    /// `lineage` with this override appended to its `overrides`.
    func appended(to lineage: JSONValue) -> JSONValue {
        guard case .object(var members) = lineage else { return ["overrides": [json]] }
        var list: [JSONValue] = []
        if case .array(let earlier)? = members["overrides"] { list = earlier }
        members["overrides"] = .array(list + [json])
        return .object(members)
    }
}

extension ArtifactRepository {
    /// The override a move of `alias` to a version with `metadata` needs: nil when the move is free (the alias
    /// is not protected, or the version did not fail its gates), the override to record when it is forced.
    /// Throws `gatesFailed` for an unforced move and `overrideWithoutReason` for a force with a blank reason.
    func override(
        moving alias: String, to reference: String, metadata: JSONValue, protection: AliasProtection, at time: Date
    ) throws -> AliasOverride? {
        guard protection.protectedAliases.contains(alias), let gates = GateResults(metadata: metadata), !gates.passed
        else { return nil }
        guard let force = protection.force else {
            throw ArtifactStoreError.gatesFailed(reference: reference, alias: alias, checks: gates.failedChecks)
        }
        let reason = force.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw ArtifactStoreError.overrideWithoutReason(alias: alias) }
        return AliasOverride(alias: alias, reason: reason, by: force.by, at: time)
    }
}
