import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// Sign-in for in-process router tests, as a browser does it: the login cookie and the matching
/// `csrf` field come from `GET /login` (the sign-in form refuses posts without them).
extension TestClientProtocol {
    /// Posts the sign-in form with `fields` (already URL-encoded, e.g. `name=pat&password=…`).
    func postLogin(_ fields: String) async throws -> TestResponse {
        let form = try await execute(uri: "/login", method: .get, headers: [:], body: nil)
        let page = String(buffer: form.body)
        guard
            let cookie = form.headers[values: .setCookie].first(where: { $0.hasPrefix("labelbench_login=") })?
                .split(separator: ";").first
        else { throw TestFailure("GET /login set no login cookie") }
        let csrf = try TestClient.hiddenField("csrf", in: page)
        return try await execute(
            uri: "/login", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: String(cookie)],
            body: ByteBuffer(string: "csrf=\(csrf)&" + fields))
    }
}
