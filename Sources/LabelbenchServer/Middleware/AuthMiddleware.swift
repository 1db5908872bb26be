import Hummingbird
import LabelbenchCore
import Logging

/// Identifies the caller from the session cookie or an `Authorization: Bearer` token,
/// and refuses cookie-authorized state changes that lack the session's CSRF token.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "labelbench_session"

    let database: AppDatabase

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization] {
            guard authorization.hasPrefix("Bearer "),
                  let user = try await database.user(forToken: String(authorization.dropFirst(7)))
            else {
                context.logger.notice("security: rejected API token", metadata: ["path": "\(request.uri.path)"])
                throw DomainError.unauthorized("the API token is missing, malformed or revoked")
            }
            context.logger.info("security: token used", metadata: ["user": "\(user.name)"])
            context.user = user
        } else if !request.uri.path.hasPrefix("/api/"),
                  // The JSON API takes bearer tokens only, so a cookie can never authorize it (no CSRF there).
                  let sessionID = request.cookies[Self.cookieName]?.value,
                  let session = try await database.session(id: sessionID) {
            context.user = session.user
            context.csrfToken = session.csrfToken
            context.sessionID = sessionID
        }
        return try await next(request, context)
    }
}
