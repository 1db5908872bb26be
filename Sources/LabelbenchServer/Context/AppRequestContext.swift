import Hummingbird
import LabelbenchCore
import Logging
import NIOCore

/// Per-request state: who is calling and how (browser session or API token).
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in user, set by `AuthMiddleware`.
    public var user: User?
    /// The browser session's CSRF token; nil for token-authorized API calls.
    public var csrfToken: String?
    /// The raw session cookie value, kept for logout.
    public var sessionID: String?
    /// Uploads are bounded per route; this is the ceiling for any body.
    public var maxUploadSize: Int { 256 << 20 }

    /// The client's address, for per-address login rate limits.
    public var remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The signed-in user, or 401/redirect via the error middleware.
    public func requireUser() throws -> User {
        guard let user else { throw DomainError.unauthorized("sign in first") }
        return user
    }

    /// A user who may author tasks, see quality and export (practitioner or admin).
    public func requireManager() throws -> User {
        let user = try requireUser()
        guard user.role.canManageTasks else { throw DomainError.forbidden("this needs a practitioner or admin account") }
        return user
    }

    public func requireAdmin() throws -> User {
        let user = try requireUser()
        guard user.role == .admin else { throw DomainError.forbidden("this needs an admin account") }
        return user
    }
}
