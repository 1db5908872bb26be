import Foundation
import Testing

/// The delete and export forms of a task: shown blank, and shown again with their error (422).
@Suite struct TaskShelfFormTests {
    @Test func deleteWithoutTheTypedNameShowsTheFormAgain() async throws {
        try await TestServer.inProcess { server in
            _ = try await server.addUser("pat", role: .practitioner, withPassword: true)
            try await server.addTask("birds")
            let cookie = try await server.client.login("pat")
            let page = try await server.client.get("/tasks/birds/delete", cookie: cookie)
            #expect(page.status == 200)
            #expect(!page.text.contains("role=\"alert\""))
            let csrf = try TestClient.hiddenField("csrf", in: page.text)
            let refused = try await server.client.postForm(
                "/tasks/birds/delete", [("csrf", csrf), ("confirm", "bird")], cookie: cookie)
            #expect(refused.status == 422)
            #expect(refused.text.contains("role=\"alert\"") && refused.text.contains("birds, to delete it."))
            #expect(try server.count("task") == 1)
            let deleted = try await server.client.postForm(
                "/tasks/birds/delete", [("csrf", csrf), ("confirm", "birds")], cookie: cookie)
            #expect(deleted.status == 303)
            #expect(try server.count("task") == 0)
        }
    }

    @Test func anExportRefusedByItsOptionsShowsTheFormAgain() async throws {
        try await TestServer.inProcess { server in
            _ = try await server.addUser("pat", role: .practitioner, withPassword: true)
            try await server.addTask("birds")
            let cookie = try await server.client.login("pat")
            let page = try await server.client.get("/tasks/birds/export", cookie: cookie)
            #expect(page.status == 200)
            let csrf = try TestClient.hiddenField("csrf", in: page.text)
            let refused = try await server.client.postForm(
                "/tasks/birds/export", [("csrf", csrf), ("name", "no spaces allowed")], cookie: cookie)
            #expect(refused.status == 422)
            #expect(refused.text.contains("no spaces allowed"))
        }
    }
}
