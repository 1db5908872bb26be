import Foundation

/// Compares two versions' `labels.jsonl` (rows with `id` and `label`): items added, removed and relabeled.
public enum DatasetDiff {
    /// An item whose label changed.
    public struct Relabel: Codable, Sendable, Hashable {
        public var id: JSONValue
        public var old: JSONValue
        public var new: JSONValue
    }

    /// Counts of each kind of change.
    public struct Counts: Codable, Sendable, Hashable {
        public var added: Int
        public var removed: Int
        public var relabeled: Int
        public var unchanged: Int
    }

    /// The whole comparison; `Codable` for `--json`.
    public struct Result: Codable, Sendable, Hashable {
        public var old: String
        public var new: String
        public var counts: Counts
        /// Ids in the new file's order.
        public var added: [JSONValue]
        /// Ids in the old file's order.
        public var removed: [JSONValue]
        /// In the new file's order.
        public var relabeled: [Relabel]

        /// A human summary: counts, then one line per change.
        public func renderText() -> String {
            var lines = [
                "\(old) -> \(new): \(counts.added) added, \(counts.removed) removed, \(counts.relabeled) relabeled, \(counts.unchanged) unchanged"
            ]
            lines += added.map { "+ \($0.canonicalString)" }
            lines += removed.map { "- \($0.canonicalString)" }
            lines += relabeled.map {
                "~ \($0.id.canonicalString): \($0.old.canonicalString) -> \($0.new.canonicalString)"
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Compares two `labels.jsonl` files line by line; only the old file's ids and labels are held in memory.
    ///
    /// Throws `invalidLine` with the file and line number for a row that is not an object with an `id`.
    public static func compare(old: URL, new: URL, oldName: String = "old", newName: String = "new") throws -> Result {
        var oldRows: [String: (order: Int, id: JSONValue, label: JSONValue)] = [:]
        try forEachRow(old) { id, label in
            oldRows[id.canonicalString] = (oldRows.count, id, label)
        }
        var result = Result(
            old: oldName, new: newName, counts: Counts(added: 0, removed: 0, relabeled: 0, unchanged: 0),
            added: [], removed: [], relabeled: [])
        var seen = Set<String>()
        try forEachRow(new) { id, label in
            let key = id.canonicalString
            // A repeated id in the new file is compared once; later copies are ignored like in the old file.
            guard seen.insert(key).inserted else { return }
            guard let previous = oldRows[key] else {
                result.added.append(id)
                return
            }
            if comparisonKey(previous.label) == comparisonKey(label) {
                result.counts.unchanged += 1
            } else {
                result.relabeled.append(Relabel(id: id, old: previous.label, new: label))
            }
        }
        result.removed = oldRows.filter { !seen.contains($0.key) }.values.sorted { $0.order < $1.order }.map(\.id)
        result.counts.added = result.added.count
        result.counts.removed = result.removed.count
        result.counts.relabeled = result.relabeled.count
        return result
    }

    /// What a label is compared by: canonical JSON, so key order inside objects does not matter; and for a
    /// list of spans (`start`, `end`, `label`) only those three members in start order, so a span's
    /// `confidence` or the order a file lists the spans in is no relabel, while any other change to the
    /// list is.
    static func comparisonKey(_ label: JSONValue) -> String {
        guard case .array(let elements) = label, !elements.isEmpty else { return label.canonicalString }
        var spans: [(start: Int64, end: Int64, label: String)] = []
        for element in elements {
            guard case .int(let start)? = element["start"], case .int(let end)? = element["end"],
                case .string(let name)? = element["label"]
            else { return label.canonicalString }
            spans.append((start, end, name))
        }
        spans.sort { ($0.start, $0.end, $0.label) < ($1.start, $1.end, $1.label) }
        return JSONValue.array(
            spans.map { .object(["start": .int($0.start), "end": .int($0.end), "label": .string($0.label)]) }
        ).canonicalString
    }

    /// Reads each non-blank row's `id` and `label` (missing label is `null`).
    private static func forEachRow(_ url: URL, _ body: (JSONValue, JSONValue) throws -> Void) throws {
        let name = url.lastPathComponent
        try LineReader.forEachLine(ofFile: url.path) { number, line in
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
            guard case .object(let row)? = try? JSONValue.parse(line) else {
                throw ArtifactStoreError.invalidLine(file: name, line: number, reason: "not a JSON object")
            }
            guard let id = row["id"], id != .null else {
                throw ArtifactStoreError.invalidLine(file: name, line: number, reason: "no \"id\"")
            }
            try body(id, row["label"] ?? .null)
        }
    }
}
