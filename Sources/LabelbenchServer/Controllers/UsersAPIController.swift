import Foundation
import Hummingbird
import LabelbenchCore

/// Accounts over the API, for admins: `GET /api/v1/users` and `PATCH /api/v1/users/NAME`.
struct UsersAPIController: Controller {
    let services: AppServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("users", use: list)
        group.patch("users/:user", use: change)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireAdmin()
        return try JSONResponse.encode(["users": try await database.users().map(UserJSON.init)])
    }

    /// One change (`disabled`, `role` or `password`); disabling takes effect on the user's very next request.
    @Sendable func change(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try context.requireAdmin()
        let name = try context.parameters.require("user")
        let change = try await JSONResponse.decode(AccountChange.self, from: request, limit: services.config.maxJSONBytes)
        let user = try await database.changeAccount(name, change)
        AccountEvents.log(change, of: user, by: admin, logger: context.logger)
        return try JSONResponse.encode(UserJSON(user))
    }
}

/// An account as the API and `users list --json` show it; never the password hash.
struct UserJSON: Codable, Sendable {
    let name: String
    let role: String
    let disabled: Bool
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case name, role, disabled
        case createdAt = "created_at"
    }

    init(_ user: User) {
        name = user.name
        role = user.role.rawValue
        disabled = !user.isEnabled
        createdAt = user.createdAt
    }
}
