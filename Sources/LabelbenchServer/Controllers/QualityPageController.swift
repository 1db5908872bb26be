import Hummingbird
import LabelbenchCore

/// `/tasks/TASK/quality`: practitioners only.
struct QualityPageController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("tasks/:task/quality", use: page)
    }

    /// `?below=0.8&page=2`: the contested items' threshold and page; anything unreadable falls back to the defaults.
    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, task) = try await context.task(in: services.database, for: .manage)
        let query = request.uri.queryParameters
        let contested = ContestedItemsQuery(
            below: query.get("below").flatMap(Double.init) ?? ContestedItemsQuery().below,
            page: query.get("page").flatMap { Int($0) } ?? 1)
        let quality = try await services.database.taskQuality(for: task, contested: contested)
        let chrome = Chrome(title: "Quality · \(task.title)", context: context)
        let flags = FlagListView(
            qualityOf: task, open: try await services.database.flags(in: task, limit: Self.flagsShown),
            total: try await services.database.openFlagCount(in: task))
        let trust = TrustSectionView(
            task: task, annotators: try await services.database.annotatorTrust(in: task),
            events: try await services.database.trustEvents(of: task))
        if task.answer == .spans {
            var page = SpanQualityPage(chrome: chrome, task: task, quality: quality)
            (page.flags, page.trust) = (flags, trust)
            return try services.renderer.render(page, template: "quality/span-task")
        }
        if task.answer == .boxes {
            return try await boxPage(task: task, quality: quality, chrome: chrome, flags: flags, trust: trust)
        }
        var page = QualityPage(chrome: chrome, task: task, quality: quality)
        (page.flags, page.trust) = (flags, trust)
        return try services.renderer.render(page, template: "quality/task")
    }

    /// How many open flags the quality page lists (the oldest first); the API lists them all.
    static let flagsShown = 100
}
