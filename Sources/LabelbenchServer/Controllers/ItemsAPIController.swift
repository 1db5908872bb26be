import Hummingbird
import LabelbenchCore

/// The item browser over the API: `GET /api/v1/tasks/TASK/items` (practitioners and admins).
struct ItemsAPIController: Controller {
    let services: AppServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("tasks/:task/items", use: list)
    }

    /// One keyset page of the task's items as the query string filters and orders them.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, task) = try await context.task(in: database, for: .manage)
        let query = try ItemBrowseQuery.read(request.uri.query ?? "")
        return try JSONResponse.encode(ItemPageJSON(page: try await database.browseItems(in: task, query)))
    }
}
