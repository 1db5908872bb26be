import Agreement
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
        /// A span task's ruling as rows: entity text, class and occurrence, column by column.
        var spanRows: SpanRulingRows
        /// A box task's ruling as rows of x, y, w, h and class, read as the box queue reads them.
        var boxRows: BoxForm

        enum CodingKeys: String, CodingKey {
            case csrf, item, label, note, action
            case spanText = "span_text"
            case spanClass = "span_class"
            case spanOccurrence = "span_occurrence"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            csrf = try container.decodeIfPresent(String.self, forKey: .csrf)
            item = try container.decodeIfPresent(String.self, forKey: .item)
            note = try container.decodeIfPresent(String.self, forKey: .note)?.withLineFeeds
            action = try container.decodeIfPresent(String.self, forKey: .action)
            label = container.decodeLabels(forKey: .label)
            spanRows = SpanRulingRows(
                texts: container.decodeLabels(forKey: .spanText) ?? [],
                labels: container.decodeLabels(forKey: .spanClass) ?? [],
                occurrences: container.decodeLabels(forKey: .spanOccurrence) ?? [])
            boxRows = try BoxForm(from: decoder)
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
            RulingEvents.sentBack(1, in: task, by: user, logger: context.logger)
            return redirect(to: Self.path(task: task.name, item: item))
        }
        if form.action == "withdraw" {
            try await services.database.removeAdjudication(item, in: task)
            RulingEvents.withdrawn(item, in: task, by: user, logger: context.logger)
            return redirect(to: Self.path(task: task.name, item: item))
        }
        if task.answer == .spans { return try await ruleOnSpans(form, item: item, task: task, user: user, context: context) }
        if task.answer == .boxes { return try await ruleOnBoxes(form, item: item, task: task, user: user, context: context) }
        do {
            let answer = try Answer.chosen((form.label ?? []).filter { !$0.isEmpty }, for: task)
            try await services.database.adjudicate(item, in: task, answer: answer, note: form.note, by: user)
        } catch DomainError.invalid(let message) {
            return try await render(
                task: task, item: item, context: context, error: message, note: form.note, status: .unprocessableContent)
        }
        return ruled(item, in: task, by: user, context: context)
    }

    /// A span task's ruling from the form's rows. "Add a row" shows the rows again with an empty one;
    /// a refused row shows them again with its reason beside it (422), and nothing is stored.
    private func ruleOnSpans(
        _ form: RulingForm, item: String, task: LabelingTask, user: User, context: AppRequestContext
    ) async throws -> Response {
        let text = try await services.database.reviewItem(item, in: task).item.text ?? ""
        let spans: [Span]
        switch form.spanRows.reading(addRow: form.action == "add_row", text: text, classes: task.labelNames) {
        case .shownAgain(let rows, let refused):
            return try await render(
                task: task, item: item, context: context, error: rows.summary, note: form.note, rows: rows,
                status: refused ? .unprocessableContent : .ok)
        case .spans(let placed):
            spans = placed
        }
        do {
            try await services.database.adjudicate(
                item, in: task, answer: SpanAnswerInput.answer(spans, for: task), note: form.note, by: user)
        } catch DomainError.invalid(let message) {
            return try await render(
                task: task, item: item, context: context, error: message, note: form.note, rows: form.spanRows,
                status: .unprocessableContent)
        }
        return ruled(item, in: task, by: user, context: context)
    }

    func render(
        task: LabelingTask, item: String, context: AppRequestContext, error: String?, note: String?,
        rows: SpanRulingRows? = nil, boxDraft: BoxDraft? = nil, status: HTTPResponse.Status
    ) async throws -> Response {
        let review = try await services.database.reviewItem(item, in: task)
        let flags = FlagListView(reviewOf: task, flags: try await services.database.flags(in: task, state: .all, item: item))
        if task.answer == .boxes {
            var page = BoxReviewPage(
                chrome: Chrome(title: "Review \(item) · \(task.title)", context: context), task: task, review: review,
                draft: boxDraft, note: note)
            page.flags = flags
            return try services.renderer.render(page, template: "quality/box-review", status: status)
        }
        if task.answer == .spans {
            var page = SpanReviewPage(
                chrome: Chrome(title: "Review \(item) · \(task.title)", context: context), task: task, review: review,
                rows: rows, error: error, note: note)
            page.flags = flags
            return try services.renderer.render(page, template: "quality/span-review", status: status)
        }
        var page = ReviewPage(
            chrome: Chrome(title: "Review \(item) · \(task.title)", context: context), task: task, review: review, error: error,
            note: note)
        page.flags = flags
        return try services.renderer.render(page, template: "quality/review", status: status)
    }

    /// After a ruling is stored: the log line, and back to the item's review page (303).
    func ruled(_ item: String, in task: LabelingTask, by user: User, context: AppRequestContext) -> Response {
        RulingEvents.ruled(item, in: task, by: user, logger: context.logger)
        return redirect(to: Self.path(task: task.name, item: item))
    }

    /// The review page of an item; the id is percent-encoded as a query value.
    static func path(task: String, item: String) -> String {
        "/tasks/\(task)/review?item=" + (item.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }
}
