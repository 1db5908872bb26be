import Foundation
import Hummingbird
import LabelbenchCore

/// The admin's account page: create accounts, disable and enable them, reset passwords, change
/// roles, and assign people to tasks or remove them. Every form posts, then redirects (303).
struct AdminController: Controller {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/users", use: usersPage)
        router.post("/admin/users", use: createUser)
        router.post("/admin/users/:name", use: changeUser)
        router.post("/admin/assignments", use: assignAnnotator)
        router.post("/admin/assignments/remove", use: unassignAnnotator)
    }

    struct NewUserForm: Decodable {
        var csrf: String?
        var name: String?
        var role: String?
        var password: String?
    }

    /// One change to one account: `change` is `disable`, `enable`, `role` (with `role`) or `password` (with `password`).
    struct ChangeForm: Decodable {
        var csrf: String?
        var change: String?
        var role: String?
        var password: String?

        func accountChange() throws -> AccountChange {
            switch change {
            case "disable": return .disabled(true)
            case "enable": return .disabled(false)
            case "role":
                guard let role = role.flatMap(Role.init(rawValue:)) else {
                    throw DomainError.invalid("role: choose admin, practitioner or annotator")
                }
                return .role(role)
            case "password": return .password(password ?? "")
            default: throw DomainError.invalid("change: use disable, enable, role or password")
            }
        }
    }

    struct AssignForm: Decodable {
        var csrf: String?
        var user: String?
        var task: String?
    }

    @Sendable func usersPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireAdmin()
        let query = request.uri.queryParameters
        var notice = ""
        if let created = query.get("created") { notice = "Account \(created) created." }
        if let assigned = query.get("assigned") { notice = "Assigned \(assigned)." }
        if let removed = query.get("unassigned") { notice = "Removed \(removed)." }
        if let changed = query.get("changed") { notice = "Account \(changed) changed." }
        return try await usersPage(context: context, notice: notice, status: .ok)
    }

    @Sendable func createUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try context.requireAdmin()
        let form = try await FormInput.decode(NewUserForm.self, from: request, context: context)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let role = Role(rawValue: form.role ?? "") else {
            return try await usersPage(
                context: context, newName: name, createError: "role: choose admin, practitioner or annotator",
                status: .unprocessableContent)
        }
        guard let password = form.password, !password.isEmpty else {
            return try await usersPage(
                context: context, newName: name, createError: "password: give a password", status: .unprocessableContent)
        }
        do {
            let user = try await database.createUser(name: name, role: role, password: password)
            context.logger.notice(
                "security: account created",
                metadata: ["user": "\(user.name)", "role": "\(role.rawValue)", "by": "\(admin.name)"])
            return redirect(to: "/admin/users?created=" + Self.queryValue(user.name))
        } catch let error as DomainError {
            guard let message = error.formMessage else { throw error }
            return try await usersPage(context: context, newName: name, createError: message, status: .unprocessableContent)
        }
    }

    @Sendable func changeUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try context.requireAdmin()
        let name = try context.parameters.require("name")
        let form = try await FormInput.decode(ChangeForm.self, from: request, context: context)
        do {
            let change = try form.accountChange()
            let user = try await database.changeAccount(name, change)
            AccountEvents.log(change, of: user, by: admin, logger: context.logger)
            return redirect(to: "/admin/users?changed=" + Self.queryValue(user.name))
        } catch let error as DomainError {
            guard let message = error.formMessage else { throw error }
            return try await usersPage(context: context, changeError: "\(name): \(message)", status: .unprocessableContent)
        }
    }

    @Sendable func assignAnnotator(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await changeAssignment(
            request, context: context, notice: "assigned", describe: { "\($0) to \($1)" },
            change: { user, task in try await database.assignAnnotator(user, toTask: task) })
    }

    @Sendable func unassignAnnotator(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await changeAssignment(
            request, context: context, notice: "unassigned", describe: { "\($0) from \($1)" },
            change: { user, task in try await database.unassignAnnotator(user, fromTask: task) })
    }

    /// Adds or removes one (person, task) assignment; the page it redirects to says what happened.
    func changeAssignment(
        _ request: Request, context: AppRequestContext, notice: String, describe: (String, String) -> String,
        change: (String, String) async throws -> Void
    ) async throws -> Response {
        let admin = try context.requireAdmin()
        let form = try await FormInput.decode(AssignForm.self, from: request, context: context)
        let user = form.user ?? ""
        let task = form.task ?? ""
        do {
            guard !user.isEmpty, !task.isEmpty else { throw DomainError.invalid("choose an account and a task") }
            try await change(user, task)
            context.logger.notice(
                "security: annotator \(notice)", metadata: ["user": "\(user)", "task": "\(task)", "by": "\(admin.name)"])
            return redirect(to: "/admin/users?\(notice)=" + Self.queryValue(describe(user, task)))
        } catch let error as DomainError {
            guard let message = error.assignmentMessage else { throw error }
            return try await usersPage(context: context, assignError: message, status: .unprocessableContent)
        }
    }

    func usersPage(
        context: AppRequestContext, newName: String = "", createError: String = "", assignError: String = "",
        changeError: String = "",
        notice: String = "", status: HTTPResponse.Status
    ) async throws -> Response {
        _ = try context.requireAdmin()
        let overview = try await database.accountsOverview()
        let (users, assigned) = (overview.users, overview.assignedTasks)
        let csrf = context.csrfToken ?? ""
        let rows = users.map { user in
            UsersPage.Row(
                name: user.name, role: user.role.rawValue, created: PageDate.string(user.createdAt), disabled: !user.isEnabled,
                roles: Role.allCases.map { SelectOption(value: $0.rawValue, label: $0.rawValue, selected: $0 == user.role) },
                tasks: assigned[user.name] ?? [], hasTasks: !(assigned[user.name] ?? []).isEmpty, csrf: csrf)
        }
        // Anyone may be assigned: practitioners and admins label only tasks they are assigned to.
        let assignable = users.filter(\.isEnabled)
        let page = UsersPage(
            chrome: Chrome(title: "Accounts", context: context),
            users: rows,
            roles: Role.allCases.map { SelectOption(value: $0.rawValue, label: $0.rawValue, selected: $0 == .annotator) },
            annotators: assignable.map {
                SelectOption(value: $0.name, label: "\($0.name) (\($0.role.rawValue))", selected: false)
            },
            tasks: overview.tasks.map { SelectOption(value: $0.name, label: "\($0.name) — \($0.title)", selected: false) },
            hasAnnotators: !assignable.isEmpty, hasTasks: !overview.tasks.isEmpty,
            newName: String(newName.prefix(100)), createError: createError.nonEmpty, assignError: assignError.nonEmpty,
            changeError: changeError.nonEmpty, notice: notice.nonEmpty)
        return try renderer.render(page, template: "admin/users", status: status)
    }

    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? ""
    }
}
