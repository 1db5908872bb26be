import Foundation

/// An item's `meta` object as slices and splits read it: the value under a key, as text.
public struct ItemMeta {
    private let object: [String: Any]

    /// Reads the stored `meta` column (JSON text of an object, or nil for an item without meta).
    public init(storedJSON: String?) {
        let parsed = storedJSON.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) }
        object = parsed as? [String: Any] ?? [:]
    }

    /// A string as it is; a number, boolean, list or object as its JSON text as stored (`2024`, `true`),
    /// so `meta.year=2024` finds the number 2024 and the string "2024" alike. A missing key and `null` read
    /// as "", so `meta.city=` finds the items without a city and they form one group under `--split-by`.
    public func text(_ key: String) -> String {
        switch object[key] {
        case nil, is NSNull: ""
        case let text as String: text
        case let value?: JSONText.value(value)
        }
    }
}

/// `meta.KEY=VALUE`: the items whose meta value under KEY reads as VALUE (`ItemMeta.text`).
public struct MetaCondition: Sendable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    /// Parses `meta.KEY=VALUE`; KEY ends at the first `=`, so VALUE may hold more of them. A refusal names `field`.
    public init(parsing text: String, field: String) throws {
        guard text.hasPrefix("meta."), let equals = text.firstIndex(of: "="),
            case let key = String(text[text.index(text.startIndex, offsetBy: 5)..<equals]), !key.isEmpty
        else {
            throw DomainError.invalid(
                "\(field): \(JSONText.string(text)) is not meta.KEY=VALUE (for example meta.city=Oslo)")
        }
        self.init(key: key, value: String(text[text.index(after: equals)...]))
    }

    /// The condition as it is written: `meta.KEY=VALUE`.
    public var text: String { "meta.\(key)=\(value)" }

    /// True when the item's meta holds the value under the key.
    public func holds(for meta: ItemMeta) -> Bool { meta.text(key) == value }
}
