import ArtifactStore
import Foundation
import Hummingbird
import LabelbenchCore

/// The practitioner's task list and what a finished task needs: its progress page, an export to
/// the artifact store, archiving and deleting (each behind a form with its CSRF token).
struct TaskListController: Controller {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/tasks", use: taskList)
        router.get("/tasks/:task/progress", use: progressPage)
        router.post("/tasks/:task/archive", use: archive)
        router.get("/tasks/:task/delete", use: deletePage)
        router.post("/tasks/:task/delete", use: delete)
        router.get("/tasks/:task/export", use: exportPage)
        router.post("/tasks/:task/export", use: export)
    }

    @Sendable func taskList(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireManager()
        let shelf = request.uri.queryParameters.get("shelf").flatMap { TaskShelf(rawValue: String($0)) } ?? .active
        let query = ListQuery(
            request, sorts: TaskListSort.self, default: .name, extra: shelf == .archived ? [("shelf", shelf.rawValue)] : [])
        let page = try await database.taskProgress(query.listRequest, shelf: shelf)
        return try renderer.render(
            TaskListPage(chrome: Chrome(title: "Tasks", context: context), page: page, query: query, shelf: shelf),
            template: "tasks/list")
    }

    /// Done and needed answers, per annotator, and the items that stalled with their skip reasons.
    @Sendable func progressPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, task) = try await context.task(in: database, for: .manage)
        let progress = try await database.taskProgress(of: task)
        let stalled = try await database.stalledItems(of: task)
        return try renderer.render(
            TaskProgressPage(
                chrome: Chrome(title: "Progress · \(task.title)", context: context), progress: progress, stalled: stalled),
            template: "tasks/progress")
    }

    struct ArchiveForm: Decodable {
        var csrf: String?
        var archived: String?
    }

    @Sendable func archive(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, task) = try await context.task(in: database, for: .manage)
        let form = try await FormInput.decode(ArchiveForm.self, from: request, context: context)
        let archived = form.archived != "0"
        try await database.setArchived(archived, task: task)
        context.logger.info(archived ? "task archived" : "task restored", metadata: ["task": "\(task.name)"])
        return redirect(to: archived ? "/tasks?shelf=archived" : "/tasks")
    }

    @Sendable func deletePage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, task) = try await context.task(in: database, for: .manage)
        return try await deleteForm(task, error: nil, context: context)
    }

    /// The confirmation page, with what deleting the task would remove; with an error, shown again (422).
    func deleteForm(_ task: LabelingTask, error: String?, context: AppRequestContext) async throws -> Response {
        let progress = try await database.taskProgress(of: task)
        return try renderer.render(
            TaskDeletePage(chrome: Chrome(title: "Delete \(task.title)", context: context), progress: progress, error: error),
            template: "tasks/delete", status: error == nil ? .ok : .unprocessableContent)
    }

    /// The confirmation form: the task's name typed again, so a stray click deletes nothing.
    struct DeleteForm: Decodable {
        var csrf: String?
        var confirm: String?
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, task) = try await context.task(in: database, for: .manage)
        let form = try await FormInput.decode(DeleteForm.self, from: request, context: context)
        guard form.confirm?.trimmingCharacters(in: .whitespaces) == task.name else {
            return try await deleteForm(task, error: "Type the task's name, \(task.name), to delete it.", context: context)
        }
        try await database.deleteTask(task)
        context.logger.notice("task deleted", metadata: ["task": "\(task.name)", "user": "\(context.user?.name ?? "")"])
        return redirect(to: "/tasks?deleted=\(URLText.component(task.name))")
    }

    @Sendable func exportPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, task) = try await context.task(in: database, for: .manage)
        return try exportForm(task, form: ExportForm(), error: nil, context: context)
    }

    /// The export form, blank or as posted; with an error, shown again (422).
    func exportForm(_ task: LabelingTask, form: ExportForm, error: String?, context: AppRequestContext) throws -> Response {
        try renderer.render(
            TaskExportPage(chrome: Chrome(title: "Export \(task.title)", context: context), task: task, form: form, error: error),
            template: "tasks/export", status: error == nil ? .ok : .unprocessableContent)
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: database, for: .manage)
        let form = try await FormInput.decode(ExportForm.self, from: request, context: context)
        let result: CommitResult
        do {
            result = try await services.exportVersion(of: task, options: try form.options(), by: user)
        } catch let error as DomainError {
            guard let message = error.formMessage else { throw error }
            return try exportForm(task, form: form, error: message, context: context)
        }
        context.logger.info(
            "security: export",
            metadata: ["task": "\(task.name)", "user": "\(user.name)", "version": "\(result.version.reference)"])
        for override in result.overrides { context.logger.protectedAliasForced(override, onto: result.version) }
        return redirect(
            to: ArtifactVersionPage.path(result.version.collection, result.version.number)
                + (result.isNew ? "?created=1" : "?unchanged=1"))
    }
}
