import Foundation
import GRDB
import Testing

@testable import LabelbenchCore

/// What happens after a lease expires, on a clock the test sets (`now:`), so no test waits for
/// wall time: the item goes back to the pool, and the first annotator's late submit is refused
/// when the item is full and accepted while it has room.
@Suite struct LeaseExpiryTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    private func submit(
        _ db: AppDatabase, _ task: LabelingTask, _ user: User, _ lease: Lease, _ label: String, at seconds: Double
    )
        async throws -> AnnotationView
    {
        try await db.submitAnnotation(
            AnnotationSubmission(itemID: lease.item.externalID, answer: .one(label), leaseToken: lease.token),
            in: task, by: user, now: t0.addingTimeInterval(seconds))
    }

    private func annotationCount(_ db: AppDatabase) async throws -> Int? {
        try await db.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM annotation") }
    }

    /// One item: the first annotator's lease runs out and the second annotator is handed the same item.
    private func leaseExpiredAndTakenOver(overlap: Int) async throws -> (AppDatabase, LabelingTask, [User], Lease, Lease) {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, Fixture.definition(overlap: .fixed(overlap)), items: 1)
        let expired = Double(task.leaseSeconds) + 1
        let first = try #require(try await db.leaseNextItem(in: task, for: users[0], now: t0).lease)
        let second = try #require(try await db.leaseNextItem(in: task, for: users[1], now: t0.addingTimeInterval(expired)).lease)
        #expect(second.item.externalID == first.item.externalID)
        return (db, task, users, first, second)
    }

    @Test func expiredLeaseReturnsTheItemAndLateSubmitIsRefusedWhenFull() async throws {
        let (db, task, users, first, second) = try await leaseExpiredAndTakenOver(overlap: 1)
        let expired = Double(task.leaseSeconds) + 1
        _ = try await submit(db, task, users[1], second, "cat", at: expired + 1)
        let refused = await domainError { _ = try await submit(db, task, users[0], first, "dog", at: expired + 2) }
        guard case .conflict = refused else {
            Issue.record("a late submit to a full item is a conflict (409), got \(String(describing: refused))")
            return
        }
        #expect(try await annotationCount(db) == 1)
    }

    @Test func lateSubmitIsAcceptedWhileCapacityRemains() async throws {
        let (db, task, users, first, second) = try await leaseExpiredAndTakenOver(overlap: 2)
        let expired = Double(task.leaseSeconds) + 1
        let late = try await submit(db, task, users[0], first, "dog", at: expired + 1)
        #expect(late.created)
        _ = try await submit(db, task, users[1], second, "cat", at: expired + 2)
        #expect(try await annotationCount(db) == 2)
    }
}
