import Foundation
import GRDB
import Testing

@testable import LabelbenchCore

@Suite struct QueueTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    private func next(_ db: AppDatabase, _ task: LabelingTask, _ user: User, at seconds: Double = 0) async throws -> NextItem {
        try await db.leaseNextItem(in: task, for: user, now: t0.addingTimeInterval(seconds))
    }

    @discardableResult
    private func submit(
        _ db: AppDatabase, _ task: LabelingTask, _ user: User, _ item: String, _ label: String = "cat",
        lease: String? = nil, request: String? = nil, at seconds: Double = 1
    ) async throws -> AnnotationView {
        try await db.submitAnnotation(
            AnnotationSubmission(itemID: item, answer: .one(label), leaseToken: lease, requestID: request),
            in: task, by: user, now: t0.addingTimeInterval(seconds))
    }

    @Test func overlapIsRespected() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, Fixture.definition(overlap: 2), items: 1)
        let first = try #require(try await next(db, task, users[0]).lease)
        let second = try #require(try await next(db, task, users[1]).lease)
        #expect(first.item.externalID == "item-000" && second.item.externalID == "item-000")
        #expect(first.token != second.token)
        guard case .idle(let idle) = try await next(db, task, users[2]) else {
            Issue.record("a third annotator must not get an item with overlap 2")
            return
        }
        #expect(idle.waiting == 2)
        #expect(idle.retryAt == t0.addingTimeInterval(60))
        // Finishing the leases keeps the item full for the third annotator.
        try await submit(db, task, users[0], "item-000", lease: first.token)
        try await submit(db, task, users[1], "item-000", "dog", lease: second.token)
        guard case .idle(let after) = try await next(db, task, users[2], at: 2) else {
            Issue.record("the item is fully annotated")
            return
        }
        #expect(after.waiting == 0)
    }

    @Test func neverTwiceToOneAnnotator() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, Fixture.definition(overlap: 3), items: 2)
        var seen: [String] = []
        for step in 0..<2 {
            let lease = try #require(try await next(db, task, users[0], at: Double(step * 10)).lease)
            seen.append(lease.item.externalID)
            try await submit(db, task, users[0], lease.item.externalID, lease: lease.token, at: Double(step * 10 + 1))
        }
        #expect(seen == ["item-000", "item-001"])
        #expect(try await next(db, task, users[0], at: 100).lease == nil)
        let progress = try await db.progress(in: task, for: users[0])
        #expect(progress == QueueProgress(done: 2, remaining: 0))
    }

    @Test func reloadReturnsTheSameLease() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, items: 3)
        let first = try #require(try await next(db, task, users[0]).lease)
        let again = try #require(try await next(db, task, users[0], at: 30).lease)
        #expect(first == again)
        #expect(first.guidelineVersion == 1)
        #expect(first.expiresAt == t0.addingTimeInterval(60))
    }

    @Test func expiredLeaseReturnsTheItemToThePool() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, Fixture.definition(overlap: 1, leaseSeconds: 60), items: 1)
        let walkedAway = try #require(try await next(db, task, users[0]).lease)
        #expect(try await next(db, task, users[1], at: 59).lease == nil)
        let taken = try #require(try await next(db, task, users[1], at: 60).lease)
        #expect(taken.item.externalID == walkedAway.item.externalID)
        // The first annotator's late answer no longer fits the overlap.
        let late = await domainError { try await submit(db, task, users[0], "item-000", lease: walkedAway.token, at: 61) }
        #expect(late?.isConflict == true)
        try await submit(db, task, users[1], "item-000", lease: taken.token, at: 62)
        // The service's periodic release works the same way.
        let (task2, others) = try await Fixture.task(
            db, Fixture.definition(name: "second", overlap: 1, leaseSeconds: 10), annotators: ["ann-4", "ann-5"], items: 1)
        let (ann4, ann5) = (others[0], others[1])
        _ = try #require(try await next(db, task2, ann4).lease)
        try await db.releaseExpiredLeases(now: t0.addingTimeInterval(11))
        #expect(try await next(db, task2, ann5, at: 11).lease?.item.externalID == "item-000")
    }

    @Test func skipExcludesTheItemForThatAnnotatorOnly() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, Fixture.definition(overlap: 1), items: 2)
        let lease = try #require(try await next(db, task, users[0]).lease)
        #expect(lease.item.externalID == "item-000")
        try await db.skipItem("item-000", in: task, for: users[0], now: t0.addingTimeInterval(1))
        #expect(try await next(db, task, users[0], at: 2).lease?.item.externalID == "item-001")
        #expect(try await next(db, task, users[1], at: 3).lease?.item.externalID == "item-000")
        #expect(await domainError { try await db.skipItem("nope", in: task, for: users[0]) } != nil)
    }

    @Test func resubmittingTheSameAnswerRecordsOnce() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, items: 2)
        let lease = try #require(try await next(db, task, users[0]).lease)
        let first = try await submit(db, task, users[0], "item-000", lease: lease.token)
        let second = try await submit(db, task, users[0], "item-000", lease: lease.token, at: 2)
        #expect(first.created && !second.created)
        #expect(first.id == second.id)
        #expect(try await db.progress(in: task, for: users[0]).done == 1)
    }

    @Test func requestIdReplayReturnsTheFirstResult() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, items: 2)
        let lease = try #require(try await next(db, task, users[0]).lease)
        let first = try await submit(db, task, users[0], "item-000", lease: lease.token, request: "req-1")
        let replay = try await submit(db, task, users[0], "item-000", lease: lease.token, request: "req-1", at: 5)
        #expect(replay.id == first.id && !replay.created && replay.createdAt == first.createdAt)
        // The same request id for another item is refused rather than silently reused.
        let reused = await domainError { try await submit(db, task, users[0], "item-001", request: "req-1", at: 6) }
        #expect(reused?.isConflict == true)
        // Another annotator may use the same request id.
        let other = try await submit(db, task, users[1], "item-000", request: "req-1", at: 7)
        #expect(other.created)
    }

    @Test func aDifferentAnswerIsAConflict() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, items: 1)
        let lease = try #require(try await next(db, task, users[0]).lease)
        try await submit(db, task, users[0], "item-000", "cat", lease: lease.token)
        let error = await domainError { try await submit(db, task, users[0], "item-000", "dog", at: 2) }
        #expect(error?.isConflict == true)
        #expect(try await db.progress(in: task, for: users[0]).done == 1)
    }

    @Test func submittingWithoutALeaseCountsTowardTheOverlap() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, Fixture.definition(overlap: 1), items: 1)
        let view = try await submit(db, task, users[0], "item-000")
        #expect(view.created && view.guidelineVersion == 1)
        #expect(try await next(db, task, users[1], at: 2).lease == nil)
        #expect(await domainError { try await submit(db, task, users[1], "item-000", at: 3) }?.isConflict == true)
        #expect(await domainError { try await submit(db, task, users[1], "missing", at: 3) } != nil)
    }

    @Test func annotationsRecordTheGuidelineVersionOfTheLease() async throws {
        let db = try Fixture.database()
        var definition = Fixture.definition()
        let (task, users) = try await Fixture.task(db, definition, items: 2)
        let lease = try #require(try await next(db, task, users[0]).lease)
        definition.annotators = ["ann-1", "ann-2", "ann-3"]
        definition.instructions = "New instructions."
        let edited = try await db.updateTask(named: task.name, with: definition, by: nil)
        #expect(edited.guidelineVersion == 2)
        let made = try await submit(db, edited, users[0], lease.item.externalID, lease: lease.token)
        #expect(made.guidelineVersion == 1)
        let fresh = try #require(try await next(db, edited, users[0], at: 5).lease)
        #expect(fresh.guidelineVersion == 2)
    }

    @Test func goldRateMixesGoldItemsIntoTheQueue() async throws {
        let db = try Fixture.database()
        var gold: [String: String] = [:]
        for index in 0..<10 { gold[Fixture.itemID(index)] = "cat" }
        let (task, users) = try await Fixture.task(db, Fixture.definition(overlap: 1, goldRate: 0.5), items: 40, gold: gold)
        var goldSeen = 0
        var regularSeen = 0
        for step in 0..<24 {
            let lease = try #require(try await next(db, task, users[0], at: Double(step * 2)).lease)
            if gold[lease.item.externalID] != nil { goldSeen += 1 } else { regularSeen += 1 }
            try await submit(db, task, users[0], lease.item.externalID, lease: lease.token, at: Double(step * 2 + 1))
        }
        #expect(goldSeen > 0 && regularSeen > 0, "gold \(goldSeen), regular \(regularSeen)")
    }

    @Test func goldItemsGoToEveryAnnotatorWhateverTheOverlap() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(
            db, Fixture.definition(overlap: 1, goldRate: 1), items: 3, gold: ["item-002": "dog"])
        for (index, user) in users.enumerated() {
            let lease = try #require(try await next(db, task, user, at: Double(index)).lease)
            #expect(lease.item.externalID == "item-002")
            try await submit(db, task, user, "item-002", "dog", lease: lease.token, at: Double(index) + 0.5)
        }
    }

    @Test func withoutAGoldRateGoldItemsAreOrdinaryItems() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, Fixture.definition(overlap: 1), items: 1, gold: ["item-000": "cat"])
        let lease = try #require(try await next(db, task, users[0]).lease)
        #expect(lease.item.externalID == "item-000")
        #expect(try await next(db, task, users[1], at: 1).lease == nil)
    }

    @Test func concurrentLeasesNeverExceedTheOverlap() async throws {
        try await withTemporaryFolder { folder in
            let db = try AppDatabase.openFile(at: folder.appendingPathComponent("queue.sqlite"))
            let names = (1...12).map { "ann-\($0)" }
            let (task, users) = try await Fixture.task(db, Fixture.definition(overlap: 3), annotators: names, items: 3)
            let leased = try await withThrowingTaskGroup(of: String?.self) { group in
                for user in users {
                    group.addTask { try await db.leaseNextItem(in: task, for: user, now: self.t0).lease?.item.externalID }
                }
                var all: [String] = []
                for try await id in group { if let id { all.append(id) } }
                return all
            }
            #expect(leased.count == 9)
            #expect(Dictionary(grouping: leased, by: { $0 }).values.allSatisfy { $0.count == 3 })
            #expect(try db.integrityCheck() == "ok")
            let mode = try await db.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
        }
    }
}

/// The search for the next item starts where the annotator last took one, and falls back to the
/// first item so an item reopened behind that point is still handed out.
@Suite struct QueuePositionTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func anItemReopenedBehindTheAnnotatorIsStillHandedOut() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, Fixture.definition(overlap: 1), items: 3)
        let (amy, ben) = (users[0], users[1])
        // Ben takes item 0 and walks away; Amy labels items 1 and 2.
        let abandoned = try #require(try await db.leaseNextItem(in: task, for: ben, now: t0).lease)
        #expect(abandoned.item.externalID == "item-000")
        for (step, expected) in ["item-001", "item-002"].enumerated() {
            let lease = try #require(
                try await db.leaseNextItem(in: task, for: amy, now: t0.addingTimeInterval(Double(step))).lease)
            #expect(lease.item.externalID == expected)
            _ = try await db.submitAnnotation(
                AnnotationSubmission(itemID: expected, answer: .one("cat"), leaseToken: lease.token), in: task, by: amy,
                now: t0.addingTimeInterval(Double(step) + 0.5))
        }
        // After Ben's lease expires, Amy's search past item 2 finds nothing and starts again from the first item.
        let late = t0.addingTimeInterval(Double(task.leaseSeconds) + 10)
        let reopened = try #require(try await db.leaseNextItem(in: task, for: amy, now: late).lease)
        #expect(reopened.item.externalID == "item-000")
    }
}
