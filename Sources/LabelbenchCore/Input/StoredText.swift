/// Text bound for a database column. SQLite is handed strings as C strings (GRDB and
/// `BulkInsert` bind with length -1) and reads them back the same way, so a NUL character would
/// silently cut the stored text short. Text holding one is refused, naming the field, instead.
public enum StoredText {
    /// Whether the text holds U+0000.
    public static func hasNUL(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { $0.contains(0) }
    }

    /// Throws `field: contains a NUL character…` when the text holds U+0000.
    public static func check(_ text: String?, field: String) throws {
        if let text, hasNUL(text) { throw DomainError.invalid(message(field: field)) }
    }

    /// What is wrong with such text, for messages that name the field first.
    public static let problem = "contains a NUL character (U+0000), which cannot be stored; remove it"

    /// The refusal message for `field`.
    public static func message(field: String) -> String { "\(field): \(problem)" }
}
