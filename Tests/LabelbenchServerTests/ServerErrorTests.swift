import Foundation
import GRDB
import LabelbenchCore
import Logging
import Testing

/// A failure nobody planned for: the person sees a generic message with the request id to quote, the
/// log has the detail. Made real by taking a table away from under the running service.
@Suite struct ServerErrorTests {
    @Test func anUnexpectedFailureIsGenericToThePersonAndDetailedInTheLog() async throws {
        let recorder = RecordingLogHandler()
        let logger = Logger(label: "labelbench-test", factory: { _ in recorder })
        try await TestServer.inProcess(logger: logger) { server in
            let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
            try await server.addTask("t1")
            let cookie = try await server.client.login("pat")
            try await server.database.writer.write { try $0.execute(sql: "DROP TABLE flag") }

            let api = try await server.client.get("/api/v1/tasks/t1/flags", token: pat.token)
            #expect(api.status == 500)
            let message = try #require(api.errorMessage)
            #expect(message.hasPrefix("something went wrong on the server (request "), "\(message)")
            let page = try await server.client.get("/tasks/t1/quality", cookie: cookie)
            #expect(page.status == 500)
            #expect(page.text.contains("something went wrong on the server (request "))
            for body in [api.text, page.text] {
                #expect(!body.contains("no such table") && !body.contains("SQLite") && !body.contains("flag."), "\(body)")
            }
        }
        let details = recorder.lines.filter { $0.hasPrefix("unexpected error") }
        #expect(details.count == 2, "\(recorder.lines)")
        #expect(details.allSatisfy { $0.contains("no such table: flag") }, "\(details)")
    }
}
