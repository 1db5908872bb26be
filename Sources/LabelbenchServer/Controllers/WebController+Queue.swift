import Foundation
import Hummingbird
import LabelbenchCore

/// The annotation queue: the annotator's tasks, one item at a time, submit and skip.
extension WebController {
    /// The answer form. `label` is one value for single choice and ratings, `label[]` for multiple choice.
    struct AnswerForm: Decodable {
        var csrf: String?
        var item: String?
        var lease: String?
        var started: String?
        var seconds: String?
        var label: [String]?

        enum CodingKeys: String, CodingKey { case csrf, item, lease, started, seconds, label }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            csrf = try container.decodeIfPresent(String.self, forKey: .csrf)
            item = try container.decodeIfPresent(String.self, forKey: .item)
            lease = try container.decodeIfPresent(String.self, forKey: .lease)
            started = try container.decodeIfPresent(String.self, forKey: .started)
            seconds = try container.decodeIfPresent(String.self, forKey: .seconds)
            label = container.decodeLabels(forKey: .label)
        }
    }

    struct SkipForm: Decodable {
        var csrf: String?
        var item: String?
    }

    @Sendable func queueList(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        var rows: [QueueListPage.Row] = []
        for summary in try await database.tasks(visibleTo: user) {
            let progress = try await database.progress(in: summary.task, for: user)
            rows.append(QueueListPage.Row(
                name: summary.task.name, title: summary.task.title, kind: summary.task.kind.rawValue,
                done: progress.done, remaining: progress.remaining, percent: Self.percent(progress)))
        }
        return try renderer.render(
            QueueListPage(chrome: Chrome(title: "Your queue", context: context), tasks: rows, hasTasks: !rows.isEmpty),
            template: "queue/list")
    }

    @Sendable func queueItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let task = try await database.task(named: context.parameters.require("task"), visibleTo: user)
        return try await itemPage(task: task, user: user, context: context, error: "", chosen: [], status: .ok)
    }

    @Sendable func submitAnswer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let task = try await database.task(named: context.parameters.require("task"), visibleTo: user)
        let form = try await FormInput.decode(AnswerForm.self, from: request, context: context)
        guard let item = form.item, !item.isEmpty else { return redirect(to: "/queue/\(task.name)") }
        let chosen = (form.label ?? []).filter { !$0.isEmpty }
        guard !chosen.isEmpty else {
            let message = task.answer == .multiple ? "Pick at least one label." : "Pick a label."
            return try await itemPage(task: task, user: user, context: context, error: message, chosen: [], status: .unprocessableContent)
        }
        let answer: Answer
        do {
            if task.answer == .multiple {
                answer = try Answer.parse(chosen, for: task)
            } else {
                answer = try Answer.parse(chosen[0], for: task)
            }
        } catch let error as DomainError {
            return try await itemPage(
                task: task, user: user, context: context, error: error.description, chosen: [], status: .unprocessableContent)
        }
        let submission = AnnotationSubmission(
            itemID: item, answer: answer, leaseToken: form.lease, requestID: nil, seconds: Self.seconds(form))
        do {
            _ = try await database.submitAnnotation(submission, in: task, by: user)
        } catch DomainError.conflict(let message) {
            return try renderer.render(
                QueueConflictPage(chrome: Chrome(title: "Already answered", context: context), taskName: task.name, message: message),
                template: "queue/conflict", status: .conflict)
        }
        return redirect(to: "/queue/\(task.name)")
    }

    @Sendable func skipItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let task = try await database.task(named: context.parameters.require("task"), visibleTo: user)
        let form = try await FormInput.decode(SkipForm.self, from: request, context: context)
        if let item = form.item, !item.isEmpty {
            try await database.skipItem(item, in: task, for: user)
        }
        return redirect(to: "/queue/\(task.name)")
    }

    /// Time spent: the browser's own count when it sent one, else the time since the page was served.
    static func seconds(_ form: AnswerForm) -> Double? {
        if let text = form.seconds, let value = Double(text), value.isFinite, value >= 0 {
            return min(value, 86_400)
        }
        if let text = form.started, let started = Double(text), started.isFinite {
            let elapsed = Date().timeIntervalSince1970 - started
            if elapsed >= 0 && elapsed <= 86_400 { return (elapsed * 10).rounded() / 10 }
        }
        return nil
    }

    static func percent(_ progress: QueueProgress) -> Int {
        let total = progress.done + progress.remaining
        return total == 0 ? 100 : progress.done * 100 / total
    }

    /// Leases (or re-shows) the annotator's item and renders it with the guideline version it was leased under.
    func itemPage(
        task: LabelingTask, user: User, context: AppRequestContext, error: String, chosen: Set<String>, status: HTTPResponse.Status
    ) async throws -> Response {
        let next = try await database.leaseNextItem(in: task, for: user)
        let progress = try await database.progress(in: task, for: user)
        let chrome = Chrome(title: task.title, context: context)
        switch next {
        case .idle(let idle):
            var message = "Nothing left for you in this task."
            if idle.waiting > 0 {
                let when = idle.retryAt.map { " after " + PageDate.string($0) } ?? " later"
                message = "\(idle.waiting) item\(idle.waiting == 1 ? " is" : "s are") being labeled by others; check back\(when)."
            }
            return try renderer.render(
                QueueItemPage(
                    chrome: chrome, taskName: task.name, taskTitle: task.title, hasItem: false, itemID: "", leaseToken: "",
                    started: "", expiresAt: "", content: nil, choices: [], isMultiple: false, instructionsHTML: "", hasInstructions: false, guidelines: [],
                    hasGuidelines: false, guidelineVersion: task.guidelineVersion, done: progress.done, remaining: progress.remaining,
                    percent: Self.percent(progress), error: error.nonEmpty, idleMessage: message, waiting: idle.waiting > 0),
                template: "queue/item", status: status)
        case .leased(let lease):
            let version = try await database.guidelineVersion(lease.guidelineVersion, of: task)
            let multiple = task.answer == .multiple
            let choices = task.labels.enumerated().map { index, label in
                QueueItemPage.Choice(
                    id: "label-\(index)", inputType: multiple ? "checkbox" : "radio", inputName: multiple ? "label[]" : "label",
                    value: label.name, key: label.key ?? "", hasKey: !(label.key ?? "").isEmpty,
                    descriptionHTML: SafeMarkdown.html(label.description ?? ""), hasDescription: !(label.description ?? "").isEmpty,
                    checked: chosen.contains(label.name))
            }
            let instructions = version?.instructions ?? ""
            let guidelines = (version?.guidelines ?? []).map {
                QueueItemPage.GuidelineView(title: $0.title, rulingHTML: SafeMarkdown.html($0.ruling))
            }
            let page = QueueItemPage(
                chrome: chrome, taskName: task.name, taskTitle: task.title, hasItem: true, itemID: lease.item.externalID,
                leaseToken: lease.token, started: String(Int(Date().timeIntervalSince1970)),
                expiresAt: PageDate.string(lease.expiresAt),
                content: ItemContent(lease.item),
                choices: choices, isMultiple: multiple,
                instructionsHTML: SafeMarkdown.html(instructions), hasInstructions: !instructions.isEmpty,
                guidelines: guidelines, hasGuidelines: !guidelines.isEmpty, guidelineVersion: lease.guidelineVersion,
                done: progress.done, remaining: progress.remaining, percent: Self.percent(progress),
                error: error.nonEmpty, idleMessage: "", waiting: false)
            return try renderer.render(page, template: "queue/item", status: status)
        }
    }
}
