import Foundation
import Hummingbird
import LabelbenchCore

/// The admin's account page: list accounts, create one, assign an annotator to a task.
extension WebController {
    struct NewUserForm: Decodable {
        var csrf: String?
        var name: String?
        var role: String?
        var password: String?
    }

    struct AssignForm: Decodable {
        var csrf: String?
        var user: String?
        var task: String?
    }

    @Sendable func usersPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireAdmin()
        var notice = ""
        if let created = request.uri.queryParameters.get("created") { notice = "Account \(created) created." }
        if let assigned = request.uri.queryParameters.get("assigned") { notice = "Assigned \(assigned)." }
        return try await usersPage(context: context, notice: notice, status: .ok)
    }

    @Sendable func createUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try context.requireAdmin()
        let form = try await FormInput.decode(NewUserForm.self, from: request, context: context)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let role = Role(rawValue: form.role ?? "") else {
            return try await usersPage(
                context: context, newName: name, createError: "role: choose admin, practitioner or annotator", status: .unprocessableContent)
        }
        guard let password = form.password, !password.isEmpty else {
            return try await usersPage(context: context, newName: name, createError: "password: give a password", status: .unprocessableContent)
        }
        do {
            let user = try database.createUser(name: name, role: role, password: password)
            context.logger.info("security: account created", metadata: ["user": "\(user.name)", "role": "\(role.rawValue)", "by": "\(admin.name)"])
            return redirect(to: "/admin/users?created=" + Self.queryValue(user.name))
        } catch let error as DomainError {
            guard let message = error.formMessage else { throw error }
            return try await usersPage(context: context, newName: name, createError: message, status: .unprocessableContent)
        }
    }

    @Sendable func assignAnnotator(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try context.requireAdmin()
        let form = try await FormInput.decode(AssignForm.self, from: request, context: context)
        let user = form.user ?? ""
        let task = form.task ?? ""
        do {
            guard !user.isEmpty, !task.isEmpty else { throw DomainError.invalid("choose an annotator and a task") }
            try database.assignAnnotator(user, toTask: task)
            context.logger.info("annotator assigned", metadata: ["user": "\(user)", "task": "\(task)", "by": "\(admin.name)"])
            return redirect(to: "/admin/users?assigned=" + Self.queryValue("\(user) to \(task)"))
        } catch let error as DomainError {
            let message: String
            switch error {
            case .invalid(let text), .conflict(let text), .notFound(let text): message = text
            default: throw error
            }
            return try await usersPage(context: context, assignError: message, status: .unprocessableContent)
        }
    }

    func usersPage(
        context: AppRequestContext, newName: String = "", createError: String = "", assignError: String = "", notice: String = "",
        status: HTTPResponse.Status
    ) async throws -> Response {
        let admin = try context.requireAdmin()
        let users = try database.users()
        let tasks = try await database.tasks(visibleTo: admin)
        let annotators = users.filter { $0.role == .annotator }
        let page = UsersPage(
            chrome: Chrome(title: "Accounts", context: context),
            users: users.map { UsersPage.Row(name: $0.name, role: $0.role.rawValue, created: PageDate.string($0.createdAt)) },
            roles: Role.allCases.map { SelectOption(value: $0.rawValue, label: $0.rawValue, selected: $0 == .annotator) },
            annotators: annotators.map { SelectOption(value: $0.name, label: $0.name, selected: false) },
            tasks: tasks.map { SelectOption(value: $0.task.name, label: "\($0.task.name) — \($0.task.title)", selected: false) },
            hasAnnotators: !annotators.isEmpty, hasTasks: !tasks.isEmpty,
            newName: String(newName.prefix(100)), createError: createError.nonEmpty, assignError: assignError.nonEmpty,
            notice: notice.nonEmpty)
        return try renderer.render(page, template: "admin/users", status: status)
    }

    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? ""
    }
}
