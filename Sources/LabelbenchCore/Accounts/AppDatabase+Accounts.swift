import Foundation
import GRDB
import HummingbirdBcrypt

/// A signed-in browser session as the server sees it.
public struct SessionInfo: Sendable {
    public var user: User
    public var csrfToken: String
}

extension AppDatabase {
    static let sessionLifetime: TimeInterval = 12 * 3600
    static let bcryptCost: UInt8 = 11

    /// Creates an account; names are unique.
    @discardableResult
    public func createUser(name: String, role: Role, password: String?) async throws -> User {
        let trimmed = try Self.validName(name)
        let hash: String? = if let password { try await Self.passwordHash(password) } else { nil }
        return try await writer.write { db in try Self.insertUser(name: trimmed, role: role, hash: hash, db) }
    }

    /// Creates the first admin from the one-time setup link. The check that no account exists and the
    /// insert are one transaction, so however many setup posts race, exactly one account is created.
    public func createFirstAdmin(name: String, password: String) async throws -> User {
        let trimmed = try Self.validName(name)
        let hash = try await Self.passwordHash(password)
        return try await writer.write { db in
            if try User.fetchCount(db) > 0 {
                throw DomainError.notFound("this setup link is not valid (it works once, before any account exists)")
            }
            return try Self.insertUser(name: trimmed, role: .admin, hash: hash, db)
        }
    }

    static func validName(_ name: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.range(of: #"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$"#, options: .regularExpression) != nil else {
            throw DomainError.invalid("name: use 1 to 64 letters, digits, '.', '_', '-' or '@'")
        }
        return trimmed
    }

    /// The bcrypt hash of an acceptable password. Hashing takes about a tenth of a second at cost 11,
    /// so it runs on a dispatch thread rather than holding one of the few cooperative ones.
    static func passwordHash(_ password: String) async throws -> String {
        if password.count < 8 || password.utf8.count > 72 {
            // bcrypt reads only the first 72 bytes; longer ones would silently share a hash.
            throw DomainError.invalid("password: use 8 to 72 bytes")
        }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Bcrypt.hash(password, cost: bcryptCost)) }
        }
    }

    private static func insertUser(name: String, role: Role, hash: String?, _ db: Database) throws -> User {
        if try User.filter(Column("name") == name).fetchCount(db) > 0 {
            throw DomainError.conflict("an account named \(name) already exists")
        }
        var user = User(id: nil, name: name, role: role, passwordHash: hash, createdAt: Date())
        try user.insert(db)
        return user
    }

    /// Whether any account exists; with none, the server offers the one-time setup link.
    public func hasUsers() async throws -> Bool {
        try await writer.read { db in try User.fetchCount(db) > 0 }
    }

    /// Every account, in name order.
    public func users() async throws -> [User] {
        try await writer.read { db in try User.order(Column("name")).fetchAll(db) }
    }

    public func user(named name: String) throws -> User? {
        try writer.read { db in try User.filter(Column("name") == name).fetchOne(db) }
    }

    /// Checks a password; a missing account costs the same bcrypt time so timing reveals nothing.
    public func authenticate(name: String, password: String) async throws -> User? {
        let user = try await writer.read { db in try User.filter(Column("name") == name).fetchOne(db) }
        // A disabled account is refused exactly like a wrong password: nothing tells it apart.
        guard let user, user.isEnabled, let hash = user.passwordHash else {
            _ = Bcrypt.verify(password, hash: Self.dummyHash)
            return nil
        }
        return Bcrypt.verify(password, hash: hash) ? user : nil
    }

    private static let dummyHash = Bcrypt.hash("labelbench-dummy-password", cost: bcryptCost)

    /// Starts a fresh session (a new id every login, so a planted id is useless) and returns its cookie value.
    public func startSession(for user: User) async throws -> String {
        let sessionID = SecretToken.make()
        let now = Date()
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO session (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    SecretToken.hash(sessionID), user.userID, SecretToken.make(), now.unix, now.unix + Self.sessionLifetime,
                ])
            try db.execute(sql: "DELETE FROM session WHERE expires_at < ?", arguments: [now.unix])
        }
        return sessionID
    }

    /// The live session behind a cookie value, if any.
    public func session(id sessionID: String) async throws -> SessionInfo? {
        try await writer.read { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT user_id, csrf_token FROM session WHERE id_hash = ? AND expires_at > ?",
                arguments: [SecretToken.hash(sessionID), Date().unix])
            guard let row, let user = try User.fetchOne(db, key: row["user_id"] as Int64), user.isEnabled else { return nil }
            return SessionInfo(user: user, csrfToken: row["csrf_token"])
        }
    }

    /// Logout: the session ends on the server, not only in the browser.
    public func endSession(id sessionID: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM session WHERE id_hash = ?", arguments: [SecretToken.hash(sessionID)])
        }
    }

    /// Creates an API token for a user; the token is returned once and only its hash is kept.
    public func createToken(forUser name: String) throws -> String {
        let token = SecretToken.make(prefix: "lbt_")
        try writer.write { db in
            guard let user = try User.filter(Column("name") == name).fetchOne(db) else {
                throw DomainError.notFound("no account named \(name)")
            }
            try db.execute(
                sql: "INSERT INTO api_token (user_id, token_hash, created_at) VALUES (?, ?, ?)",
                arguments: [user.userID, SecretToken.hash(token), Date().unix])
        }
        return token
    }

    /// Revokes every live token of a user; returns how many were revoked.
    @discardableResult
    public func revokeTokens(forUser name: String) throws -> Int {
        try writer.write { db in
            guard let user = try User.filter(Column("name") == name).fetchOne(db) else {
                throw DomainError.notFound("no account named \(name)")
            }
            try db.execute(
                sql: "UPDATE api_token SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                arguments: [Date().unix, user.userID])
            return db.changesCount
        }
    }

    /// The user a bearer token belongs to. The lookup is by SHA-256 of the token, so comparing
    /// stored values leaks nothing usable about the secret itself.
    public func user(forToken token: String) async throws -> User? {
        guard token.hasPrefix("lbt_"), token.utf8.count < 200 else { return nil }
        return try userOnCallingThread(forToken: token)
    }

    /// One indexed lookup, read synchronously: hopping to a reader queue and back cost far more than
    /// the query itself (context switches dominated the API's CPU profile on two cores).
    private func userOnCallingThread(forToken token: String) throws -> User? {
        try writer.read { db in
            // A cached prepared statement over the UNIQUE token_hash index; no in-process cache, so a
            // revocation takes effect on the very next request.
            try User.fetchOne(
                db.cachedStatement(
                    sql:
                        "SELECT user.* FROM api_token JOIN user ON user.id = api_token.user_id WHERE token_hash = ? AND revoked_at IS NULL AND user.disabled_at IS NULL"
                ),
                arguments: [SecretToken.hash(token)])
        }
    }
}
