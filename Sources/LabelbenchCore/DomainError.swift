/// Failures the domain reports to its callers; the server maps each case to one HTTP status.
public enum DomainError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Input that can never succeed as sent (422 / 400): the message says what to change.
    case invalid(String)
    /// The thing does not exist, or the caller may not know it exists (404).
    case notFound(String)
    /// The request clashes with stored state, such as a second, different answer (409).
    case conflict(String)
    /// The caller is known but not allowed to do this (403).
    case forbidden(String)
    /// Credentials are missing or wrong (401).
    case unauthorized(String)

    public var description: String {
        switch self {
        case .invalid(let m), .notFound(let m), .conflict(let m), .forbidden(let m), .unauthorized(let m): m
        }
    }
}
