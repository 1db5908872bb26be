import LabelbenchCore
import Logging

/// Security events for admin changes to accounts, one line each, without the password.
enum AccountEvents {
    static func log(_ change: AccountChange, of user: User, by admin: User, logger: Logger) {
        var metadata: Logger.Metadata = ["user": "\(user.name)", "by": "\(admin.name)"]
        let event: String
        switch change {
        case .disabled(true): event = "account disabled; its sessions ended and its tokens stop working"
        case .disabled(false): event = "account enabled"
        case .role(let role):
            event = "role changed"
            metadata["role"] = "\(role.rawValue)"
        case .password: event = "password reset by an admin; the account's sessions ended"
        }
        logger.notice("security: \(event)", metadata: metadata)
    }
}
