import Foundation
import Hummingbird
import LabelbenchCore

/// Task authoring: the form for a new task and for editing one, and the item upload on the edit page.
/// Forms post, then redirect (303); a form with problems is shown again with them beside their fields (422).
struct TaskFormController: Controller {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/tasks/new", use: newTaskPage)
        router.post("/tasks/new", use: createTask)
        router.get("/tasks/:task/edit", use: editTaskPage)
        router.post("/tasks/:task/edit", use: updateTask)
        router.post("/tasks/:task/items", use: uploadItems)
    }

    @Sendable func newTaskPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireManager()
        let blank = TaskDefinition(
            name: "", title: "", labels: [TaskLabel(name: "yes", key: "1"), TaskLabel(name: "no", key: "2")])
        return try await taskForm(context: context, task: nil, definition: blank, status: .ok)
    }

    @Sendable func createTask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireManager()
        let form = try await FormInput.decode(TaskForm.self, from: request, context: context)
        return try await save(form, task: nil, authoring: nil, by: user, context: context)
    }

    @Sendable func editTaskPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, task) = try await context.task(in: database, for: .manage)
        let authoring = try await database.taskAuthoring(of: task)
        let query = request.uri.queryParameters
        var notice = ""
        if query.get("saved") != nil { notice = "Saved." }
        if let imported = query.get("imported").flatMap({ Int($0) }) {
            let updated = query.get("updated").flatMap { Int($0) } ?? 0
            notice = Self.importNotice(ImportReport(imported: imported, updated: updated, gold: 0))
        }
        // A flag on the quality or review page starts a guideline with its item as the example.
        var flag: ItemFlag?
        if let id = query.get("from_flag").flatMap({ Int64($0) }) { flag = try await database.flag(id, in: task) }
        return try await taskForm(
            context: context, task: task, definition: try Self.saved(authoring), authoring: authoring, status: .ok,
            notice: notice, guidelineFromItem: flag?.item ?? query.get("from_item"), fromFlag: flag)
    }

    @Sendable func updateTask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: database, for: .manage)
        let form = try await FormInput.decode(TaskForm.self, from: request, context: context)
        let authoring = try await database.taskAuthoring(of: task)
        return try await save(form, task: task, authoring: authoring, by: user, context: context)
    }

    /// Creates or updates the task from a posted form, unless the form asks for a row change or has
    /// problems (its own, or Core's refusal): then it is shown again with them.
    func save(
        _ form: TaskForm, task: LabelingTask?, authoring: TaskAuthoring?, by user: User, context: AppRequestContext
    ) async throws -> Response {
        var (definition, errors) = form.definition(existing: try authoring.map(Self.saved))
        if form.rowEdit == nil && errors.isEmpty {
            do {
                let saved =
                    if let task {
                        try await database.updateTask(
                            named: task.name, with: definition, by: user, resolvingFlag: form.newGuidelineFlag)
                    } else {
                        try await database.createTask(definition, by: user)
                    }
                context.logger.info(
                    task == nil ? "task created" : "task updated", metadata: ["task": "\(saved.name)", "user": "\(user.name)"])
                return redirect(to: "/tasks/\(saved.name)/edit?saved=1")
            } catch let error as DomainError {
                guard let message = error.formMessage else { throw error }
                errors.add(refusal: message)
            }
        }
        definition.name = task?.name ?? form.name
        var flag: ItemFlag?
        if let id = form.newGuidelineFlag, let task { flag = try await database.flag(id, in: task) }
        return try await taskForm(
            context: context, task: task, definition: definition, authoring: authoring, reshown: form, errors: errors,
            fromFlag: flag)
    }

    /// `multipart/form-data` whose first part is the `csrf` field, then the files and `update`; imports all
    /// files or none. The token is checked before any file part is read.
    @Sendable func uploadItems(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, task) = try await context.task(in: database, for: .manage)
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

    /// The definition of a saved task as its form reads it.
    static func saved(_ authoring: TaskAuthoring) throws -> TaskDefinition {
        guard let definition = authoring.definition else { throw DomainError.notFound("the task no longer exists") }
        return definition
    }

    /// Renders the form page; `authoring` is read here when not given. Shown again after a row button
    /// without problems it is 200, with problems 422, unless `status` says otherwise.
    func taskForm(
        context: AppRequestContext, task: LabelingTask?, definition: TaskDefinition, authoring: TaskAuthoring? = nil,
        reshown: TaskForm? = nil, errors: TaskFormErrors = TaskFormErrors(), status: HTTPResponse.Status? = nil,
        notice: String = "", uploadError: String = "", guidelineFromItem: String? = nil, fromFlag: ItemFlag? = nil
    ) async throws -> Response {
        let authoring = if let authoring { authoring } else { try await database.taskAuthoring(of: task) }
        var page = TaskFormPage(
            chrome: Chrome(title: task.map { "Edit \($0.name)" } ?? "New task", context: context), task: task,
            definition: definition, authoring: authoring, reshown: reshown, errors: errors, notice: notice,
            uploadError: uploadError, guidelineFromItem: guidelineFromItem)
        page.fromFlag = fromFlag.map(GuidelineFlagOrigin.init)
        let shownStatus = status ?? (reshown?.rowEdit != nil && errors.isEmpty ? .ok : .unprocessableContent)
        return try services.renderer.render(page, template: "tasks/form", status: shownStatus)
    }
}
