import Foundation
import LabelbenchCore
import Testing

/// Authoring a task through the browser form, with CSRF, session rotation and logout.
@Suite struct BrowserSessionTests {
    static func taskFields(csrf: String?, name: String) -> [(String, String)] {
        var fields: [(String, String)] = []
        if let csrf { fields.append(("csrf", csrf)) }
        fields += [
            ("name", name), ("title", "Birds in photos"), ("kind", "text"), ("answer", "single"),
            ("labels", "bird | 1 | A bird of any kind\nno-bird | 2"), ("overlap", "2"), ("lease_seconds", "600"),
            ("gold_rate", "0.1"), ("instructions", "Label **birds**."),
            ("guideline_title[]", "Penguins"), ("guideline_ruling[]", "A penguin is a bird."),
            ("guideline_title[]", ""), ("guideline_ruling[]", ""),
        ]
        return fields
    }

    @Test func taskFormCreatesTheTaskWithCSRF() async throws {
        try await TestServer.inProcess { server in
            try await server.addUser("pat", role: .practitioner, withPassword: true)
            let client = server.client
            let cookie = try await client.login("pat")
            let csrf = try await client.csrfToken(on: "/tasks/new", cookie: cookie)

            let created = try await client.postForm("/tasks/new", Self.taskFields(csrf: csrf, name: "birds"), cookie: cookie)
            #expect(created.status == 303, "\(created.text)")
            #expect(created.header("Location") == "/tasks/birds/edit?saved=1")

            let pat = try #require(try server.database.user(named: "pat"))
            let task = try await server.database.task(named: "birds", visibleTo: pat)
            let definition = try await server.database.definition(of: task)
            #expect(definition.title == "Birds in photos")
            #expect(definition.kind == .text)
            #expect(definition.answer == .single)
            #expect(
                definition.labels == [
                    TaskLabel(name: "bird", key: "1", description: "A bird of any kind"), TaskLabel(name: "no-bird", key: "2"),
                ])
            #expect(definition.overlap == 2)
            #expect(definition.leaseSeconds == 600)
            #expect(definition.goldRate == 0.1)
            #expect(definition.instructions == "Label **birds**.")
            #expect(definition.guidelines.map(\.title) == ["Penguins"])
            #expect(definition.guidelines.map(\.ruling) == ["A penguin is a bird."])

            let edit = try await client.get("/tasks/birds/edit", cookie: cookie)
            #expect(edit.status == 200)
            #expect(edit.header("Content-Type")?.hasPrefix("text/html") == true)
        }
    }

    @Test func taskFormWithoutOrWithWrongCSRFIsRefused() async throws {
        try await TestServer.inProcess { server in
            try await server.addUser("pat", role: .practitioner, withPassword: true)
            let client = server.client
            let cookie = try await client.login("pat")
            let csrf = try await client.csrfToken(on: "/tasks/new", cookie: cookie)

            let missing = try await client.postForm("/tasks/new", Self.taskFields(csrf: nil, name: "nocsrf"), cookie: cookie)
            #expect(missing.status == 403)
            let wrong = try await client.postForm(
                "/tasks/new", Self.taskFields(csrf: (csrf.hasPrefix("x") ? "y" : "x") + csrf.dropFirst(), name: "wrongcsrf"),
                cookie: cookie)
            #expect(wrong.status == 403)
            let other = try await client.postForm("/tasks/new", Self.taskFields(csrf: "short", name: "shortcsrf"), cookie: cookie)
            #expect(other.status == 403)
            #expect(try server.count("task") == 0)
        }
    }

    @Test func loginRotatesTheSessionAndLogoutEndsIt() async throws {
        try await TestServer.inProcess { server in
            try await server.addUser("pat", role: .practitioner, withPassword: true)
            let client = server.client
            let first = try await client.postLogin("name=pat&password=\(TestServer.password)")
            let setCookie = try #require(first.header("Set-Cookie"))
            #expect(setCookie.localizedCaseInsensitiveContains("HttpOnly"))
            #expect(setCookie.localizedCaseInsensitiveContains("SameSite=Lax"))
            let one = try #require(first.sessionCookie)

            // Signing in again from the same browser issues a new id and ends the old one.
            let two = try await client.login("pat", cookie: one)
            #expect(one != two)
            #expect(try await client.get("/tasks", cookie: one).status == 303)
            #expect(try await client.get("/tasks", cookie: two).status == 200)

            // A second browser gets its own session.
            let three = try await client.login("pat")
            #expect(three != two)

            let csrf = try await client.csrfToken(on: "/tasks", cookie: two)
            let logout = try await client.postForm("/logout", [("csrf", csrf)], cookie: two)
            #expect(logout.status == 303)
            // The old cookie no longer works, even when replayed by a client that kept it.
            let after = try await client.get("/tasks", cookie: two)
            #expect(after.status == 303)
            #expect(after.header("Location")?.hasPrefix("/login") == true)
            #expect(try await client.get("/tasks", cookie: three).status == 200)
        }
    }

    @Test func unreadableFormsAreClientErrors() async throws {
        try await TestServer.inProcess { server in
            try await server.addUser("pat", role: .practitioner, withPassword: true)
            let client = server.client
            let cookie = try await client.login("pat")
            let csrf = try await client.csrfToken(on: "/tasks/new", cookie: cookie)
            // A plain key sent twice cannot be decoded: a 4xx, never a 500.
            var fields = Self.taskFields(csrf: csrf, name: "twice")
            fields.append(("name", "again"))
            let duplicate = try await client.postForm("/tasks/new", fields, cookie: cookie)
            #expect((400..<500).contains(duplicate.status), "\(duplicate.status)")
            let withoutToken = try await client.postForm("/tasks/new", [("name", "a"), ("name", "b")], cookie: cookie)
            #expect(withoutToken.status == 403)
            let setup = try await client.postForm("/setup", [("token", "x"), ("token", "y")], cookie: nil)
            #expect((400..<500).contains(setup.status), "\(setup.status)")
            #expect(try server.count("task") == 0)
        }
    }

    @Test func wrongPasswordAndUnknownAccountLookTheSame() async throws {
        try await TestServer.inProcess { server in
            try await server.addUser("pat", role: .practitioner, withPassword: true)
            let wrong = try await server.client.postLogin("name=pat&password=nope-nope-nope")
            let unknown = try await server.client.postLogin("name=nobody&password=nope-nope-nope")
            #expect(wrong.status == unknown.status)
            #expect(wrong.status >= 400 && wrong.status < 500)
            #expect(wrong.sessionCookie == nil && unknown.sessionCookie == nil)
        }
    }
}
