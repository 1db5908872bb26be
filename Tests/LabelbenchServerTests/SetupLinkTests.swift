import Foundation
import Hummingbird
import HummingbirdTesting
import LabelbenchCore
import Logging
import Testing

@testable import LabelbenchServer

/// Hardening finding 8: the one-time setup link works once, however many posts race, and its
/// secret never reaches the log.
@Suite struct SetupLinkTests {
    /// A fresh data folder (no accounts) served in process, with its setup token and every log line.
    static func withFreshInstall(
        _ body: @Sendable (LabelbenchTestSupport.TestClient, String, AppDatabase, RecordingLogHandler) async throws -> Void
    ) async throws {
        let root = try TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = DataFolder(path: root.appendingPathComponent("data").path)
        let database = try folder.openDatabase()
        let recorder = RecordingLogHandler()
        let logger = Logger(label: "labelbench-test", factory: { _ in recorder })
        let services = try await AppServices(config: TestServer.config(), database: database, dataFolder: folder, logger: logger)
        let token = services.setup.issue()
        let app = Application(router: buildRouter(services), logger: logger)
        try await app.test(.router) { client in
            try await body(TestClient(router: client), token, database, recorder)
        }
    }

    @Test func sixConcurrentSetupPostsCreateOneAdmin() async throws {
        try await Self.withFreshInstall { client, token, database, _ in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        try await client.postForm(
                            "/setup",
                            [
                                ("token", token), ("name", "admin\(index)"), ("password", TestServer.password),
                                ("password2", TestServer.password),
                            ],
                            cookie: nil
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 303 }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == 404 }.count == 5, "\(statuses)")
            #expect(try await database.users().count == 1)
            // Used once: the link is gone.
            #expect(try await client.get("/setup?token=\(token)").status == 404)
        }
    }

    @Test func aRefusedSetupFormKeepsTheLinkWorking() async throws {
        try await Self.withFreshInstall { client, token, database, _ in
            let short = try await client.postForm(
                "/setup", [("token", token), ("name", "root"), ("password", "short"), ("password2", "short")], cookie: nil)
            #expect(short.status == 422)
            #expect(try await database.users().isEmpty)
            #expect(try await client.get("/setup?token=\(token)").status == 200)
        }
    }

    @Test func theSetupSecretIsNotLogged() async throws {
        try await Self.withFreshInstall { client, token, _, recorder in
            let page = try await client.get("/setup?token=\(token)")
            #expect(page.status == 200)
            let wrong = try await client.get("/setup?token=wrong-\(token.prefix(8))")
            #expect(wrong.status == 404)
            let lines = recorder.lines
            #expect(lines.contains { $0.contains("path=/setup") }, "\(lines)")
            #expect(!lines.contains { $0.contains(token) || $0.contains(token.prefix(8)) }, "\(lines)")
        }
    }
}
