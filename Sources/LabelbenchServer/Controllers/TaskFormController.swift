import Foundation
import Hummingbird
import LabelbenchCore

/// Task pages: the authoring form (new and edit) and the item upload.
extension WebController {
    @Sendable func newTaskPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireManager()
        let blank = TaskDefinition(
            name: "", title: "", labels: [TaskLabel(name: "yes", key: "1"), TaskLabel(name: "no", key: "2")])
        return try await taskForm(context: context, task: nil, definition: blank, status: .ok)
    }

    @Sendable func createTask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireManager()
        let form = try await FormInput.decode(TaskForm.self, from: request, context: context)
        var (definition, errors) = form.definition(existing: nil)
        if form.rowEdit == nil && errors.isEmpty {
            do {
                let task = try database.createTask(definition, by: user)
                context.logger.info("task created", metadata: ["task": "\(task.name)", "user": "\(user.name)"])
                return redirect(to: "/tasks/\(task.name)/edit?saved=1")
            } catch let error as DomainError {
                guard let message = error.formMessage else { throw error }
                errors.add(refusal: message)
            }
        }
        definition.name = form.name
        return try await taskForm(context: context, task: nil, definition: definition, reshown: form, errors: errors)
    }

    @Sendable func editTaskPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireManager()
        let task = try await database.task(named: context.parameters.require("task"), visibleTo: user)
        let authoring = try await database.taskAuthoring(of: task)
        let query = request.uri.queryParameters
        var notice = ""
        if query.get("saved") != nil { notice = "Saved." }
        if let imported = query.get("imported").flatMap({ Int($0) }) {
            let updated = query.get("updated").flatMap { Int($0) } ?? 0
            notice = Self.importNotice(ImportReport(imported: imported, updated: updated, gold: 0))
        }
        return try await taskForm(
            context: context, task: task, definition: try Self.saved(authoring), authoring: authoring, status: .ok,
            notice: notice,
            guidelineFromItem: query.get("from_item"))
    }

    @Sendable func updateTask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireManager()
        let task = try await database.task(named: context.parameters.require("task"), visibleTo: user)
        let form = try await FormInput.decode(TaskForm.self, from: request, context: context)
        let authoring = try await database.taskAuthoring(of: task)
        var (definition, errors) = form.definition(existing: try Self.saved(authoring))
        if form.rowEdit == nil && errors.isEmpty {
            do {
                try database.updateTask(named: task.name, with: definition, by: user)
                context.logger.info("task updated", metadata: ["task": "\(task.name)", "user": "\(user.name)"])
                return redirect(to: "/tasks/\(task.name)/edit?saved=1")
            } catch let error as DomainError {
                guard let message = error.formMessage else { throw error }
                errors.add(refusal: message)
            }
        }
        definition.name = task.name
        return try await taskForm(
            context: context, task: task, definition: definition, authoring: authoring, reshown: form, errors: errors)
    }

    /// `multipart/form-data` whose first part is the `csrf` field, then the files and `update`; imports all
    /// files or none. The token is checked before any file part is read.
    @Sendable func uploadItems(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireManager()
        let task = try await database.task(named: context.parameters.require("task"), visibleTo: user)
        let contentType = request.headers[.contentType] ?? ""
        guard contentType.lowercased().hasPrefix("multipart/form-data") else {
            throw DomainError.invalid("upload the files with the form on the task page")
        }
        let body = Data(buffer: try await request.body.collect(upTo: services.config.maxUploadBytes))
        var form = try MultipartForm(body: body, contentType: contentType)
        // A first part that is unreadable or not the token is a form without a token, refused before any file is read.
        let first = try? form.next()
        try FormInput.checkCSRF(
            first.flatMap { $0.name == "csrf" && $0.fileName == nil ? String(decoding: $0.data, as: UTF8.self) : nil },
            context: context)
        do {
            let parts = try form.remainingParts()
            let update = parts.contains { $0.name == "update" && $0.fileName == nil && $0.data == Data("1".utf8) }
            let report = try await ItemUpload(services: services).importFiles(
                ItemUpload.files(in: parts), into: task, update: update, context: context)
            guard report.skipped.isEmpty else {
                // Skipped files are named on the page itself: a redirect could only count them.
                let definition = try await database.definition(of: task)
                return try await taskForm(
                    context: context, task: task, definition: definition, status: .ok, notice: Self.importNotice(report))
            }
            return redirect(to: "/tasks/\(task.name)/edit?imported=\(report.imported)&updated=\(report.updated)")
        } catch let error as DomainError {
            guard let message = error.formMessage else { throw error }
            let definition = try await database.definition(of: task)
            return try await taskForm(
                context: context, task: task, definition: definition, status: .unprocessableContent, uploadError: message)
        }
    }

    /// "Imported 3 items. Skipped 2 files: a.txt: not an image; …", naming at most ten skipped files.
    static func importNotice(_ report: ImportReport) -> String {
        var notice =
            "Imported \(report.imported) item\(report.imported == 1 ? "" : "s")"
            + (report.updated > 0 ? ", updated \(report.updated)." : ".")
        if !report.skipped.isEmpty {
            let shown = report.skipped.prefix(10).joined(separator: "; ")
            let more = report.skipped.count > 10 ? "; and \(report.skipped.count - 10) more" : ""
            notice += " Skipped \(report.skipped.count) file\(report.skipped.count == 1 ? "" : "s"): \(shown)\(more)."
        }
        return notice
    }

    // MARK: - Building the page

    /// The definition of a saved task as its form reads it.
    static func saved(_ authoring: TaskAuthoring) throws -> TaskDefinition {
        guard let definition = authoring.definition else { throw DomainError.notFound("the task no longer exists") }
        return definition
    }

    /// The form page showing `definition`. `authoring` is what the page reads besides (read here when
    /// not given); `reshown` is a posted form shown again (after a row button, or with its problems):
    /// its label rows and guideline entries are shown as typed.
    func taskForm(
        context: AppRequestContext, task: LabelingTask?, definition: TaskDefinition, authoring: TaskAuthoring? = nil,
        reshown: TaskForm? = nil, errors: TaskFormErrors = TaskFormErrors(), status: HTTPResponse.Status? = nil,
        notice: String = "", uploadError: String = "", guidelineFromItem: String? = nil
    ) async throws -> Response {
        let authoring = if let authoring { authoring } else { try await database.taskAuthoring(of: task) }
        let accounts = authoring.annotatorAccounts
        let assigned = Set(definition.annotators)
        // Assigned names that are not annotator accounts still show, so saving does not drop them silently.
        let names = accounts + definition.annotators.filter { !accounts.contains($0) }
        let versions = authoring.versions.map { version in
            TaskFormPage.VersionRow(
                version: version.version, date: PageDate.string(version.createdAt), guidelines: version.guidelines.count,
                current: version.version == task?.guidelineVersion)
        }
        let page = TaskFormPage(
            chrome: Chrome(title: task.map { "Edit \($0.name)" } ?? "New task", context: context),
            isNew: task == nil,
            action: task.map { "/tasks/\($0.name)/edit" } ?? "/tasks/new",
            name: definition.name, title: definition.title,
            kinds: ItemKind.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.rawValue, selected: $0 == definition.kind)
            },
            answers: AnswerType.allCases.map {
                SelectOption(value: $0.rawValue, label: Self.answerLabel($0), selected: $0 == definition.answer)
            },
            labelRows: Self.labelRows(
                reshown?.editedRows()
                    ?? definition.labels.map {
                        TaskForm.LabelRow(name: $0.name, key: $0.key ?? "", description: $0.description ?? "")
                    }, errors: errors),
            overlap: reshown?.overlap ?? String(definition.overlap),
            leaseSeconds: reshown?.leaseSeconds ?? String(definition.leaseSeconds),
            goldRate: reshown?.goldRate ?? Self.format(definition.goldRate),
            instructions: definition.instructions,
            instructionsHTML: SafeMarkdown.html(definition.instructions),
            hasPreview: task != nil && !definition.instructions.isEmpty,
            guidelines: Self.guidelineEntries(
                definition: definition, reshown: reshown, errors: errors, fromItem: guidelineFromItem),
            guidelineCount: definition.guidelines.count,
            newGuidelineExamples: Self.exampleItems(guidelineFromItem ?? reshown?.newGuidelineExamples),
            annotators: names.map { CheckOption(value: $0, checked: assigned.contains($0)) },
            hasAnnotatorAccounts: !names.isEmpty,
            errors: errors.templateValues, hasErrors: !errors.isEmpty, notice: notice.nonEmpty,
            versions: versions,
            uploadAction: task.map { "/tasks/\($0.name)/items" } ?? "",
            uploadError: uploadError.nonEmpty)
        let shownStatus = status ?? (reshown?.rowEdit != nil && errors.isEmpty ? .ok : .unprocessableContent)
        return try renderer.render(page, template: "tasks/form", status: shownStatus)
    }

    /// The label rows with their messages, plus one empty row to type a new label into.
    static func labelRows(_ rows: [TaskForm.LabelRow], errors: TaskFormErrors) -> [TaskFormPage.LabelRow] {
        let shown = rows.last?.isBlank == true ? rows : rows + [TaskForm.LabelRow()]
        return shown.enumerated().map { index, row in
            TaskFormPage.LabelRow(
                index: index, number: index + 1, name: row.name, key: row.key, description: row.description,
                canMoveUp: index > 0 && index < rows.count, canRemove: index < rows.count, error: errors.byLabelRow[index])
        }
    }

    /// The guidelines as saved (or as posted, when the form is shown again), then an empty entry to add one.
    static func guidelineEntries(
        definition: TaskDefinition, reshown: TaskForm?, errors: TaskFormErrors, fromItem: String?
    ) -> [TaskFormPage.GuidelineEntry] {
        let titles = reshown?.guidelineTitles ?? definition.guidelines.map(\.title)
        let rulings = reshown?.guidelineRulings ?? definition.guidelines.map(\.ruling)
        var entries: [TaskFormPage.GuidelineEntry] = []
        for index in 0..<max(titles.count, rulings.count) {
            let title = index < titles.count ? titles[index] : ""
            let ruling = index < rulings.count ? rulings[index] : ""
            // A posted entry left empty was the "add" entry; a fresh one replaces it below.
            if reshown != nil && title.isEmpty && ruling.isEmpty { continue }
            let error = errors.byGuideline[index]
            entries.append(
                TaskFormPage.GuidelineEntry(
                    index: entries.count, number: entries.count + 1, title: title, ruling: ruling, isNew: false,
                    isOpen: error != nil, removeChecked: reshown?.guidelineRemovals.contains(String(index)) ?? false,
                    error: error, examples: nil))
        }
        // A contested item on the quality page starts a new ruling with that item as its example.
        let item = reshown == nil ? exampleItems(fromItem) : nil
        entries.append(
            TaskFormPage.GuidelineEntry(
                index: entries.count, number: entries.count + 1, title: item.map { "Item \($0)" } ?? "", ruling: "",
                isNew: true, isOpen: true, removeChecked: false, error: nil, examples: item))
        return entries
    }

    /// The example items a new guideline carries: the contested item it was started from, kept when the form is shown again.
    static func exampleItems(_ text: String?) -> String? {
        text.flatMap { $0.isEmpty || $0.count > 256 ? nil : $0 }
    }

    static func answerLabel(_ answer: AnswerType) -> String {
        switch answer {
        case .single: "single choice"
        case .multiple: "multiple choice"
        case .rating: "rating (ordered scale)"
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
