import ArtifactStore
import Foundation
import LabelbenchCore

extension Decoder {
    /// The keyed container of a JSON body whose fields are exactly `Key`'s cases: any other field is
    /// refused as `context: unknown field "x"`, so a misspelt optional field is never silently dropped.
    func fields<Key: CodingKey & CaseIterable>(_ keys: Key.Type, context: String) throws -> KeyedDecodingContainer<Key> {
        try RefuseUnknownKeys.check(self, allowed: Set(Key.allCases.map(\.stringValue)), context: context)
        return try container(keyedBy: keys)
    }
}

/// `POST …/annotations`: `{"item", "label", "lease"?, "request_id"?, "seconds"?}`.
struct AnnotationBody: Decodable {
    let item: String
    let label: LabelInput?
    let lease: String?
    let requestID: String?
    let seconds: Double?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case item, label, lease, seconds
        case requestID = "request_id"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.fields(CodingKeys.self, context: "annotation")
        item = try c.decode(String.self, forKey: .item)
        label = try c.decodeIfPresent(LabelInput.self, forKey: .label)
        lease = try c.decodeIfPresent(String.self, forKey: .lease)
        requestID = try c.decodeIfPresent(String.self, forKey: .requestID)
        seconds = try c.decodeIfPresent(Double.self, forKey: .seconds)
    }

    /// The submission, with every field checked against the task.
    func submission(for task: LabelingTask) throws -> AnnotationSubmission {
        guard !item.isEmpty else { throw DomainError.invalid("item: give the item id as a string") }
        let answer = try Answer.parse(label, for: task)
        if let requestID, requestID.isEmpty || requestID.utf8.count > 200 {
            throw DomainError.invalid("request_id: use 1 to 200 characters")
        }
        try StoredText.check(requestID, field: "request_id")
        if let seconds, !(seconds.isFinite && (0...86_400).contains(seconds)) {
            throw DomainError.invalid("seconds: give the time spent as a number from 0 to 86400")
        }
        return AnnotationSubmission(itemID: item, answer: answer, leaseToken: lease, requestID: requestID, seconds: seconds)
    }
}

/// `POST …/skip`: `{"item": "…"}`.
struct SkipBody: Decodable {
    let item: String

    enum CodingKeys: String, CodingKey, CaseIterable { case item }

    init(from decoder: any Decoder) throws {
        item = try decoder.fields(CodingKeys.self, context: "skip").decode(String.self, forKey: .item)
    }
}

/// `PUT …/adjudications`: `{"item", "label", "note"?}`.
struct RulingBody: Decodable {
    let item: String
    let label: LabelInput?
    let note: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case item, label, note }

    init(from decoder: any Decoder) throws {
        let c = try decoder.fields(CodingKeys.self, context: "ruling")
        item = try c.decode(String.self, forKey: .item)
        label = try c.decodeIfPresent(LabelInput.self, forKey: .label)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        if item.isEmpty { throw DomainError.invalid("item: give the id of the item to rule on") }
    }
}

/// `POST …/relabel`: `{"items": ["…", …]}`.
struct RelabelBody: Decodable {
    let items: [String]

    enum CodingKeys: String, CodingKey, CaseIterable { case items }

    init(from decoder: any Decoder) throws {
        items = try decoder.fields(CodingKeys.self, context: "relabel").decode([String].self, forKey: .items)
        guard !items.isEmpty, items.allSatisfy({ !$0.isEmpty }) else {
            throw DomainError.invalid("items: give the ids of the items to relabel, as {\"items\": [\"…\"]}")
        }
    }
}

/// `POST …/exports` and `…/exports/archive`: every field optional. The slice (`where`, `label`, `min_confidence`,
/// `guideline_version`, `state`) and the split (`split` as `NAME=SHARE,…`, which keeps the parts' order,
/// and `split_by`) are the CLI's options of the same names.
struct ExportBody: Decodable {
    let options: ExportOptions

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, aliases, method, format, pseudonymize, force, reason
        case includeUnlabeled = "include_unlabeled"
        case `where`, label, state, split
        case minConfidence = "min_confidence"
        case guidelineVersion = "guideline_version"
        case splitBy = "split_by"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.fields(CodingKeys.self, context: "export")
        var options = ExportOptions()
        if let name = try c.decodeIfPresent(String.self, forKey: .name) { options.name = try Self.checked(name: name) }
        if let aliases = try c.decodeIfPresent([String].self, forKey: .aliases) {
            options.aliases = try Self.checked(aliases: aliases)
        }
        if let method = try c.decodeIfPresent(String.self, forKey: .method) { options.method = try Self.checked(method: method) }
        if let format = try c.decodeIfPresent(String.self, forKey: .format) { options.format = try Self.checked(format: format) }
        options.includeUnlabeled = try c.decodeIfPresent(Bool.self, forKey: .includeUnlabeled) ?? false
        options.pseudonymize = try c.decodeIfPresent(Bool.self, forKey: .pseudonymize) ?? false
        options.force = try c.decodeIfPresent(Bool.self, forKey: .force) ?? false
        options.reason = try Self.checked(reason: try c.decodeIfPresent(String.self, forKey: .reason), force: options.force)
        options.slice = try Self.slice(c)
        let splitBy = try c.decodeIfPresent(String.self, forKey: .splitBy)
        if let split = try c.decodeIfPresent(String.self, forKey: .split) {
            let grouping = try splitBy.map { try DatasetSplit.Grouping(parsing: $0, field: "split_by") } ?? .id
            options.split = try DatasetSplit(parsing: split, grouping: grouping, field: "split")
        } else if splitBy != nil {
            throw DomainError.invalid("split_by: goes with split (for example \"split\": \"train=0.8,val=0.2\")")
        }
        self.options = options
    }

    private static func slice(_ c: KeyedDecodingContainer<CodingKeys>) throws -> ExportSlice {
        var slice = ExportSlice()
        slice.meta = try (c.decodeIfPresent([String].self, forKey: .where) ?? []).map {
            try MetaCondition(parsing: $0, field: "where")
        }
        slice.label = try c.decodeIfPresent(String.self, forKey: .label)
        slice.minConfidence = try c.decodeIfPresent(Double.self, forKey: .minConfidence)
        slice.guidelineVersion = try c.decodeIfPresent(Int.self, forKey: .guidelineVersion)
        slice.state = try c.decodeIfPresent(String.self, forKey: .state).map(ItemState.init(parsing:))
        return slice
    }

    // The rules of each field, shared with the browser's export form (`ExportForm`).

    static func checked(name: String) throws -> String {
        guard ArtifactName.isValidName(name) else {
            throw DomainError.invalid("name: use 1 to 128 letters, digits, '_', '.' or '-'")
        }
        return name
    }

    static func checked(aliases: [String]) throws -> [String] {
        guard aliases.allSatisfy(ArtifactName.isValidAlias) else {
            throw DomainError.invalid("aliases: a list of names of letters, digits, '_', '.' or '-' (not vN)")
        }
        return aliases
    }

    static func checked(method: String) throws -> ExportOptions.Method {
        guard let parsed = ExportOptions.Method(rawValue: method) else {
            throw DomainError.invalid("method: use majority or dawid-skene")
        }
        return parsed
    }

    /// Why a protected alias is forced onto a version that failed its quality gates: only with `force`, at most
    /// 1,000 characters and not blank, since the version's lineage keeps it as the account of the decision.
    static func checked(reason: String?, force: Bool) throws -> String? {
        guard let reason else { return nil }
        guard force else {
            throw DomainError.invalid(
                "reason: a reason goes with force: true (it says why a protected alias may point at a version that failed its gates)"
            )
        }
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 1000 else {
            throw DomainError.invalid("reason: say in 1 to 1,000 characters why the gates may be overridden")
        }
        try StoredText.check(trimmed, field: "reason")
        return trimmed
    }

    /// The file beside `labels.jsonl`: `csv` adds `labels.csv`, `spacy` `spans.jsonl`, `conll` `labels.conll`
    /// (the last two for span tasks), `coco` `annotations.coco.json` and `yolo` `classes.txt` with `labels/`
    /// (box tasks); the export itself checks the format against the task.
    static func checked(format: String) throws -> ExportOptions.Format {
        guard let parsed = ExportOptions.Format(rawValue: format) else {
            throw DomainError.invalid("format: use jsonl, csv, spacy, conll, coco or yolo")
        }
        return parsed
    }
}

/// `PUT /api/v1/artifacts/NAME/aliases/ALIAS`: `{"version": "v3", "force"?: true, "reason"?: "…"}`.
struct AliasBody: Decodable {
    let version: String
    /// Set with `force`: why a protected alias may point at a version that failed its quality gates.
    let reason: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case version, force, reason }

    init(from decoder: any Decoder) throws {
        let c = try decoder.fields(CodingKeys.self, context: "alias")
        version = try c.decode(String.self, forKey: .version)
        let force = try c.decodeIfPresent(Bool.self, forKey: .force) ?? false
        reason = try ExportBody.checked(reason: try c.decodeIfPresent(String.self, forKey: .reason), force: force)
        if force && reason == nil {
            throw DomainError.invalid("reason: a forced move needs a reason, which the version's lineage keeps")
        }
    }

    /// The force the body asks for, made by `user`; nil when it asks for none.
    func force(by user: User) -> AliasForce? {
        reason.map { AliasForce(reason: $0, by: user.name) }
    }
}
