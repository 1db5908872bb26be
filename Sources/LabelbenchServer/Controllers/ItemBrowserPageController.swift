import Hummingbird
import LabelbenchCore

/// `/tasks/TASK/items`: the item browser as a page (practitioners and admins); the filter is a GET
/// form, so the URL of a filtered list can be shared. The same list as JSON is `ItemsAPIController`.
struct ItemBrowserPageController: Controller {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("tasks/:task/items", use: page)
    }

    /// One page of items; a bad filter shows the form again with the reason (422) and no rows.
    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, task) = try await context.task(in: database, for: .manage)
        let chrome = Chrome(title: "Items · \(task.title)", context: context)
        let query: ItemQuery
        do {
            query = try ItemBrowseQuery.read(request.uri.query ?? "")
        } catch DomainError.invalid(let message) {
            let page = ItemBrowserPage(chrome: chrome, task: task, query: ItemQuery(), page: nil, error: message)
            return try renderer.render(page, template: "tasks/items", status: .unprocessableContent)
        }
        do {
            let items = try await database.browseItems(in: task, query)
            return try renderer.render(
                ItemBrowserPage(chrome: chrome, task: task, query: query, page: items), template: "tasks/items")
        } catch DomainError.invalid(let message) {
            let page = ItemBrowserPage(chrome: chrome, task: task, query: query, page: nil, error: message)
            return try renderer.render(page, template: "tasks/items", status: .unprocessableContent)
        }
    }
}
