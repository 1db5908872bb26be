import Foundation
import Hummingbird
import LabelbenchCore

/// Where a visitor starts, signing in and out, the one-time first-admin setup, and changing one's own password.
/// Forms post, then redirect (303); a refused form is shown again with its error and 422.
struct AccountController: Controller {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/", use: home)
        router.get("/login", use: loginPage)
        router.post("/login", use: login)
        router.post("/logout", use: logout)
        router.get("/setup", use: setupPage)
        router.post("/setup", use: setup)
        router.get("/account/password", use: passwordPage)
        router.post("/account/password", use: changePassword)
    }

    // MARK: - Sign-in

    /// Annotators start at their queue, managers at their tasks, strangers at the sign-in page.
    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user else { return redirect(to: "/login") }
        return redirect(to: user.role.canManageTasks ? "/tasks" : "/queue")
    }

    /// The login form's fields; `csrf` is the pre-session token of `LoginFormToken`.
    struct LoginForm: Decodable {
        var csrf: String?
        var name: String?
        var password: String?
        var next: String?
    }

    @Sendable func loginPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let next = Self.safeNext(request.uri.queryParameters.get("next"))
        if context.user != nil { return redirect(to: next) }
        return try await loginForm(request, context: context, name: "", next: next, error: "", status: .ok)
    }

    /// The sign-in page with a login token: the browser's own when it has a valid one, else a new one.
    func loginForm(
        _ request: Request, context: AppRequestContext, name: String, next: String, error: String, status: HTTPResponse.Status
    ) async throws -> Response {
        let tokens = try LoginFormToken(secret: services.dataFolder.installSecret())
        let nonce =
            request.cookies[LoginFormToken.cookieName]?.value.nonEmpty.flatMap { tokens.isWellFormed($0) ? $0 : nil }
            ?? SecretToken.make()
        let page = LoginPage(
            chrome: Chrome(title: "Sign in", context: context), csrf: tokens.field(for: nonce), name: String(name.prefix(100)),
            next: next, error: error.nonEmpty, needsSetup: try await !database.hasUsers())
        var response = try renderer.render(page, template: "account/login", status: status)
        response.setCookie(
            Cookie(
                name: LoginFormToken.cookieName, value: nonce, path: "/", secure: services.config.secureCookies, httpOnly: true,
                sameSite: .lax))
        return response
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let buffer = try await request.body.collect(upTo: FormInput.maxFormBytes)
        let form =
            (try? URLEncodedFormDecoder().decode(LoginForm.self, from: String(buffer: buffer)))
            ?? LoginForm(csrf: nil, name: nil, password: nil, next: nil)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let password = form.password ?? ""
        let next = Self.safeNext(form.next)
        func page(_ error: String, _ status: HTTPResponse.Status) async throws -> Response {
            try await loginForm(request, context: context, name: name, next: next, error: error, status: status)
        }
        // Login CSRF: a cross-site post carries no login cookie (SameSite) and cannot know the signed field.
        let tokens = try LoginFormToken(secret: services.dataFolder.installSecret())
        guard tokens.accepts(cookie: request.cookies[LoginFormToken.cookieName]?.value, field: form.csrf) else {
            context.logger.notice("security: sign-in form without a valid login token refused")
            return try await page("The sign-in form expired or did not come from this site. Sign in again.", .forbidden)
        }
        var keys = ["name:" + name.lowercased()]
        if let address = Self.remoteAddress(context) { keys.append("ip:" + address) }
        guard await services.loginLimiter.allows(keys) else {
            context.logger.notice("security: login rate limited", metadata: ["name": "\(name.prefix(100))"])
            return try await page("Too many failed sign-ins. Wait a few minutes and try again.", .tooManyRequests)
        }
        guard !name.isEmpty, !password.isEmpty, name.utf8.count <= 200, password.utf8.count <= 1024,
            let user = try await database.authenticate(name: name, password: password)
        else {
            await services.loginLimiter.recordFailure(keys)
            context.logger.notice("security: failed login", metadata: ["name": "\(name.prefix(100))"])
            return try await page("The name or password is wrong.", .unprocessableContent)
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
        response.setCookie(
            Cookie(
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
        guard let address = context.remoteAddress else { return nil }
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
    func checkSetup(_ token: String?) async throws -> String {
        guard let token, services.setup.isValid(token), try await !database.hasUsers() else {
            throw DomainError.notFound("this setup link is not valid (it works once, before any account exists)")
        }
        return token
    }

    @Sendable func setupPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try await checkSetup(request.uri.queryParameters.get("token"))
        return try renderer.render(
            SetupPage(chrome: Chrome(title: "Set up Labelbench", context: context), token: token, name: "", error: nil),
            template: "account/setup")
    }

    @Sendable func setup(_ request: Request, context: AppRequestContext) async throws -> Response {
        let buffer = try await request.body.collect(upTo: FormInput.maxFormBytes)
        // An unreadable form (duplicate keys, bad nesting) is treated as one without a token: 404, never a 500.
        let form =
            (try? URLEncodedFormDecoder().decode(SetupForm.self, from: String(buffer: buffer)))
            ?? SetupForm(token: nil, name: nil, password: nil, password2: nil)
        let token = try await checkSetup(form.token)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        func page(_ error: String) throws -> Response {
            try renderer.render(
                SetupPage(
                    chrome: Chrome(title: "Set up Labelbench", context: context), token: token, name: String(name.prefix(100)),
                    error: error.nonEmpty),
                template: "account/setup", status: .unprocessableContent)
        }
        guard let password = form.password, !password.isEmpty else { return try page("password: choose a password") }
        guard password == form.password2 else { return try page("password: the two passwords differ") }
        let user: User
        do {
            // Checking that no account exists and creating this one is one transaction: racing posts make one admin.
            user = try await database.createFirstAdmin(name: name, password: password)
        } catch DomainError.invalid(let message) {
            return try page(message)
        }
        _ = services.setup.redeem(token)
        context.logger.info("security: first admin created", metadata: ["user": "\(user.name)"])
        let sessionID = try await database.startSession(for: user)
        var response = redirect(to: "/tasks")
        response.setCookie(sessionCookie(sessionID))
        return response
    }

    // MARK: - Own password

    struct PasswordForm: Decodable {
        var csrf: String?
        var current: String?
        var password: String?
        var password2: String?
    }

    @Sendable func passwordPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireUser()
        let notice =
            request.uri.queryParameters.get("changed") != nil ? "Password changed. Your other sessions were signed out." : ""
        return try passwordForm(context: context, error: "", notice: notice, status: .ok)
    }

    func passwordForm(context: AppRequestContext, error: String, notice: String, status: HTTPResponse.Status) throws -> Response {
        try renderer.render(
            PasswordPage(
                chrome: Chrome(title: "Change your password", context: context), error: error.nonEmpty, notice: notice.nonEmpty),
            template: "account/password", status: status)
    }

    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let form = try await FormInput.decode(PasswordForm.self, from: request, context: context)
        guard let password = form.password, !password.isEmpty, password == form.password2 else {
            return try passwordForm(
                context: context, error: "password: give the new password twice, the same both times", notice: "",
                status: .unprocessableContent)
        }
        // Guessing the current password from a hijacked session counts against the same limit as sign-ins.
        let keys = ["name:" + user.name.lowercased()]
        guard await services.loginLimiter.allows(keys) else {
            return try passwordForm(
                context: context, error: "Too many wrong passwords. Wait a few minutes and try again.", notice: "",
                status: .tooManyRequests)
        }
        do {
            try await database.changeOwnPassword(of: user, current: form.current ?? "", new: password, keeping: context.sessionID)
        } catch DomainError.invalid(let message) {
            await services.loginLimiter.recordFailure(keys)
            context.logger.notice("security: password change refused", metadata: ["user": "\(user.name)"])
            return try passwordForm(context: context, error: message, notice: "", status: .unprocessableContent)
        }
        context.logger.notice("security: password changed", metadata: ["user": "\(user.name)", "by": "\(user.name)"])
        return redirect(to: "/account/password?changed=1")
    }
}
