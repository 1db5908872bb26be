import Foundation
import LabelbenchCore
import LabelbenchServer
import Logging
import Testing

/// Password guessing is slowed without telling which accounts exist; cookies are `Secure` behind TLS;
/// sign-ins, token use and exports leave a security line in the log, and no line holds a secret.
@Suite struct SignInSecurityTests {
    @Test func repeatedFailuresAreRateLimitedAlikeForRealAndUnknownAccounts() async throws {
        try await TestServer.inProcess { server in
            try await server.addUser("pat", role: .practitioner, withPassword: true)
            let client = server.client
            for name in ["pat", "nobody"] {
                for _ in 0..<10 {
                    let wrong = try await client.postLogin("name=\(name)&password=wrong-password")
                    #expect(wrong.status == 422)
                    #expect(wrong.text.contains("The name or password is wrong."))
                }
                // The eleventh try is refused before the password is checked, the same for both names.
                let limited = try await client.postLogin("name=\(name)&password=\(TestServer.password)")
                #expect(limited.status == 429, "\(name): \(limited.status)")
                #expect(limited.text.contains("Too many failed sign-ins."))
                #expect(limited.sessionCookie == nil)
            }
            // Another account is not held back by those failures.
            try await server.addUser("ann", role: .annotator, withPassword: true)
            #expect(try await client.postLogin("name=ann&password=\(TestServer.password)").status == 303)
        }
    }

    @Test(arguments: [false, true])
    func sessionCookiesAreSecureExactlyWhenServedBehindTLS(_ secure: Bool) async throws {
        try await TestServer.inProcess(secureCookies: secure) { server in
            try await server.addUser("pat", role: .practitioner, withPassword: true)
            let login = try await server.client.postLogin("name=pat&password=\(TestServer.password)")
            #expect(login.status == 303)
            let cookie = try #require(login.header("Set-Cookie"))
            let attributes = cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            #expect(attributes.contains("secure") == secure, "\(cookie)")
            #expect(attributes.contains("httponly"))
        }
    }

    @Test func signInsTokenUseAndExportsAreLoggedWithoutSecrets() async throws {
        let recorder = RecordingLogHandler()
        let logger = Logger(label: "labelbench-test", factory: { _ in recorder })
        let token = try await TestServer.inProcess(logger: logger) { server in
            let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
            try await server.addTask("t1")
            let client = server.client
            #expect(try await client.postLogin("name=pat&password=wrong-password").status == 422)
            #expect(try await client.postLogin("name=pat&password=\(TestServer.password)").status == 303)
            #expect(try await client.get("/api/v1/tasks", token: "lbt_not-a-token").status == 401)
            #expect(try await client.postJSON("/api/v1/tasks/t1/exports", [String: Any](), token: pat.token).status == 201)
            return pat.token
        }
        let lines = recorder.lines
        func logged(_ prefix: String, _ detail: String) -> Bool {
            lines.contains { $0.hasPrefix(prefix) && $0.contains(detail) }
        }
        #expect(logged("security: failed login", "name=pat"), "\(lines)")
        #expect(logged("security: login", "user=pat"), "\(lines)")
        #expect(logged("security: rejected API token", "path=/api/v1/tasks"), "\(lines)")
        #expect(logged("security: token used", "user=pat"), "\(lines)")
        #expect(logged("security: export", "task=t1"), "\(lines)")
        for secret in [TestServer.password, "wrong-password", token, "lbt_not-a-token"] {
            #expect(!lines.contains { $0.contains(secret) }, "a log line holds \(secret)")
        }
    }
}
