import Foundation

/// What the item browser asks for: filters that must all hold, an order, and where a page starts.
public struct ItemQuery: Sendable, Equatable {
    /// `id` walks items in the order they were stored; `agreement` lists the lowest agreement first
    /// (ties by item id), then the items without an agreement value in stored order.
    public enum Sort: String, CaseIterable, Sendable {
        case id, agreement
    }

    public static let defaultLimit = 50
    public static let maximumLimit = 500

    public var state: ItemState?
    /// A label a counted annotation, the ruling or the gold answer of the item gives.
    public var label: String?
    /// The name of someone who annotated the item (counted or not).
    public var annotator: String?
    /// Items whose agreement is below this; items without an agreement value are left out.
    public var agreementBelow: Double?
    public var meta: [MetaCondition] = []
    /// An SQLite FTS5 query over the item's text.
    public var text: String?
    public var sort: Sort = .id
    public var limit: Int = defaultLimit
    public var cursor: ItemCursor?

    public init() {}
}

/// Where the next page of a walk starts; opaque to clients, who send back the `next_cursor` they got.
public enum ItemCursor: Sendable, Equatable {
    /// After the item stored under this row id (`sort=id`, and the items without agreement of `sort=agreement`).
    case after(Int64)
    /// After this agreement and item id among the items that have an agreement value (`sort=agreement`).
    case afterAgreement(Double, String)
    /// Among the items without an agreement value, after this row id (`sort=agreement`, second part).
    case unratedAfter(Int64)

    /// The cursor as the API hands it out: URL-safe base64 of a short tagged text.
    public var token: String {
        let text: String =
            switch self {
            case .after(let row): "i:\(row)"
            case .afterAgreement(let value, let item): "a:\(String(value.bitPattern, radix: 16)):\(item)"
            case .unratedAfter(let row): "n:\(row)"
            }
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads a cursor handed out by `token` for a walk in `sort` order; anything else is refused naming `cursor`.
    public init(token: String, sort: ItemQuery.Sort) throws {
        let refused = DomainError.invalid("cursor: not a cursor this list handed out (for sort=\(sort.rawValue))")
        guard token.utf8.count <= 2048 else { throw refused }
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { throw refused }
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        switch (parts.first, sort) {
        case ("i", .id) where parts.count == 2:
            guard let row = Int64(parts[1]) else { throw refused }
            self = .after(row)
        case ("n", .agreement) where parts.count == 2:
            guard let row = Int64(parts[1]) else { throw refused }
            self = .unratedAfter(row)
        case ("a", .agreement) where parts.count == 3:
            guard let bits = UInt64(parts[1], radix: 16), case let value = Double(bitPattern: bits), value.isFinite else {
                throw refused
            }
            self = .afterAgreement(value, String(parts[2]))
        default:
            throw refused
        }
    }
}

/// One item as the browser lists it.
public struct BrowsedItem: Sendable, Equatable {
    public var id: String
    public var state: ItemState
    /// How many counted annotations give each label.
    public var labels: [String: Int]
    /// The item's agreement as the agreement report gives it; nil with fewer than two counted annotations.
    public var agreement: Double?
    /// Everyone who annotated the item, counted or not, by name.
    public var annotators: [String]
    /// Open flags on the item.
    public var flags: Int
}

/// One page of the browser: its items and where the next page starts (nil at the end).
///
/// A page may hold fewer items than asked for, even none, while `next` is set: each request examines a
/// bounded number of items, so a rare filter is walked over several pages instead of one slow one.
public struct ItemPage: Sendable, Equatable {
    public var items: [BrowsedItem]
    public var next: ItemCursor?
}
