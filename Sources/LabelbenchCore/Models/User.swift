import Foundation
import GRDB

/// An account: a person who signs in to the browser pages or uses an API token.
public struct User: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord, Identifiable {
    public var id: Int64?
    public var name: String
    public var role: Role
    var passwordHash: String?
    public var createdAt: Date
    /// When an admin disabled the account; a disabled account has no sessions and its tokens are refused.
    public var disabledAt: Date?

    public static let databaseTableName = "user"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    public static let databaseDateEncodingStrategy = DatabaseDateEncodingStrategy.timeIntervalSince1970
    public static let databaseDateDecodingStrategy = DatabaseDateDecodingStrategy.timeIntervalSince1970

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The id of a stored user; every `User` handed out by `AppDatabase` has one.
    public var userID: Int64 { id ?? -1 }

    /// Whether the account may sign in and use its tokens.
    public var isEnabled: Bool { disabledAt == nil }
}
