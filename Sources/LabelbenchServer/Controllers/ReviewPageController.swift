import Foundation
import Hummingbird
import LabelbenchCore

/// `/tasks/TASK/review?item=ID`: one item with every label it was given, and the practitioner's
/// ruling on it (flow 6). The ruling replaces the consensus label in exports.
struct ReviewPageController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("tasks/:task/review", use: page)
        router.post("tasks/:task/review", use: rule)
    }

    struct RulingForm: Decodable {
        var csrf: String?
        var item: String?
        var label: [String]?
        var note: String?
        var action: String?

        enum CodingKeys: String, CodingKey { case csrf, item, label, note, action }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            csrf = try container.decodeIfPresent(String.self, forKey: .csrf)
            item = try container.decodeIfPresent(String.self, forKey: .item)
            note = try container.decodeIfPresent(String.self, forKey: .note)?.withLineFeeds
            action = try container.decodeIfPresent(String.self, forKey: .action)
            label = container.decodeLabels(forKey: .label)
        }
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: services.database, for: .manage)
        guard let item = request.uri.queryParameters.get("item"), !item.isEmpty else {
            throw DomainError.invalid("give the item to review as ?item=ID")
        }
        return try await render(task: task, item: item, context: context, error: nil, note: nil, status: .ok)
    }

    @Sendable func rule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: services.database, for: .manage)
        let form = try await FormInput.decode(RulingForm.self, from: request, context: context)
        guard let item = form.item, !item.isEmpty else { throw DomainError.invalid("the form names no item") }
        if form.action == "relabel" {
            try await services.database.sendBackForRelabeling([item], in: task, by: user)
            context.logger.info(
                "items sent back for relabeling", metadata: ["task": "\(task.name)", "items": "1", "user": "\(user.name)"])
            return redirect(to: Self.path(task: task.name, item: item))
        }
        if form.action == "withdraw" {
            try await services.database.removeAdjudication(item, in: task)
            context.logger.info(
                "ruling withdrawn", metadata: ["task": "\(task.name)", "item": "\(item)", "user": "\(user.name)"])
            return redirect(to: Self.path(task: task.name, item: item))
        }
        do {
            let answer = try Answer.chosen((form.label ?? []).filter { !$0.isEmpty }, for: task)
            try await services.database.adjudicate(item, in: task, answer: answer, note: form.note, by: user)
        } catch DomainError.invalid(let message) {
            return try await render(
                task: task, item: item, context: context, error: message, note: form.note, status: .unprocessableContent)
        }
        context.logger.info("item adjudicated", metadata: ["task": "\(task.name)", "item": "\(item)", "user": "\(user.name)"])
        return redirect(to: Self.path(task: task.name, item: item))
    }

    private func render(
        task: LabelingTask, item: String, context: AppRequestContext, error: String?, note: String?, status: HTTPResponse.Status
    ) async throws -> Response {
        let review = try await services.database.reviewItem(item, in: task)
        let page = ReviewPage(
            chrome: Chrome(title: "Review \(item) · \(task.title)", context: context), task: task, review: review, error: error,
            note: note)
        return try services.renderer.render(page, template: "quality/review", status: status)
    }

    /// The review page of an item; the id is percent-encoded as a query value.
    static func path(task: String, item: String) -> String {
        "/tasks/\(task)/review?item=" + (item.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }
}
