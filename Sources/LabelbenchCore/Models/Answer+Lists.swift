import Agreement

/// What span and box answers share: a list read from a JSON value, whose refusal names the mark.
extension Answer {
    /// Reads a list answer's JSON value with `read`; `expected` says what a value that is not a list
    /// should have been ("spans {…}").
    static func readList<Mark>(_ value: Any?, expected: String, _ read: ([Any]) throws -> [Mark]) throws -> [Mark] {
        guard let list = value as? [Any] else { throw DomainError.invalid("label: expected a list of \(expected)") }
        return try refusingLabel { try read(list) }
    }

    /// Runs a span or box list rule, giving its refusal (`SpanListError`, `BoxListError`: a message that
    /// names the mark) as the label's error.
    static func refusingLabel<T>(_ rule: () throws -> T) throws -> T {
        do {
            return try rule()
        } catch {
            throw DomainError.invalid("label: \(error)")
        }
    }
}
