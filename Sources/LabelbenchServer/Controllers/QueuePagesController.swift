import Foundation
import Hummingbird
import LabelbenchCore

/// The annotation queue in the browser: the annotator's tasks, one item at a time, submit, skip,
/// and going back to revise a recent answer. Works without JavaScript; `queue.js` adds keys.
struct QueuePagesController: Controller {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/queue", use: queueList)
        router.get("/queue/:task", use: queueItem)
        router.post("/queue/:task", use: submitAnswer)
        router.post("/queue/:task/skip", use: skipItem)
        router.get("/queue/:task/previous", use: previousAnswer)
        router.post("/queue/:task/previous", use: reviseAnswer)
        router.post("/queue/:task/flag", use: flagItem)
    }

    /// The answer form. `label` is one value for single choice and ratings, `label[]` for multiple choice;
    /// a span task sends `spans` (with JavaScript) or rows of `row_text[]`, `row_label[]` and
    /// `row_occurrence[]` (see `SpanAnswerInput`).
    struct AnswerForm: Decodable {
        var csrf: String?
        var item: String?
        var lease: String?
        var started: String?
        var seconds: String?
        var label: [String]?
        var spans: String?
        var rowText: [String]?
        var rowLabel: [String]?
        var rowOccurrence: [String]?
        var addRow: String?
        var noEntities: String?

        enum CodingKeys: String, CodingKey {
            case csrf, item, lease, started, seconds, label, spans
            case rowText = "row_text"
            case rowLabel = "row_label"
            case rowOccurrence = "row_occurrence"
            case addRow = "add_row"
            case noEntities = "no_entities"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            csrf = try container.decodeIfPresent(String.self, forKey: .csrf)
            item = try container.decodeIfPresent(String.self, forKey: .item)
            lease = try container.decodeIfPresent(String.self, forKey: .lease)
            started = try container.decodeIfPresent(String.self, forKey: .started)
            seconds = try container.decodeIfPresent(String.self, forKey: .seconds)
            label = container.decodeLabels(forKey: .label)
            spans = try container.decodeIfPresent(String.self, forKey: .spans)
            rowText = container.decodeLabels(forKey: .rowText)
            rowLabel = container.decodeLabels(forKey: .rowLabel)
            rowOccurrence = container.decodeLabels(forKey: .rowOccurrence)
            addRow = try container.decodeIfPresent(String.self, forKey: .addRow)
            noEntities = try container.decodeIfPresent(String.self, forKey: .noEntities)
        }

        /// The labels ticked, empty ones left out.
        var chosen: [String] { (label ?? []).filter { !$0.isEmpty } }

        /// The span answer's fields; each row sends all three controls, so the lists line up.
        var spanInput: SpanAnswerInput {
            let (texts, labels, occurrences) = (rowText ?? [], rowLabel ?? [], rowOccurrence ?? [])
            let count = max(texts.count, labels.count, occurrences.count)
            func at(_ list: [String], _ index: Int) -> String { index < list.count ? list[index] : "" }
            let rows = (0..<count).map {
                SpanAnswerInput.Row(text: at(texts, $0), label: at(labels, $0), occurrence: at(occurrences, $0))
            }
            return SpanAnswerInput(json: spans, rows: rows, addRow: addRow != nil, noEntities: noEntities != nil)
        }
    }

    struct SkipForm: Decodable {
        var csrf: String?
        var item: String?
        var reason: String?
    }

    @Sendable func queueList(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let query = ListQuery(request, sorts: QueueListSort.self, default: .name)
        let page = try await database.queueOverview(for: user, query.listRequest)
        return try renderer.render(
            QueueListPage(chrome: Chrome(title: "Your queue", context: context), page: page, query: query), template: "queue/list"
        )
    }

    @Sendable func queueItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: database)
        if try await database.isArchived(task) {
            return try renderer.render(
                QueueArchivedPage(chrome: Chrome(title: task.title, context: context), taskTitle: task.title),
                template: "queue/archived", status: .gone)
        }
        // `?answered=ID` follows a wrong answer to a gold item: the page shows what was expected and why.
        var feedback: GoldFeedback?
        if let answered = request.uri.queryParameters.get("answered"), !answered.isEmpty {
            feedback = try await database.missedGold(String(answered), in: task, by: user)
        }
        return try await itemPage(
            task: task, user: user, context: context, error: "", chosen: [], status: .ok, feedback: feedback)
    }

    @Sendable func submitAnswer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: database)
        if task.answer == .boxes { return try await submitBoxes(request, context: context, task: task, user: user) }
        let form = try await FormInput.decode(AnswerForm.self, from: request, context: context)
        guard let item = form.item, !item.isEmpty else { return redirect(to: "/queue/\(task.name)") }
        let answer: Answer
        do {
            switch try await reading(form, item: item, in: task) {
            case .answer(let read): answer = read
            case .draft(let draft):
                return try await itemPage(
                    task: task, user: user, context: context, error: draft.error ?? "", chosen: [], spanDraft: draft,
                    status: draft.refused ? .unprocessableContent : .ok)
            }
        } catch let error as DomainError {
            return try await itemPage(
                task: task, user: user, context: context, error: error.formMessage ?? error.description, chosen: [],
                status: .unprocessableContent)
        }
        let submission = AnnotationSubmission(
            itemID: item, answer: answer, leaseToken: form.lease, requestID: nil, seconds: Self.seconds(form))
        let stored: AnnotationView
        do {
            stored = try await database.submitAnnotation(submission, in: task, by: user)
        } catch DomainError.conflict(let message) {
            return try conflictPage(task: task, message: message, context: context)
        } catch DomainError.invalid(let message) where task.answer == .spans {
            // A posted span list that runs past the item's text: shown again with the reason.
            return try await itemPage(
                task: task, user: user, context: context, error: message, chosen: [], status: .unprocessableContent)
        }
        return answered(stored, in: task, context: context)
    }

    @Sendable func skipItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: database)
        let form = try await FormInput.decode(SkipForm.self, from: request, context: context)
        if let item = form.item, !item.isEmpty {
            try await database.skipItem(item, in: task, for: user, reason: form.reason)
        }
        return redirect(to: "/queue/\(task.name)")
    }

    /// The annotator's latest answer (or the one `?item=` names) with its choices, to change it.
    @Sendable func previousAnswer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: database)
        let itemID = request.uri.queryParameters.get("item").flatMap { $0.isEmpty ? nil : String($0) }
        return try await previousPage(task: task, user: user, itemID: itemID, error: nil, context: context)
    }

    @Sendable func reviseAnswer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: database)
        if task.answer == .boxes { return try await reviseBoxes(request, context: context, task: task, user: user) }
        let form = try await FormInput.decode(AnswerForm.self, from: request, context: context)
        guard let item = form.item, !item.isEmpty else { return redirect(to: "/queue/\(task.name)/previous") }
        do {
            switch try await reading(form, item: item, in: task) {
            case .answer(let answer):
                try await database.reviseAnnotation(itemID: item, answer: answer, in: task, by: user)
            case .draft(let draft):
                return try await previousPage(
                    task: task, user: user, itemID: item, error: draft.error, spanDraft: draft, context: context)
            }
        } catch DomainError.invalid(let message) {
            return try await previousPage(task: task, user: user, itemID: item, error: message, context: context)
        } catch DomainError.conflict(let message) {
            return try conflictPage(task: task, message: message, context: context)
        }
        return redirect(to: "/queue/\(task.name)")
    }

    /// The answer to change: with an error, shown again (422); an item named that has none is 404. A span
    /// draft shown again after "Add another row" is 200.
    func previousPage(
        task: LabelingTask, user: User, itemID: String?, error: String?, spanDraft: SpanDraft? = nil, boxDraft: BoxDraft? = nil,
        context: AppRequestContext
    ) async throws -> Response {
        let revisable = try await database.revisableAnswer(in: task, by: user, itemID: itemID)
        let refused = spanDraft.map(\.refused) ?? boxDraft.map { $0.refused != nil } ?? (error != nil)
        let status: HTTPResponse.Status = refused ? .unprocessableContent : revisable == nil && itemID != nil ? .notFound : .ok
        var page = QueuePreviousPage(
            chrome: Chrome(title: "Change an answer", context: context), task: task, revisable: revisable, error: error,
            spanDraft: spanDraft, boxDraft: boxDraft)
        if let item = revisable?.item.externalID {
            page.flag = QueueFlagForm(
                task: task, item: item, open: try await database.openFlag(on: item, in: task, by: user), back: "previous")
        }
        return try renderer.render(page, template: "queue/previous", status: status)
    }

    /// What the answer form says: the ticked labels, or for a span task the spans or rows, which are
    /// placed on the item's text.
    func reading(_ form: AnswerForm, item: String, in task: LabelingTask) async throws -> SpanAnswerInput.Reading {
        guard task.answer == .spans else { return .answer(try .chosen(form.chosen, for: task)) }
        return form.spanInput.reading(for: task, text: try await database.itemText(item, in: task) ?? "")
    }

    func conflictPage(task: LabelingTask, message: String, context: AppRequestContext) throws -> Response {
        try renderer.render(
            QueueConflictPage(chrome: Chrome(title: "Already answered", context: context), taskName: task.name, message: message),
            template: "queue/conflict", status: .conflict)
    }

    /// Time spent: the browser's own count when it sent one, else the time since the page was served.
    static func seconds(_ form: some TimedForm) -> Double? {
        if let text = form.seconds, let value = Double(text), value.isFinite, value >= 0 {
            return min(value, 86_400)
        }
        if let text = form.started, let started = Double(text), started.isFinite {
            let elapsed = Date().timeIntervalSince1970 - started
            if elapsed >= 0 && elapsed <= 86_400 { return (elapsed * 10).rounded() / 10 }
        }
        return nil
    }

    /// Leases (or re-shows) the annotator's item and renders it with the guideline version it was leased under.
    func itemPage(
        task: LabelingTask, user: User, context: AppRequestContext, error: String, chosen: Set<String>,
        spanDraft: SpanDraft? = nil, boxDraft: BoxDraft? = nil, status: HTTPResponse.Status, feedback: GoldFeedback? = nil
    ) async throws -> Response {
        let next: NextItem
        do {
            next = try await database.leaseNextItem(in: task, for: user)
        } catch let paused as AnnotatorPaused {
            return try pausedPage(paused, task: task, feedback: feedback, context: context)
        }
        let progress = try await database.progress(in: task, for: user)
        let canGoBack = try await database.revisableAnswer(in: task, by: user, itemID: nil) != nil
        let chrome = Chrome(title: task.title, context: context)
        switch next {
        case .idle(let idle):
            var page = QueueItemPage(
                idle: idle, task: task, progress: progress, canGoBack: canGoBack, chrome: chrome, error: error)
            page.goldFeedback = feedback.map { GoldFeedbackView($0, in: task) }
            return try renderer.render(page, template: "queue/item", status: status)
        case .leased(let lease):
            let version = try await database.guidelineVersion(lease.guidelineVersion, of: task)
            var page = QueueItemPage(
                lease: lease, version: version, task: task, progress: progress, canGoBack: canGoBack, chosen: chosen,
                spanDraft: spanDraft, boxDraft: boxDraft, chrome: chrome,
                error: error)
            let item = lease.item.externalID
            page.flag = QueueFlagForm(task: task, item: item, open: try await database.openFlag(on: item, in: task, by: user))
            page.goldFeedback = feedback.map { GoldFeedbackView($0, in: task) }
            return try renderer.render(page, template: "queue/item", status: status)
        }
    }
}
