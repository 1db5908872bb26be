import Foundation
import Hummingbird
import LabelbenchCore

/// The browser pages: sign-in, setup, task authoring, the annotation queue and account admin.
/// Every page works without JavaScript; forms post, then redirect (303).
struct WebController {
    let services: AppServices
    var database: AppDatabase { services.database }
    var renderer: PageRenderer { services.renderer }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/", use: home)
        router.get("/login", use: loginPage)
        router.post("/login", use: login)
        router.post("/logout", use: logout)
        router.get("/setup", use: setupPage)
        router.post("/setup", use: setup)

        router.get("/tasks", use: taskList)
        router.get("/tasks/new", use: newTaskPage)
        router.post("/tasks/new", use: createTask)
        router.get("/tasks/:task/edit", use: editTaskPage)
        router.post("/tasks/:task/edit", use: updateTask)
        router.post("/tasks/:task/items", use: uploadItems)

        router.get("/queue", use: queueList)
        router.get("/queue/:task", use: queueItem)
        router.post("/queue/:task", use: submitAnswer)
        router.post("/queue/:task/skip", use: skipItem)

        router.get("/admin/users", use: usersPage)
        router.post("/admin/users", use: createUser)
        router.post("/admin/assignments", use: assignAnnotator)
    }

    /// Annotators start at their queue, managers at their tasks, strangers at the sign-in page.
    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user else { return redirect(to: "/login") }
        return redirect(to: user.role.canManageTasks ? "/tasks" : "/queue")
    }

    // MARK: - Sign-in

    /// The login form's fields. It carries no CSRF token: there is no session yet.
    struct LoginForm: Decodable {
        var name: String?
        var password: String?
        var next: String?
    }

    @Sendable func loginPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let next = Self.safeNext(request.uri.queryParameters.get("next"))
        if context.user != nil { return redirect(to: next) }
        return try renderer.render(
            LoginPage(chrome: Chrome(title: "Sign in", context: context), name: "", next: next, error: nil), template: "account/login")
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let buffer = try await request.body.collect(upTo: FormInput.maxFormBytes)
        let form = (try? URLEncodedFormDecoder().decode(LoginForm.self, from: String(buffer: buffer)))
            ?? LoginForm(name: nil, password: nil, next: nil)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let password = form.password ?? ""
        let next = Self.safeNext(form.next)
        var keys = ["name:" + name.lowercased()]
        if let address = Self.remoteAddress(context) { keys.append("ip:" + address) }
        func page(_ error: String, _ status: HTTPResponse.Status) throws -> Response {
            try renderer.render(
                LoginPage(chrome: Chrome(title: "Sign in", context: context), name: String(name.prefix(100)), next: next, error: error.nonEmpty),
                template: "account/login", status: status)
        }
        guard await services.loginLimiter.allows(keys) else {
            context.logger.notice("security: login rate limited", metadata: ["name": "\(name.prefix(100))"])
            return try page("Too many failed sign-ins. Wait a few minutes and try again.", .tooManyRequests)
        }
        guard !name.isEmpty, !password.isEmpty, name.utf8.count <= 200, password.utf8.count <= 1024,
              let user = try await database.authenticate(name: name, password: password)
        else {
            await services.loginLimiter.recordFailure(keys)
            context.logger.notice("security: failed login", metadata: ["name": "\(name.prefix(100))"])
            return try page("The name or password is wrong.", .unprocessableContent)
        }
        await services.loginLimiter.recordSuccess(["name:" + name.lowercased()])
        // Rotation: whatever session this browser had ends, and a fresh id is issued.
        if let old = context.sessionID { try await database.endSession(id: old) }
        let sessionID = try await database.startSession(for: user)
        context.logger.info("security: login", metadata: ["user": "\(user.name)"])
        var response = redirect(to: next)
        response.setCookie(sessionCookie(sessionID))
        return response
    }

    struct CSRFOnly: Decodable { var csrf: String? }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await FormInput.decode(CSRFOnly.self, from: request, context: context)
        if let sessionID = context.sessionID { try await database.endSession(id: sessionID) }
        if let user = context.user { context.logger.info("security: logout", metadata: ["user": "\(user.name)"]) }
        var response = redirect(to: "/login")
        response.setCookie(Cookie(
            name: AuthMiddleware.cookieName, value: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
            secure: services.config.secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    func sessionCookie(_ sessionID: String) -> Cookie {
        Cookie(
            name: AuthMiddleware.cookieName, value: sessionID, path: "/", secure: services.config.secureCookies, httpOnly: true,
            sameSite: .lax)
    }

    /// A local path to return to after sign-in; anything else (other hosts, `//host`, `/\host`) becomes "/".
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), next.utf8.count <= 2000,
              !next.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F || $0 == "\\" })
        else { return "/" }
        return next
    }

    /// The peer address, when the request context records it; forwarded headers are not trusted.
    static func remoteAddress(_ context: AppRequestContext) -> String? {
        guard let address = ((context as Any) as? any RemoteAddressRequestContext)?.remoteAddress else { return nil }
        return address.ipAddress ?? address.description
    }

    // MARK: - First admin

    struct SetupForm: Decodable {
        var token: String?
        var name: String?
        var password: String?
        var password2: String?
    }

    /// The setup link is valid only with its one-time token and only while no account exists.
    func checkSetup(_ token: String?) throws -> String {
        guard let token, services.setup.isValid(token), try !database.hasUsers() else {
            throw DomainError.notFound("this setup link is not valid (it works once, before any account exists)")
        }
        return token
    }

    @Sendable func setupPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try checkSetup(request.uri.queryParameters.get("token"))
        return try renderer.render(
            SetupPage(chrome: Chrome(title: "Set up Labelbench", context: context), token: token, name: "", error: nil),
            template: "account/setup")
    }

    @Sendable func setup(_ request: Request, context: AppRequestContext) async throws -> Response {
        let buffer = try await request.body.collect(upTo: FormInput.maxFormBytes)
        // An unreadable form (duplicate keys, bad nesting) is treated as one without a token: 404, never a 500.
        let form = (try? URLEncodedFormDecoder().decode(SetupForm.self, from: String(buffer: buffer)))
            ?? SetupForm(token: nil, name: nil, password: nil, password2: nil)
        let token = try checkSetup(form.token)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        func page(_ error: String) throws -> Response {
            try renderer.render(
                SetupPage(chrome: Chrome(title: "Set up Labelbench", context: context), token: token, name: String(name.prefix(100)),
                          error: error.nonEmpty),
                template: "account/setup", status: .unprocessableContent)
        }
        guard let password = form.password, !password.isEmpty else { return try page("password: choose a password") }
        guard password == form.password2 else { return try page("password: the two passwords differ") }
        let user: User
        do {
            user = try database.createUser(name: name, role: .admin, password: password)
        } catch let error as DomainError {
            if case .invalid(let message) = error { return try page(message) }
            if case .conflict(let message) = error { return try page(message) }
            throw error
        }
        _ = services.setup.redeem(token)
        context.logger.info("security: first admin created", metadata: ["user": "\(user.name)"])
        let sessionID = try await database.startSession(for: user)
        var response = redirect(to: "/tasks")
        response.setCookie(sessionCookie(sessionID))
        return response
    }
}

extension DomainError {
    /// The message of an input or state problem a form can show; nil for other errors.
    var formMessage: String? {
        switch self {
        case .invalid(let message), .conflict(let message): message
        default: nil
        }
    }
}

/// Short dates for tables: "2026-05-04 13:02 UTC".
enum PageDate {
    static func string(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}
