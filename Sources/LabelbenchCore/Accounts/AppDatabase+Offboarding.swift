import Foundation
import GRDB

extension AppDatabase {
    /// Applies one admin change to an account, in one transaction, and returns the account as it now is.
    ///
    /// Disabling ends every session of the account at once (its tokens are refused on their next use
    /// because the token lookup checks the account); a password reset ends its sessions too, so a
    /// stolen session does not outlive the new password. The last enabled admin can be neither
    /// disabled nor demoted, so the service never locks itself out.
    @discardableResult
    public func changeAccount(_ name: String, _ change: AccountChange, now: Date = Date()) async throws -> User {
        let hash: String?
        if case .password(let password) = change { hash = try await Self.passwordHash(password) } else { hash = nil }
        return try await writer.write { db in
            guard var user = try User.filter(Column("name") == name).fetchOne(db) else {
                throw DomainError.notFound("no account named \(name)")
            }
            switch change {
            case .disabled(let disabled):
                if disabled && user.isEnabled { try Self.keepAnAdmin(besides: user, db) }
                if disabled != !user.isEnabled { user.disabledAt = disabled ? now : nil }
            case .role(let role):
                if role != .admin { try Self.keepAnAdmin(besides: user, db) }
                user.role = role
            case .password:
                user.passwordHash = hash
            }
            try user.update(db)
            if !user.isEnabled || hash != nil {
                try db.execute(sql: "DELETE FROM session WHERE user_id = ?", arguments: [user.id])
            }
            return user
        }
    }

    /// Refuses a change that would leave no enabled admin other than `user`.
    private static func keepAnAdmin(besides user: User, _ db: Database) throws {
        guard user.role == .admin, user.isEnabled else { return }
        let others =
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM user WHERE role = 'admin' AND disabled_at IS NULL AND id <> ?",
                arguments: [user.id]) ?? 0
        if others == 0 { throw DomainError.conflict("\(user.name) is the last enabled admin; make another admin first") }
    }

    /// A user changes their own password: the current one must be right. Every other session of the
    /// user ends; the session that made the change (`keeping`) stays signed in.
    public func changeOwnPassword(
        of user: User, current: String, new password: String, keeping sessionID: String?
    ) async throws {
        guard try await authenticate(name: user.name, password: current) != nil else {
            throw DomainError.invalid("current_password: the current password is wrong")
        }
        let hash = try await Self.passwordHash(password)
        try await writer.write { db in
            try db.execute(sql: "UPDATE user SET password_hash = ? WHERE id = ?", arguments: [hash, user.id])
            try db.execute(
                sql: "DELETE FROM session WHERE user_id = ? AND id_hash <> ?",
                arguments: [user.id, sessionID.map(SecretToken.hash) ?? ""])
        }
    }

    /// The names of the tasks a user is assigned to, in name order.
    public func assignedTaskNames(of user: User) throws -> [String] {
        try writer.read { db in
            try String.fetchAll(
                db,
                sql:
                    "SELECT task.name FROM task_annotator ta JOIN task ON task.id = ta.task_id WHERE ta.user_id = ? ORDER BY task.name",
                arguments: [user.id])
        }
    }

    /// What the admin's account page shows, read at one point in time: every account and every task in
    /// name order, and the names of the tasks each account is assigned to.
    public func accountsOverview() async throws -> AccountsOverview {
        try await writer.read { db in
            var assigned: [String: [String]] = [:]
            let pairs = try Row.fetchAll(
                db,
                sql: """
                    SELECT user.name AS user, task.name AS task FROM task_annotator ta
                    JOIN user ON user.id = ta.user_id JOIN task ON task.id = ta.task_id ORDER BY user.name, task.name
                    """)
            for pair in pairs { assigned[pair["user"], default: []].append(pair["task"]) }
            return AccountsOverview(
                users: try User.order(Column("name")).fetchAll(db), tasks: try LabelingTask.order(Column("name")).fetchAll(db),
                assignedTasks: assigned)
        }
    }

    /// Removes an annotator from a task. Their annotations stay; an item they hold a lease on returns to the pool.
    public func unassignAnnotator(_ userName: String, fromTask taskName: String) async throws {
        try await writer.write { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT ta.task_id, ta.user_id, task.overlap FROM task_annotator ta
                        JOIN task ON task.id = ta.task_id JOIN user ON user.id = ta.user_id
                        WHERE user.name = ? AND task.name = ?
                        """, arguments: [userName, taskName])
            else { throw DomainError.notFound("\(userName) is not assigned to \(taskName)") }
            let taskID: Int64 = row["task_id"]
            let userID: Int64 = row["user_id"]
            let leased = try Int64.fetchAll(
                db, sql: "SELECT item_id FROM lease WHERE task_id = ? AND user_id = ?", arguments: [taskID, userID])
            try db.execute(sql: "DELETE FROM lease WHERE task_id = ? AND user_id = ?", arguments: [taskID, userID])
            for item in leased { try Self.changeAssigned(itemID: item, by: -1, overlap: row["overlap"], db) }
            try db.execute(sql: "DELETE FROM task_annotator WHERE task_id = ? AND user_id = ?", arguments: [taskID, userID])
        }
    }
}
