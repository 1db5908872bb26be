import Foundation
import LabelbenchCore
import Testing

/// The annotator's queue page without JavaScript: a reload keeps the leased item, and a form
/// sent twice (double click) records one annotation.
@Suite struct BrowserQueueTests {
    @Test func reloadKeepsTheItemAndDoubleSubmitRecordsOne() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            try await server.addUser("ann", role: .annotator, withPassword: true)
            try await server.addTask("form", overlap: 1, annotators: ["ann"])
            #expect(try await server.client.importItems("form", TestClient.itemLines(3), token: pat.token).status == 201)
            let client = server.client
            let cookie = try await client.login("ann")

            let page = try await client.get("/queue/form", cookie: cookie)
            #expect(page.status == 200)
            let item = try TestClient.hiddenField("item", in: page.text)
            let lease = try TestClient.hiddenField("lease", in: page.text)
            let csrf = try TestClient.hiddenField("csrf", in: page.text)
            let reload = try await client.get("/queue/form", cookie: cookie)
            #expect(try TestClient.hiddenField("item", in: reload.text) == item)
            #expect(try server.count("lease") == 1)

            let fields = [("csrf", csrf), ("item", item), ("lease", lease), ("label", "yes")]
            let first = try await client.postForm("/queue/form", fields, cookie: cookie)
            let second = try await client.postForm("/queue/form", fields, cookie: cookie)
            #expect(first.status == 303, "\(first.text)")
            #expect(second.status == 303 || second.status == 200, "\(second.status)")
            #expect(try server.count("annotation") == 1)

            let forged = try await client.postForm("/queue/form", [("item", item), ("label", "no")], cookie: cookie)
            #expect(forged.status == 403)
            let next = try await client.get("/queue/form", cookie: cookie)
            #expect(try TestClient.hiddenField("item", in: next.text) != item)
            #expect(try server.count("annotation") == 1)
        }
    }
}
