import Hummingbird
import LabelbenchCore

/// The resolve buttons beside each open flag on the quality and review pages (practitioners only).
struct FlagPagesController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/tasks/:task/flags/:flag/resolve", use: resolve)
    }

    struct ResolveForm: Decodable {
        var csrf: String?
        var resolution: String?
        /// `review` returns to the flag's item; anything else to the quality page.
        var back: String?
    }

    /// Resolves the flag as the button says and returns to the page it was on (303).
    @Sendable func resolve(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: services.database, for: .manage)
        let id = try FlagsAPIController.pathFlag(context, task: task)
        let form = try await FormInput.decode(ResolveForm.self, from: request, context: context)
        let resolution = try ItemFlag.Resolution(parsing: form.resolution ?? "")
        let (flag, changed) = try await services.database.resolveFlag(id, in: task, as: resolution, by: user)
        if changed { FlagsAPIController.logResolved(flag, task: task, user: user, context: context) }
        if form.back == "review" { return redirect(to: ReviewPageController.path(task: task.name, item: flag.item) + "#flags") }
        return redirect(to: "/tasks/\(task.name)/quality#flags")
    }
}
