import Foundation
import LabelbenchCore
import Testing

/// An archived task leaves the queue: its queue page says so and leases nothing, and restoring it
/// brings its items back.
@Suite struct ArchivedQueueTests {
    @Test func archivedTaskServesNoItems() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            try await server.addUser("ann", role: .annotator, withPassword: true)
            let task = try await server.addTask("shelved", overlap: 1, annotators: ["ann"])
            #expect(try await server.client.importItems("shelved", TestClient.itemLines(2), token: pat.token).status == 201)
            let cookie = try await server.client.login("ann")

            try await server.database.setArchived(true, task: task)
            let archived = try await server.client.get("/queue/shelved", cookie: cookie)
            #expect(archived.status == 410)
            #expect(archived.text.contains("This task is archived"))
            #expect(archived.text.contains("<strong>shelved</strong> is finished"))
            #expect(!archived.text.contains("name=\"lease\""))
            #expect(try server.count("lease") == 0)

            try await server.database.setArchived(false, task: task)
            let restored = try await server.client.get("/queue/shelved", cookie: cookie)
            #expect(restored.status == 200)
            #expect(try TestClient.hiddenField("lease", in: restored.text).isEmpty == false)
        }
    }

    @Test func editPageLinksToExportAndProgress() async throws {
        try await TestServer.inProcess { server in
            try await server.addUser("pat", role: .practitioner, withPassword: true)
            try await server.addTask("linked")
            let cookie = try await server.client.login("pat")
            let page = try await server.client.get("/tasks/linked/edit", cookie: cookie)
            #expect(page.status == 200)
            #expect(page.text.contains("href=\"/tasks/linked/export\""))
            #expect(page.text.contains("href=\"/tasks/linked/progress\""))
        }
    }
}
