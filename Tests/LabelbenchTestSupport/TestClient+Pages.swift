import Foundation

/// Typed helpers for the browser pages.
extension TestClient {
    /// Signs in through the form and returns the new session cookie value.
    public func login(_ name: String, password: String = TestServer.password, cookie: String? = nil) async throws -> String {
        let result = try await postLogin("name=\(name)&password=\(password)", session: cookie)
        guard result.status == 303, let session = result.sessionCookie else {
            throw TestFailure("login: unexpected \(result.status) \(result.header("Set-Cookie") ?? "no cookie")")
        }
        return session
    }

    /// Posts the sign-in form as a browser does: with the login cookie and the matching `csrf` field
    /// from a fresh `GET /login`, and the session cookie the browser already has, if any.
    public func postLogin(_ fields: String, session: String? = nil) async throws -> HTTPResult {
        let form = try await get("/login")
        guard let setCookie = form.header("Set-Cookie"),
            let range = setCookie.range(of: #"labelbench_login=[^;,]*"#, options: .regularExpression)
        else { throw TestFailure("GET /login set no login cookie") }
        var cookies = [String(setCookie[range])]
        if let session { cookies.append("labelbench_session=\(session)") }
        let csrf = try Self.hiddenField("csrf", in: form.text)
        return try await send(
            "POST", "/login", body: Data("csrf=\(csrf)&\(fields)".utf8),
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": cookies.joined(separator: "; ")])
    }

    /// The hidden `csrf` field of a page.
    public func csrfToken(on path: String, cookie: String) async throws -> String {
        let page = try await get(path, cookie: cookie)
        guard page.status == 200 else { throw TestFailure("\(path): unexpected \(page.status)") }
        return try Self.hiddenField("csrf", in: page.text)
    }

    /// The value of `<input type="hidden" name="NAME" value="…">` in an HTML page.
    public static func hiddenField(_ name: String, in html: String) throws -> String {
        let pattern = #"name="\#(name)" value="([^"]*)""#
        let regex = try NSRegularExpression(pattern: pattern)
        guard let match = regex.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)),
            let range = Range(match.range(at: 1), in: html)
        else { throw TestFailure("no hidden \(name) field in the page") }
        return String(html[range])
    }
}
