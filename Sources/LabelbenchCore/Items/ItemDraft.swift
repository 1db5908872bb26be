/// An image already checked and stored in the blob store, ready to become an item.
public struct StoredImage: Sendable, Hashable {
    public var sha256: String
    /// The MIME type decided from the bytes.
    public var mimeType: String
    public var width: Int
    public var height: Int

    public init(sha256: String, mimeType: String, width: Int, height: Int) {
        self.sha256 = sha256
        self.mimeType = mimeType
        self.width = width
        self.height = height
    }
}

/// One item read from an import file, not yet stored.
public struct ItemDraft: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case text(String)
        case image(StoredImage)
        /// An `image` field naming a file that the caller resolves (inside a zip or folder).
        case imagePath(String)
    }

    public var externalID: String
    public var content: Content
    /// The `meta` object as JSON text with sorted keys.
    public var meta: String?
    /// The raw `gold` value; checked against the task's labels when stored.
    public var gold: JSONValueBox?
    /// Why the gold answer is right (Markdown), shown to an annotator who missed it after they answered.
    public var goldReason: String?
    public var origin: ItemOrigin

    public init(
        externalID: String, content: Content, meta: String? = nil, gold: JSONValueBox? = nil, goldReason: String? = nil,
        origin: ItemOrigin
    ) {
        self.externalID = externalID
        self.content = content
        self.meta = meta
        self.gold = gold
        self.goldReason = goldReason
        self.origin = origin
    }

    /// Checks what every item source shares before the draft is stored: an id of 1 to 256 bytes
    /// without control characters (image file names become ids too), and no NUL in the text or
    /// `meta`, which the database would cut short.
    public func checkStorable() throws {
        guard !externalID.isEmpty, externalID.utf8.count <= 256, !ItemFileParser.hasControlCharacter(externalID) else {
            throw DomainError.invalid("\(origin): \"id\" must be 1 to 256 bytes without control characters")
        }
        if case .text(let text) = content, StoredText.hasNUL(text) {
            throw DomainError.invalid("\(origin): \"text\" \(StoredText.problem)")
        }
        if let meta, StoredText.hasNUL(meta) { throw DomainError.invalid("\(origin): \"meta\" \(StoredText.problem)") }
        if let goldReason {
            guard gold != nil else {
                throw DomainError.invalid("\(origin): \"gold_reason\" explains a \"gold\" answer; give both")
            }
            if StoredText.hasNUL(goldReason) { throw DomainError.invalid("\(origin): \"gold_reason\" \(StoredText.problem)") }
            if goldReason.utf8.count > 50_000 {
                throw DomainError.invalid("\(origin): \"gold_reason\" must be at most 50,000 bytes")
            }
        }
    }
}

/// Where a draft came from, for error messages: "items.jsonl line 17". The parts are joined only
/// when a message names them, so a 100k-line import builds no text for the lines that are fine.
public struct ItemOrigin: Sendable, Hashable, CustomStringConvertible {
    public var source: String
    /// "line" or "row", or nil when the source alone names the item (an image file).
    public var unit: String?
    public var number: Int

    public static func line(_ number: Int, of file: String) -> ItemOrigin {
        ItemOrigin(source: file, unit: "line", number: number)
    }
    public static func row(_ number: Int, of file: String) -> ItemOrigin { ItemOrigin(source: file, unit: "row", number: number) }
    public static func named(_ source: String) -> ItemOrigin { ItemOrigin(source: source, unit: nil, number: 0) }

    public var description: String { unit.map { "\(source) \($0) \(number)" } ?? source }
}

/// A parsed JSON value carried across concurrency boundaries (JSONSerialization gives `Any`).
public struct JSONValueBox: @unchecked Sendable, Hashable {
    /// Immutable after parsing, which is what makes the unchecked Sendable sound.
    public let value: Any
    let text: String

    public init(_ value: Any) {
        self.value = value
        self.text = JSONText.value(value)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
