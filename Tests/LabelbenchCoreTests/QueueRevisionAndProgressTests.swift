import Foundation
import GRDB
import Testing

@testable import LabelbenchCore

/// Revising a recent answer, skip reasons, stalled items, and the paged list queries.
@Suite struct QueueRevisionAndProgressTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @discardableResult
    private func answer(_ db: AppDatabase, _ task: LabelingTask, _ user: User, at seconds: Double) async throws -> String {
        let lease = try #require(try await db.leaseNextItem(in: task, for: user, now: t0.addingTimeInterval(seconds)).lease)
        try await db.submitAnnotation(
            AnnotationSubmission(itemID: lease.item.externalID, answer: .one("cat"), leaseToken: lease.token, requestID: nil),
            in: task, by: user, now: t0.addingTimeInterval(seconds + 1))
        return lease.item.externalID
    }

    @Test func aRevisionReplacesTheOwnAnswerAndIsRecorded() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, items: 3)
        let first = try await answer(db, task, users[0], at: 0)
        let second = try await answer(db, task, users[0], at: 10)
        let latest = try #require(
            try await db.revisableAnswer(in: task, by: users[0], itemID: nil, now: t0.addingTimeInterval(20)))
        #expect(latest.item.externalID == second && latest.earlierItemID == first && latest.answer == .one("cat"))

        try await db.reviseAnnotation(itemID: first, answer: .one("dog"), in: task, by: users[0], now: t0.addingTimeInterval(30))
        // Sending the same revision again changes nothing and records nothing more.
        try await db.reviseAnnotation(itemID: first, answer: .one("dog"), in: task, by: users[0], now: t0.addingTimeInterval(31))
        var labels: [String: Answer] = [:]
        try await db.forEachAnnotation(of: task) { labels[$0.item] = $0.answer }
        #expect(labels == [first: .one("dog"), second: .one("cat")])
        let recorded = try await db.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT previous_label, label FROM annotation_revision").map {
                [$0[0] as String, $0[1] as String]
            }
        }
        #expect(recorded == [["\"cat\"", "\"dog\""]])
    }

    @Test func answersOutOfReachCannotBeRevised() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, items: 2)
        let item = try await answer(db, task, users[0], at: 0)
        // Another annotator's answer is not theirs to change.
        let other = await domainError {
            try await db.reviseAnnotation(
                itemID: item, answer: .one("dog"), in: task, by: users[1], now: self.t0.addingTimeInterval(5))
        }
        #expect(other?.isConflict == true)
        // Past the task's lease time (60 s) the answer stands.
        let late = await domainError {
            try await db.reviseAnnotation(
                itemID: item, answer: .one("dog"), in: task, by: users[0], now: self.t0.addingTimeInterval(120))
        }
        #expect(late?.isConflict == true)
        #expect(try await db.revisableAnswer(in: task, by: users[0], itemID: nil, now: t0.addingTimeInterval(120)) == nil)
    }

    @Test func aSkippedItemNobodyCanFinishIsStalledWithItsReason() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, items: 2)
        let lease = try #require(try await db.leaseNextItem(in: task, for: users[0], now: t0).lease)
        try await db.skipItem(lease.item.externalID, in: task, for: users[0], reason: "  blurry  ", now: t0)
        // One annotator could still take it: not stalled yet.
        #expect(try await db.stalledItems(of: task).isEmpty)
        try await db.skipItem(lease.item.externalID, in: task, for: users[1], reason: "", now: t0)
        let stalled = try await db.stalledItems(of: task)
        #expect(stalled == [StalledItem(itemID: lease.item.externalID, answers: 0, skipReasons: ["blurry"])])
        #expect(try await db.taskProgress(of: task).stalled == 1)
    }

    @Test func taskProgressPagesSearchesAndCountsWithoutAFullBarForEmptyTasks() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, items: 3)
        try await answer(db, task, users[0], at: 0)
        for index in 0..<4 { try await db.createTask(Fixture.definition(name: "empty-\(index)"), by: nil) }

        let all = try await db.taskProgress(ListRequest(sort: TaskListSort.name, perPage: 2))
        #expect(all.total == 5 && all.pageCount == 3 && all.rows.map(\.task.name) == ["animals", "empty-0"])
        let animals = all.rows[0]
        #expect(animals.needed == 6 && animals.annotations == 1 && animals.percent == 16)
        #expect(animals.annotators.map(\.annotations) == [1, 0, 0])
        #expect(all.rows[1].needed == 0 && all.rows[1].percent == 0 && !all.rows[1].isFinished)

        let beyond = try await db.taskProgress(ListRequest(sort: TaskListSort.name, page: 9, perPage: 2))
        #expect(beyond.page == 3 && beyond.rows.map(\.task.name) == ["empty-3"])
        let found = try await db.taskProgress(ListRequest(search: "PTY-2", sort: TaskListSort.name))
        #expect(found.rows.map(\.task.name) == ["empty-2"])
        // `%` is taken literally, not as a wildcard.
        #expect(try await db.taskProgress(ListRequest(search: "%", sort: TaskListSort.name)).total == 0)

        try await db.setArchived(true, task: found.rows[0].task)
        #expect(try await db.taskProgress(ListRequest(sort: TaskListSort.name)).total == 4)
        #expect(
            try await db.taskProgress(ListRequest(sort: TaskListSort.name), shelf: .archived).rows.map(\.task.name) == ["empty-2"]
        )
    }

    @Test func theQueueOverviewAgreesWithPerTaskProgress() async throws {
        let db = try Fixture.database()
        let (first, users) = try await Fixture.task(db, items: 4)
        let second = try await db.createTask(Fixture.definition(name: "birds", annotators: ["ann-1"]), by: nil)
        try await db.importItems(Fixture.items(2), into: second)
        try await db.createTask(Fixture.definition(name: "not-mine", annotators: ["ann-2"]), by: nil)
        try await answer(db, first, users[0], at: 0)
        _ = try await db.leaseNextItem(in: first, for: users[0], now: t0.addingTimeInterval(5))

        let page = try await db.queueOverview(for: users[0], ListRequest(sort: QueueListSort.name))
        #expect(page.rows.map(\.task.name) == ["animals", "birds"])
        for row in page.rows {
            #expect(row.progress == (try await db.progress(in: row.task, for: users[0])))
        }
        let byRemaining = try await db.queueOverview(for: users[0], ListRequest(sort: QueueListSort.remaining))
        #expect(byRemaining.rows.map(\.task.name) == ["animals", "birds"])
    }
}
