import Agreement
import Foundation
import GRDB
import Testing

@testable import LabelbenchCore

/// Adaptive overlap on a set clock: `min` judgments first, one more at a time while the consensus is
/// below the confidence, never past `max` nor twice to one annotator, started items before fresh ones.
@Suite struct AdaptiveOverlapTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let adaptive = Overlap.adaptive(AdaptiveOverlap(min: 2, max: 4, confidence: 0.9))

    private func next(_ db: AppDatabase, _ task: LabelingTask, _ user: User, at seconds: Double = 0) async throws -> Lease? {
        try await db.leaseNextItem(in: task, for: user, now: t0.addingTimeInterval(seconds)).lease
    }

    /// Takes the next item and answers it with `label`; returns the item's id.
    @discardableResult
    private func label(
        _ db: AppDatabase, _ task: LabelingTask, _ user: User, _ label: String, at seconds: Double = 0
    ) async throws -> String {
        let lease = try #require(try await next(db, task, user, at: seconds))
        try await db.submitAnnotation(
            AnnotationSubmission(itemID: lease.item.externalID, answer: .one(label), leaseToken: lease.token),
            in: task, by: user, now: t0.addingTimeInterval(seconds + 1))
        return lease.item.externalID
    }

    private func names(_ count: Int) -> [String] { (1...count).map { "ann-\($0)" } }

    @Test func minFirstThenOneMoreAtATimeWhileBelowConfidenceUpToMax() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, Fixture.definition(overlap: adaptive), annotators: names(6), items: 1)
        // `min` annotators hold the item; a third waits even before they answer.
        let first = try #require(try await next(db, task, users[0]))
        let second = try #require(try await next(db, task, users[1]))
        #expect(try await next(db, task, users[2]) == nil)
        for (user, lease, answer) in [(users[0], first, "cat"), (users[1], second, "dog")] {
            try await db.submitAnnotation(
                AnnotationSubmission(itemID: lease.item.externalID, answer: .one(answer), leaseToken: lease.token),
                in: task, by: user, now: t0.addingTimeInterval(1))
        }
        // Split 1:1 (confidence 0.5): one more annotator, and only one at a time.
        let third = try #require(try await next(db, task, users[2], at: 2))
        #expect(third.item.externalID == "item-000")
        #expect(try await next(db, task, users[3], at: 2) == nil)
        try await db.submitAnnotation(
            AnnotationSubmission(itemID: "item-000", answer: .one("cat"), leaseToken: third.token), in: task, by: users[2],
            now: t0.addingTimeInterval(3))
        // 2 of 3 agree (0.67 < 0.9): a fourth, which is `max`.
        #expect(try await label(db, task, users[3], "cat", at: 4) == "item-000")
        // 3 of 4 (0.75) is still below the confidence, but the item has its `max`.
        #expect(try await next(db, task, users[4], at: 6) == nil)
        // Nobody who answered gets it again.
        for user in users[0..<4] { #expect(try await next(db, task, user, at: 6) == nil) }
        let progress = try await db.taskProgress(of: task)
        #expect(progress.annotations == 4 && progress.needed == 4 && progress.isFinished)
        #expect(progress.neededAtMost == 4)
    }

    @Test func agreementAtMinNeedsNoMore() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, Fixture.definition(overlap: adaptive), annotators: names(3), items: 1)
        try await label(db, task, users[0], "bird")
        try await label(db, task, users[1], "bird", at: 2)
        #expect(try await next(db, task, users[2], at: 4) == nil)
        let progress = try await db.taskProgress(of: task)
        #expect(progress.needed == 2 && progress.isFinished)
        #expect(try await db.progress(in: task, for: users[2]) == QueueProgress(done: 0, remaining: 0))
    }

    @Test func confidenceAtTheThresholdIsEnough() async throws {
        // 3 of 4 agree: 0.75 settles a task asking for 0.75, not one asking for 0.76.
        for (confidence, settled) in [(0.75, true), (0.76, false)] {
            let db = try Fixture.database()
            let setting = Overlap.adaptive(AdaptiveOverlap(min: 4, max: 5, confidence: confidence))
            let (task, users) = try await Fixture.task(db, Fixture.definition(overlap: setting), annotators: names(5), items: 1)
            for (index, answer) in ["cat", "cat", "dog", "cat"].enumerated() {
                try await label(db, task, users[index], answer, at: Double(index * 2))
            }
            #expect((try await next(db, task, users[4], at: 10) == nil) == settled)
        }
    }

    @Test func itemsWithJudgmentsAreServedBeforeFreshOnes() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, Fixture.definition(overlap: adaptive), annotators: names(2), items: 3)
        // ann-1 passes over item-000 and answers item-001, which then needs a second judgment.
        try await db.skipItem("item-000", in: task, for: users[0], now: t0)
        #expect(try await label(db, task, users[0], "cat", at: 1) == "item-001")
        // ann-2 gets item-001 ahead of the fresh item-000 that comes first in the queue's order.
        #expect(try await label(db, task, users[1], "cat", at: 3) == "item-001")
        // Settled (2 of 2 agree): the fresh items follow in order.
        #expect(try await label(db, task, users[1], "dog", at: 5) == "item-000")
        #expect(try await label(db, task, users[0], "cat", at: 7) == "item-002")
    }

    @Test func fixedOverlapKeepsTheQueuesOrder() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, Fixture.definition(overlap: 2), annotators: names(2), items: 3)
        try await db.skipItem("item-000", in: task, for: users[0], now: t0)
        #expect(try await label(db, task, users[0], "cat", at: 1) == "item-001")
        #expect(try await label(db, task, users[1], "cat", at: 3) == "item-000")
    }

    @Test func progressCountsWhatIsKnownToBeNeeded() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, Fixture.definition(overlap: adaptive), annotators: names(3), items: 3)
        var progress = try await db.taskProgress(of: task)
        #expect(progress.needed == 6 && progress.neededAtMost == 12 && progress.percent == 0)
        // item-000 split: it needs a third judgment, so the task needs 7 as far as is known.
        #expect(try await label(db, task, users[0], "cat") == "item-000")
        #expect(try await label(db, task, users[1], "dog", at: 2) == "item-000")
        progress = try await db.taskProgress(of: task)
        #expect(progress.annotations == 2 && progress.needed == 7 && !progress.isFinished)
        // The split item is not done for an annotator who may still answer it.
        #expect(try await db.progress(in: task, for: users[2]) == QueueProgress(done: 0, remaining: 3))
        #expect(try await db.progress(in: task, for: users[0]) == QueueProgress(done: 1, remaining: 2))
        // The task list counts the same.
        let listed = try await db.taskProgress(ListRequest(sort: TaskListSort.name))
        #expect(listed.rows.first?.needed == 7)
    }

    @Test func changingTheSettingResettlesJudgedItems() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, Fixture.definition(overlap: 2), annotators: names(3), items: 1)
        try await label(db, task, users[0], "cat")
        try await label(db, task, users[1], "dog", at: 2)
        #expect(try await next(db, task, users[2], at: 4) == nil)
        var definition = try await db.definition(of: task)
        definition.overlap = adaptive
        let adaptiveTask = try await db.updateTask(named: task.name, with: definition, by: nil)
        #expect(try await db.definition(of: adaptiveTask).overlap == adaptive)
        // The split item now asks for a third judgment …
        let third = try #require(try await next(db, adaptiveTask, users[2], at: 6))
        #expect(third.item.externalID == "item-000")
        try await db.skipItem("item-000", in: adaptiveTask, for: users[2], now: t0.addingTimeInterval(7))
        // … and fixed overlap 2 again makes it full.
        definition.overlap = 2
        let fixedTask = try await db.updateTask(named: task.name, with: definition, by: nil)
        #expect(try await db.taskProgress(of: fixedTask).needed == 2)
        let needed = try await db.writer.read { db in try Int?.fetchOne(db, sql: "SELECT needed FROM item") }
        #expect(needed == .some(nil))
    }

    @Test func untrustedAnswersAreNoJudgments() async throws {
        let db = try Fixture.database()
        var definition = Fixture.definition(overlap: adaptive)
        (definition.minTrust, definition.minGoldSeen) = (0.5, 1)
        let (task, users) = try await Fixture.task(
            db, definition, annotators: names(3), items: 2, gold: ["item-000": "cat"])
        func answer(_ user: User, _ item: String, _ label: String) async throws {
            try await db.submitAnnotation(
                AnnotationSubmission(itemID: item, answer: .one(label)), in: task, by: user, now: t0)
        }
        try await answer(users[0], "item-001", "cat")
        try await answer(users[1], "item-001", "cat")
        #expect(try await db.taskProgress(of: task).needed == 4)
        // ann-1 misses the gold item and is paused: their "cat" on item-001 no longer counts, so item-001
        // has one judgment of the two it needs, and goes to ann-3.
        try await answer(users[0], "item-000", "dog")
        #expect(try await next(db, task, users[2], at: 1)?.item.externalID == "item-001")
        // Counted again after a resume, it settles the item once more.
        let pat = try await db.createUser(name: "pat", role: .practitioner, password: nil)
        try await db.resume("ann-1", in: task, by: pat, countEarlier: true, now: t0.addingTimeInterval(2))
        let needed = try await db.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT needed FROM item WHERE external_id = 'item-001'")
        }
        #expect(needed == 2)
    }

    @Test func relabelingStartsTheItemAgainAtMin() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db, Fixture.definition(overlap: adaptive), annotators: names(3), items: 1)
        try await label(db, task, users[0], "cat")
        try await label(db, task, users[1], "dog", at: 2)
        try await db.sendBackForRelabeling(["item-000"], in: task, by: users[0])
        #expect(try await db.taskProgress(of: task).needed == 2)
    }

    @Test func consensusConfidenceIsTheLibrarysForEveryAnswerType() throws {
        func task(_ answer: AnswerType, kind: ItemKind = .text) -> LabelingTask {
            LabelingTask(
                id: 1, name: "t", title: "t", kind: kind, answer: answer, labels: [TaskLabel(name: "A"), TaskLabel(name: "B")],
                overlap: 2, leaseSeconds: 60, goldRate: 0, guidelineVersion: 1, createdAt: t0, createdBy: nil)
        }
        #expect(task(.single).consensusConfidence(of: []) == nil)
        #expect(task(.single).consensusConfidence(of: [.one("A"), .one("B"), .one("A")]) == 2.0 / 3)
        // Multiple choice: the mean over labels of the share agreeing with each label's decision.
        #expect(task(.multiple).consensusConfidence(of: [.many(["A"]), .many(["A", "B"])]) == (1.0 + 0.5) / 2)
        let per = Span(start: 0, end: 3, label: "A")
        let loc = Span(start: 4, end: 6, label: "B")
        let spans: [Answer] = [.spans([per, loc]), .spans([per, loc]), .spans([per])]
        // The span consensus keeps both marks; the smaller share behind them is 2 of 3.
        #expect(task(.spans).consensusConfidence(of: spans) == 2.0 / 3)
        let records = spans.enumerated().map {
            AnnotationRecord(item: "x", annotator: "\($0.offset)", label: $0.element.labelValue)
        }
        #expect(
            task(.spans).consensusConfidence(of: spans)
                == aggregate(records, method: .majority, labelOrder: ["A", "B"]).labels.first?.confidence)
        let box = Box(x: 10, y: 10, w: 20, h: 20, label: "A")
        let boxes: [Answer] = [.boxes([box]), .boxes([box]), .boxes([]), .boxes([box])]
        #expect(
            task(.boxes, kind: .image).consensusConfidence(of: boxes)
                == BoxConsensus(answers: [[box], [box], [], [box]]).confidence)
    }

    @Test func judgmentsNeededFollowsTheRule() {
        let rule = AdaptiveOverlap(min: 2, max: 5, confidence: 0.9)
        #expect(rule.judgmentsNeeded(having: 0, confidence: nil) == 2)
        #expect(rule.judgmentsNeeded(having: 1, confidence: 1) == 2)
        #expect(rule.judgmentsNeeded(having: 2, confidence: 1) == 2)
        #expect(rule.judgmentsNeeded(having: 2, confidence: 0.5) == 3)
        #expect(rule.judgmentsNeeded(having: 4, confidence: 0.75) == 5)
        #expect(rule.judgmentsNeeded(having: 5, confidence: 0.6) == 5)
        #expect(rule.judgmentsNeeded(having: 3, confidence: 0.9) == 3)
    }

    @Test func theTaskFileTakesANumberOrTheAdaptiveObject() throws {
        func decode(_ overlap: String) throws -> TaskDefinition {
            try TaskDefinition.decode(
                Data(#"{"name": "t", "labels": [{"name": "a"}, {"name": "b"}], "overlap": \#(overlap)}"#.utf8))
        }
        #expect(try decode("3").overlap == .fixed(3))
        let object = try decode(#"{"min": 2, "max": 5, "confidence": 0.9}"#)
        #expect(object.overlap == .adaptive(AdaptiveOverlap(min: 2, max: 5, confidence: 0.9)))
        // Written back as it was read: a number stays a number, the object an object.
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(object)) as? [String: Any]
        #expect((encoded?["overlap"] as? [String: Double]) == ["min": 2, "max": 5, "confidence": 0.9])
        let fixed = try JSONSerialization.jsonObject(with: JSONEncoder().encode(try decode("3"))) as? [String: Any]
        #expect(fixed?["overlap"] as? Int == 3)
        let refusals: [(String, String)] = [
            (#"{"min": 3, "max": 2, "confidence": 0.9}"#, "overlap.max: must be at least min (3)"),
            (#"{"min": 0, "max": 2, "confidence": 0.9}"#, "overlap.min: must be between 1 and 50"),
            (#"{"min": 2, "max": 51, "confidence": 0.9}"#, "overlap.max: must be between 1 and 50"),
            (#"{"min": 2, "max": 5, "confidence": 0}"#, "overlap.confidence: must be more than 0 and at most 1"),
            (#"{"min": 2, "max": 5, "confidence": 1.5}"#, "overlap.confidence: must be more than 0 and at most 1"),
            (#"{"min": 2, "max": 5}"#, "overlap.confidence: missing"),
            (#"{"min": 2.5, "max": 5, "confidence": 0.9}"#, "overlap.min: expected a whole number"),
            (#"{"min": 2, "max": 5, "confidence": 0.9, "mode": "x"}"#, "overlap: unknown field \"mode\""),
            (#"{"min": "2", "max": 5, "confidence": 0.9}"#, "overlap.min: expected a number"),
            (#""adaptive""#, "overlap: expected a whole number (fixed overlap) or"),
            ("0", "overlap: must be between 1 and 50"),
        ]
        for (overlap, message) in refusals {
            do {
                _ = try decode(overlap)
                Issue.record("accepted overlap \(overlap)")
            } catch let error as DomainError {
                #expect(error.description.hasPrefix(message), "\(overlap): \(error.description)")
            }
        }
    }
}
