import Hummingbird
import LabelbenchCore
import Logging
import Synchronization

/// Identifies the caller from the session cookie or an `Authorization: Bearer` token. A session
/// brings its CSRF token into the context; `FormInput` checks it on every form post.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "labelbench_session"

    let database: AppDatabase
    let tokenUse = TokenUseLog()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        var context = context
        if let authorization = request.headers[.authorization] {
            guard authorization.hasPrefix("Bearer "),
                let user = try await database.user(forToken: String(authorization.dropFirst(7)))
            else {
                context.logger.notice("security: rejected API token", metadata: ["path": "\(request.uri.path)"])
                throw DomainError.unauthorized("the API token is missing, malformed or revoked")
            }
            context.logger[metadataKey: "user"] = "\(user.name)"
            // The first use of each token per process is a security event; every later request
            // still carries the user in its log metadata without a second line per request.
            let level: Logger.Level = tokenUse.firstUse(of: authorization) ? .info : .debug
            context.logger.log(level: level, "security: token used", metadata: ["user": "\(user.name)"])
            context.user = user
        } else if !request.uri.path.hasPrefix("/api/"),
            // The JSON API takes bearer tokens only, so a cookie can never authorize it (no CSRF there).
            let sessionID = request.cookies[Self.cookieName]?.value,
            let session = try await database.session(id: sessionID)
        {
            context.user = session.user
            context.csrfToken = session.csrfToken
            context.sessionID = sessionID
        }
        return try await next(request, context)
    }
}

/// Remembers which tokens this process has already logged, by an in-memory hash (never stored).
final class TokenUseLog: Sendable {
    private let seen = Mutex<Set<Int>>([])

    func firstUse(of token: String) -> Bool {
        seen.withLock { seen in
            if seen.count > 100_000 { seen.removeAll() }
            return seen.insert(token.hashValue).inserted
        }
    }
}
