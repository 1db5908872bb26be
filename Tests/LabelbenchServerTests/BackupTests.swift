import Foundation
import LabelbenchCore
import Testing

/// `labelbench backup` while the service takes submits: the copy passes `PRAGMA integrity_check`.
@Suite struct BackupTests {
    @Test func onlineBackupDuringSubmitsIsSound() async throws {
        try await TestServer.run { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            let annotators = try await server.addUsers(["ann-1", "ann-2"], role: .annotator)
            try await server.addTask("busy", overlap: 2, annotators: annotators.map(\.name))
            #expect(try await server.client.importItems("busy", TestClient.itemLines(150), token: pat.token).status == 201)
            let folder = try TestServer.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }

            let backups = try await withThrowingTaskGroup(of: [URL].self) { group in
                for annotator in annotators {
                    group.addTask {
                        _ = try await server.client.labelUntilDone("busy", token: annotator.token)
                        return []
                    }
                }
                group.addTask {
                    var made: [URL] = []
                    for index in 0..<4 {
                        try await Task.sleep(for: .milliseconds(150))
                        let url = folder.appendingPathComponent("backup-\(index).sqlite")
                        try server.database.backup(to: url)
                        made.append(url)
                    }
                    return made
                }
                return try await group.reduce(into: [URL]()) { $0 += $1 }
            }
            #expect(backups.count == 4)
            for url in backups {
                let copy = try AppDatabase.openFile(at: url)
                #expect(try copy.integrityCheck() == "ok", "\(url.lastPathComponent)")
            }
            #expect(try server.count("annotation") == 300)
        }
    }
}
