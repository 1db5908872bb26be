import Foundation
import LabelbenchCore

/// The item browser's query string (API and page alike) read into an `ItemQuery`, and written back for
/// links. Empty values count as absent, so a GET form with blank fields means "no filter"; anything
/// unreadable or unknown is refused naming the parameter.
enum ItemBrowseQuery {
    static let names: Set<String> = [
        "state", "label", "annotator", "agreement_below", "q", "sort", "limit", "cursor", "meta",
    ]

    /// Reads `query` (the raw text after `?`). `meta.KEY=VALUE` may repeat; the page's form sends
    /// the same condition as `meta=KEY=VALUE`.
    static func read(_ query: String) throws -> ItemQuery {
        var fields: [String: String] = [:]
        var meta: [MetaCondition] = []
        for (name, value) in try pairs(query) where !value.isEmpty {
            if name.hasPrefix("meta.") {
                meta.append(try MetaCondition(parsing: name + "=" + value, field: name))
            } else if name == "meta" {
                meta.append(try MetaCondition(parsing: "meta." + value, field: "meta"))
            } else if names.contains(name) {
                guard fields.updateValue(value, forKey: name) == nil else { throw refused(name, "give it once") }
            } else {
                throw refused(
                    name, "not a parameter of this list; expected \(names.sorted().joined(separator: ", ")) or meta.KEY")
            }
        }
        var result = ItemQuery()
        result.meta = meta
        result.state = try fields["state"].map(ItemState.init(parsing:))
        result.label = try fields["label"].map { try bounded($0, "label") }
        result.annotator = try fields["annotator"].map { try bounded($0, "annotator") }
        result.text = try fields["q"].map { try bounded($0, "q") }
        if let text = fields["agreement_below"] {
            guard let value = Double(text), value.isFinite else { throw refused("agreement_below", "expected a number") }
            result.agreementBelow = value
        }
        if let text = fields["sort"] {
            guard let sort = ItemQuery.Sort(rawValue: text) else { throw refused("sort", "expected id or agreement") }
            result.sort = sort
        }
        if let text = fields["limit"] {
            guard let limit = Int(text), (1...ItemQuery.maximumLimit).contains(limit) else {
                throw refused("limit", "expected a whole number from 1 to \(ItemQuery.maximumLimit)")
            }
            result.limit = limit
        }
        result.cursor = try fields["cursor"].map { try ItemCursor(token: $0, sort: result.sort) }
        return result
    }

    /// The query string of `query` starting at `cursor` (without the leading `?`), in the API's spelling.
    static func string(_ query: ItemQuery, cursor: ItemCursor?) -> String {
        var pairs: [(String, String)] = []
        if let state = query.state { pairs.append(("state", state.rawValue)) }
        if let label = query.label { pairs.append(("label", label)) }
        if let annotator = query.annotator { pairs.append(("annotator", annotator)) }
        if let below = query.agreementBelow { pairs.append(("agreement_below", String(below))) }
        for condition in query.meta { pairs.append(("meta." + condition.key, condition.value)) }
        if let text = query.text { pairs.append(("q", text)) }
        if query.sort != .id { pairs.append(("sort", query.sort.rawValue)) }
        if query.limit != ItemQuery.defaultLimit { pairs.append(("limit", String(query.limit))) }
        if let cursor { pairs.append(("cursor", cursor.token)) }
        return pairs.map { "\(URLText.component($0.0))=\(URLText.component($0.1))" }.joined(separator: "&")
    }

    private static func refused(_ name: String, _ why: String) -> DomainError {
        DomainError.invalid("\(name.prefix(100)): \(why)")
    }

    private static func bounded(_ value: String, _ name: String) throws -> String {
        guard value.utf8.count <= 1000 else { throw refused(name, "at most 1000 bytes") }
        guard !value.utf8.contains(0) else { throw refused(name, "no NUL characters") }
        return value
    }

    /// Name and value pairs in order, decoded as a browser encodes a GET form (`+` is a space).
    private static func pairs(_ query: String) throws -> [(String, String)] {
        try query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard let name = decode(parts[0]), let value = parts.count > 1 ? decode(parts[1]) : "" else {
                throw refused(String(parts[0]), "the parameter is not percent-encoded properly")
            }
            return (name, value)
        }
    }
}

/// `GET /api/v1/tasks/TASK/items`: `{"items": [...], "next_cursor": "…" | null}`.
struct ItemPageJSON: Encodable {
    struct Item: Encodable {
        let item: BrowsedItem

        enum CodingKeys: String, CodingKey { case id, state, labels, agreement, annotators, flags }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(item.id, forKey: .id)
            try container.encode(item.state.rawValue, forKey: .state)
            try container.encode(item.labels, forKey: .labels)
            try container.encode(item.agreement, forKey: .agreement)
            try container.encode(item.annotators, forKey: .annotators)
            try container.encode(item.flags, forKey: .flags)
        }
    }

    let page: ItemPage

    enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(page.items.map(Item.init), forKey: .items)
        try container.encode(page.next?.token, forKey: .nextCursor)
    }
}
