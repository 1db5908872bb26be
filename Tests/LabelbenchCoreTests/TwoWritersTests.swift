import Foundation
import GRDB
import Testing

@testable import LabelbenchCore

/// The service and an admin command (`users add --data`, `tokens create`) write one database file from
/// two processes. Writes take the lock up front (`BEGIN IMMEDIATE`) and wait for it (busy timeout), so a
/// write that reads first never fails with "database is locked" when the other writer holds it.
@Suite struct TwoWritersTests {
    @Test func twoConnectionsWritingOneFileAtOnceBothSucceed() async throws {
        try await withTemporaryFolder { folder in
            let url = folder.appendingPathComponent("labelbench.sqlite")
            let service = try AppDatabase.openFile(at: url)
            let admin = try AppDatabase.openFile(at: url)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (prefix, database) in [("s", service), ("a", admin)] {
                    group.addTask {
                        for number in 0..<40 {
                            // createUser reads (is the name taken?) then writes, in one transaction.
                            try await database.createUser(name: "\(prefix)\(number)", role: .annotator, password: nil)
                            _ = try database.createToken(forUser: "\(prefix)\(number)")
                        }
                    }
                }
                try await group.waitForAll()
            }
            let (users, tokens, timeout) = try await service.writer.read { db in
                (
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM user"),
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM api_token"),
                    try Int.fetchOne(db, sql: "PRAGMA busy_timeout")
                )
            }
            #expect(users == 80 && tokens == 80)
            #expect((timeout ?? 0) >= 5000, "busy_timeout is \(String(describing: timeout)) ms")
        }
    }
}
