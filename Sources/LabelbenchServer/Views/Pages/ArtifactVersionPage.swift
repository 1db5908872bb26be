import ArtifactStore
import Foundation

/// `/artifacts/NAME/vN`: one dataset version for people — its files with download links, its
/// metadata and lineage as labelled values, its aliases, and what changed since the version before.
struct ArtifactVersionPage {
    struct File {
        let path: String
        let url: String
        let size: String
        let sha256: String
    }

    /// A labelled value; nested objects become their own rows with dotted labels.
    struct Entry {
        let key: String
        let value: String
    }

    struct Change {
        let item: String
        let change: String
    }

    /// One quality gate check: the figure, its threshold and whether it held.
    struct GateCheck {
        let name: String
        let measure: String
        let threshold: String
        let value: String
        let result: String
        let passed: Bool
    }

    /// A forced move of a protected alias onto this version.
    struct Override {
        let alias: String
        let reason: String
        let by: String
        let at: String
    }

    let chrome: Chrome
    let reference: String
    let collection: String
    let type: String
    let createdAt: String
    let createdBy: String
    let description: String
    let hasDescription: Bool
    let digest: String
    let aliases: [String]
    let hasAliases: Bool
    let files: [File]
    let metadata: [Entry]
    let hasMetadata: Bool
    let lineage: [Entry]
    let hasLineage: Bool
    let hasGates: Bool
    let gatesPassed: Bool
    let gatesVerdict: String
    let gateChecks: [GateCheck]
    let hasGateChecks: Bool
    let overrides: [Override]
    let hasOverrides: Bool
    let hasPrevious: Bool
    let previousURL: String
    let previousReference: String
    let hasDiff: Bool
    let diffSummary: String
    let changes: [Change]
    let hasChanges: Bool
    let changesShown: String
    let notice: String?

    /// Changes listed on the page; the CLI's `artifacts diff` gives them all.
    static let changeLimit = 100

    static func path(_ collection: String, _ number: Int) -> String {
        "/artifacts/\(URLText.component(collection))/v\(number)"
    }

    init(chrome: Chrome, version: ArtifactVersion, diff: DatasetDiff.Result?, notice: String?) {
        self.chrome = chrome
        reference = version.reference
        collection = version.collection
        type = version.type
        createdAt = PageDate.string(version.createdAt)
        createdBy = version.createdBy
        description = version.description ?? ""
        hasDescription = !(version.description ?? "").isEmpty
        digest = version.digest
        aliases = version.aliases
        hasAliases = !version.aliases.isEmpty
        files = version.files.map { file in
            File(
                path: file.path,
                url: Self.path(version.collection, version.number) + "/files/"
                    + file.path.split(separator: "/").map { URLText.component(String($0)) }.joined(separator: "/"),
                size: ArtifactsPage.size(file.blob.size), sha256: String(file.blob.sha256.prefix(12)))
        }
        // Gates and overrides have sections of their own.
        metadata = Self.entries(version.metadata).filter { !$0.key.hasPrefix("gates") }
        hasMetadata = !metadata.isEmpty
        lineage = Self.entries(version.lineage).filter { $0.key != "overrides" }
        hasLineage = !lineage.isEmpty
        let gates = version.gates
        hasGates = gates != nil
        gatesPassed = gates?.passed ?? true
        gatesVerdict =
            switch gates {
            case nil: ""
            case let gates? where gates.checks.isEmpty: "The task sets no quality gates, so this version passes."
            case let gates? where gates.passed: "Passed every quality gate."
            case let gates?:
                "Failed: \(gates.failedChecks.joined(separator: ", ")). A protected alias needs a forced move with a reason."
            }
        gateChecks = (gates?.checks ?? []).map { check in
            GateCheck(
                name: check.name, measure: check.measure ?? "", threshold: Self.text(.double(check.threshold)),
                value: check.value.map { Self.text(.double($0)) } ?? "not computable",
                result: check.passed ? "passed" : "failed", passed: check.passed)
        }
        hasGateChecks = !gateChecks.isEmpty
        overrides = version.overrides.map {
            Override(alias: $0.alias, reason: $0.reason, by: $0.by, at: PageDate.string($0.at))
        }
        hasOverrides = !overrides.isEmpty
        hasPrevious = version.number > 0
        previousURL = version.number > 0 ? Self.path(version.collection, version.number - 1) : ""
        previousReference = "\(version.collection):v\(max(0, version.number - 1))"
        hasDiff = diff != nil
        if let diff {
            diffSummary =
                "\(diff.counts.added) added, \(diff.counts.removed) removed, \(diff.counts.relabeled) relabeled, "
                + "\(diff.counts.unchanged) unchanged"
            let all =
                diff.added.map { Change(item: Self.text($0), change: "added") }
                + diff.removed.map { Change(item: Self.text($0), change: "removed") }
                + diff.relabeled.map { Change(item: Self.text($0.id), change: "\(Self.text($0.old)) → \(Self.text($0.new))") }
            changes = Array(all.prefix(Self.changeLimit))
            changesShown = all.count > Self.changeLimit ? "The first \(Self.changeLimit) of \(all.count) changes." : ""
        } else {
            diffSummary = ""
            changes = []
            changesShown = ""
        }
        hasChanges = !changes.isEmpty
        self.notice = notice
    }

    /// Flattens a JSON object into labelled rows: `alpha_ci95.low` → "alpha ci95 · low".
    static func entries(_ value: JSONValue, prefix: String = "") -> [Entry] {
        guard case .object(let members) = value else { return prefix.isEmpty ? [] : [Entry(key: prefix, value: text(value))] }
        return members.keys.sorted().flatMap { key -> [Entry] in
            let label = (prefix.isEmpty ? "" : prefix + " · ") + key.replacingOccurrences(of: "_", with: " ")
            if case .object = members[key]! { return entries(members[key]!, prefix: label) }
            return [Entry(key: label, value: text(members[key]!))]
        }
    }

    /// A value as a person reads it: strings bare, numbers to at most 4 decimals, lists joined, a named
    /// object (a label of the schema) by its name.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: "—"
        case .bool(let flag): flag ? "yes" : "no"
        case .int(let number): String(number)
        case .double(let number):
            number == number.rounded() && abs(number) < 1e15
                ? String(Int64(number)) : String(format: "%.4g", number)
        case .string(let text): text
        case .array(let values): values.map(text).joined(separator: ", ")
        case .object(let members):
            if case .string(let name)? = members["name"] { name } else { value.canonicalString }
        }
    }
}
