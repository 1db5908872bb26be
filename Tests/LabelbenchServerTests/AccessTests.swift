import Foundation
import LabelbenchCore
import Testing

/// Roles and task membership: foreign tasks are 404, practitioner endpoints refuse annotators,
/// the API needs a live token.
@Suite struct AccessTests {
    /// Row counts of every table a refused request could touch.
    static func snapshot(_ server: TestServer) throws -> [Int] {
        try ["task", "item", "annotation", "lease", "skip", "task_annotator", "guideline_version"].map { try server.count($0) }
    }

    @Test func annotatorOutsideATaskGetsNotFoundAndChangesNothing() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            try await server.addUser("ann", role: .annotator)
            let eve = try await server.addUser("eve", role: .annotator, withPassword: true)
            try await server.addTask("secret", annotators: ["ann"])
            #expect(try await server.client.importItems("secret", TestClient.itemLines(3), token: pat.token).status == 201)
            let before = try Self.snapshot(server)
            let client = server.client

            #expect(try await client.get("/api/v1/tasks/secret", token: eve.token).status == 404)
            #expect(try await client.get("/api/v1/tasks/secret/next", token: eve.token).status == 404)
            #expect(try await client.submit("secret", item: "i0", label: "yes", token: eve.token).status == 404)
            #expect(try await client.postJSON("/api/v1/tasks/secret/skip", ["item": "i0"], token: eve.token).status == 404)
            for path in ["/api/v1/tasks/secret/annotations", "/api/v1/tasks/secret/agreement"] {
                let status = try await client.get(path, token: eve.token).status
                #expect(status == 404 || status == 403, "\(path)")
            }
            let items = try await client.importItems("secret", TestClient.itemLines(2, prefix: "evil"), token: eve.token)
            #expect(items.status == 404 || items.status == 403)
            let listed = try await client.get("/api/v1/tasks", token: eve.token)
            #expect(!listed.text.contains("secret"))

            let cookie = try await client.login("eve")
            #expect(try await client.get("/queue/secret", cookie: cookie).status == 404)
            let edit = try await client.get("/tasks/secret/edit", cookie: cookie).status
            #expect(edit == 404 || edit == 403)
            let csrf = try await client.csrfToken(on: "/queue", cookie: cookie)
            let post = try await client.postForm(
                "/queue/secret", [("csrf", csrf), ("item", "i0"), ("label", "yes")], cookie: cookie)
            #expect(post.status == 404)
            #expect(!(try await client.get("/queue", cookie: cookie).text.contains("secret")))

            #expect(try Self.snapshot(server) == before)
        }
    }

    @Test func annotatorCannotUsePractitionerEndpoints() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let ann = try await server.addUser("ann", role: .annotator, withPassword: true)
            try await server.addTask("work", annotators: ["ann"])
            #expect(try await server.client.importItems("work", TestClient.itemLines(3), token: pat.token).status == 201)
            let before = try Self.snapshot(server)
            let client = server.client
            let refused: Set<Int> = [403, 404]

            let task: [String: Any] = ["name": "mine", "labels": [["name": "a"], ["name": "b"]]]
            #expect(refused.contains(try await client.postJSON("/api/v1/tasks", task, token: ann.token).status))
            #expect(refused.contains(try await client.get("/api/v1/tasks/work/annotations", token: ann.token).status))
            #expect(refused.contains(try await client.get("/api/v1/tasks/work/agreement", token: ann.token).status))
            #expect(
                refused.contains(try await client.get("/api/v1/tasks/work/aggregate?method=majority", token: ann.token).status))
            #expect(
                refused.contains(
                    try await client.postJSON("/api/v1/tasks/work/exports", [String: Any](), token: ann.token).status))
            #expect(
                refused.contains(
                    try await client.importItems("work", TestClient.itemLines(2, prefix: "x"), token: ann.token).status))
            let update: [String: Any] = ["name": "work", "labels": [["name": "a"], ["name": "b"]]]
            let put = try await client.send(
                "PUT", "/api/v1/tasks/work", body: try JSONSerialization.data(withJSONObject: update), token: ann.token)
            #expect(refused.contains(put.status))

            let cookie = try await client.login("ann")
            #expect(refused.contains(try await client.get("/tasks", cookie: cookie).status))
            #expect(refused.contains(try await client.get("/tasks/new", cookie: cookie).status))
            #expect(refused.contains(try await client.get("/tasks/work/edit", cookie: cookie).status))
            let csrf = try await client.csrfToken(on: "/queue", cookie: cookie)
            let form = try await client.postForm(
                "/tasks/new",
                [
                    ("csrf", csrf), ("name", "mine"), ("kind", "text"), ("answer", "single"), ("labels", "a\nb"),
                    ("overlap", "1"), ("lease_seconds", "60"),
                ],
                cookie: cookie)
            #expect(refused.contains(form.status))

            #expect(try Self.snapshot(server) == before)
        }
    }

    @Test func apiWithoutOrWithRevokedTokenIsUnauthorized() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            try await server.addTask("work")
            let client = server.client

            for path in ["/api/v1/tasks", "/api/v1/tasks/work/next", "/api/v1/tasks/work/annotations"] {
                let anonymous = try await client.get(path)
                #expect(anonymous.status == 401, "\(path)")
                #expect(anonymous.errorMessage != nil, "\(path): \(anonymous.text)")
            }
            #expect(try await client.postJSON("/api/v1/tasks", ["name": "x"], token: nil).status == 401)
            let malformed = try await client.send("GET", "/api/v1/tasks", headers: ["Authorization": "Basic cGF0OnBhdA=="])
            #expect(malformed.status == 401)
            #expect(try await client.get("/api/v1/tasks", token: "lbt_not-a-real-token").status == 401)

            #expect(try await client.get("/api/v1/tasks", token: pat.token).status == 200)
            #expect(try server.database.revokeTokens(forUser: "pat") == 1)
            let revoked = try await client.get("/api/v1/tasks", token: pat.token)
            #expect(revoked.status == 401)
            #expect(revoked.errorMessage != nil)
        }
    }
}
