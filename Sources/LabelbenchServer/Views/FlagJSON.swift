import Foundation
import LabelbenchCore

/// One flag in the API: `{"id", "item", "reason", "note", "flagged_by", "created_at", "resolution",
/// "resolved_by", "resolved_at", "guideline_version"}`, the last four `null` while it is open.
struct FlagJSON: Encodable {
    let flag: ItemFlag

    enum CodingKeys: String, CodingKey {
        case id, item, reason, note, resolution
        case flaggedBy = "flagged_by"
        case createdAt = "created_at"
        case resolvedBy = "resolved_by"
        case resolvedAt = "resolved_at"
        case guidelineVersion = "guideline_version"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(flag.id, forKey: .id)
        try c.encode(flag.item, forKey: .item)
        try c.encode(flag.reason.rawValue, forKey: .reason)
        try c.encode(flag.note, forKey: .note)
        try c.encode(flag.flaggedBy, forKey: .flaggedBy)
        try c.encode(flag.createdAt, forKey: .createdAt)
        try c.encode(flag.resolution?.rawValue, forKey: .resolution)
        try c.encode(flag.resolvedBy, forKey: .resolvedBy)
        try c.encode(flag.resolvedAt, forKey: .resolvedAt)
        try c.encode(flag.guidelineVersion, forKey: .guidelineVersion)
    }
}

/// `POST …/items/ID/flags`: `{"reason", "note"?}`.
struct FlagBody: Decodable {
    let reason: ItemFlag.Reason
    let note: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case reason, note }

    init(from decoder: any Decoder) throws {
        let c = try decoder.fields(CodingKeys.self, context: "flag")
        reason = try ItemFlag.Reason(parsing: try c.decode(String.self, forKey: .reason))
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }
}

/// `POST …/flags/ID/resolve`: `{"resolution"}`.
struct FlagResolutionBody: Decodable {
    let resolution: ItemFlag.Resolution

    enum CodingKeys: String, CodingKey, CaseIterable { case resolution }

    init(from decoder: any Decoder) throws {
        resolution = try ItemFlag.Resolution(
            parsing: try decoder.fields(CodingKeys.self, context: "flag resolution").decode(String.self, forKey: .resolution))
    }
}
