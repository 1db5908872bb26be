import Hummingbird
import LabelbenchCore

extension QualityPageController {
    /// The quality page of a box task. Core gives the contested items' figures but not their boxes,
    /// so each contested image of the page (25 at most) is read as its review page reads it.
    func boxPage(
        task: LabelingTask, quality: TaskQuality, chrome: Chrome, flags: FlagListView, trust: TrustSectionView
    ) async throws -> Response {
        var reviews: [String: ItemReview] = [:]
        for item in quality.contested {
            reviews[item.item] = try await services.database.reviewItem(item.item, in: task)
        }
        var page = BoxQualityPage(chrome: chrome, task: task, quality: quality, reviews: reviews)
        (page.flags, page.trust) = (flags, trust)
        return try services.renderer.render(page, template: "quality/box-task")
    }
}
