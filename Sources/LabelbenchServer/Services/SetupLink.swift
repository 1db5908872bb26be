import LabelbenchCore
import Synchronization

/// The one-time `/setup` link printed on first start; used once, then gone.
final class SetupLink: Sendable {
    private let token = Mutex<String?>(nil)

    /// Makes a new token (first start with no accounts) and returns it.
    func issue() -> String {
        let value = SecretToken.make()
        token.withLock { $0 = value }
        return value
    }

    /// Consumes the token if it matches; a second use fails.
    func redeem(_ candidate: String) -> Bool {
        token.withLock { stored in
            guard let value = stored, value == candidate else { return false }
            stored = nil
            return true
        }
    }

    func isValid(_ candidate: String) -> Bool {
        token.withLock { $0 != nil && $0 == candidate }
    }
}
