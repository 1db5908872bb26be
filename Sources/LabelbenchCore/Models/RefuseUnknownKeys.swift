/// Task files and API bodies refuse fields they do not know, so a typo ("overlapp") is an error,
/// not a silent default.
public enum RefuseUnknownKeys {
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Throws `context: unknown field "x"` for the first key (sorted) not in `allowed`.
    public static func check(_ decoder: any Decoder, allowed: Set<String>, context: String) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        let unknown = container.allKeys.map(\.stringValue).filter { !allowed.contains($0) }.sorted()
        if let first = unknown.first {
            throw DomainError.invalid("\(context): unknown field \"\(first)\"")
        }
    }
}
