import Agreement
import Foundation
import GRDB
import Testing

@testable import LabelbenchCore

/// Gold feedback, pausing an annotator whose gold accuracy falls under `min_trust`, keeping their work
/// out of every statistic and export, and resuming them.
@Suite struct TrustTests {
    /// A task paused at under 50 % after 2 gold answers: gold items 0 and 1 ("cat"), items 2 to 4 plain.
    static func pausingTask(_ db: AppDatabase) async throws -> (LabelingTask, [User], User) {
        let pat = try await db.createUser(name: "pat", role: .practitioner, password: nil)
        let users = try await Fixture.annotators(["ann", "bob"], in: db)
        var definition = Fixture.definition(overlap: 2, annotators: ["ann", "bob"])
        (definition.minTrust, definition.minGoldSeen) = (0.5, 2)
        let task = try await db.createTask(definition, by: pat)
        var items = Fixture.items(5, gold: ["item-000": "cat", "item-001": "cat"])
        items[0].goldReason = "Whiskers **and** a tail."
        try await db.importItems(items, into: task)
        return (task, users, pat)
    }

    static func answer(
        _ item: Int, _ label: String, by user: User, in task: LabelingTask, _ db: AppDatabase
    ) async throws
        -> AnnotationView
    {
        try await db.submitAnnotation(AnnotationSubmission(itemID: Fixture.itemID(item), answer: .one(label)), in: task, by: user)
    }

    @Test func aGoldAnswerGetsFeedbackAndOtherAnswersNone() async throws {
        let db = try Fixture.database()
        let (task, users, _) = try await Self.pausingTask(db)
        let wrong = try await Self.answer(0, "dog", by: users[0], in: task, db)
        #expect(
            wrong.feedback
                == GoldFeedback(correct: false, given: .one("dog"), expected: .one("cat"), reason: "Whiskers **and** a tail."))
        #expect(try await Self.answer(1, "cat", by: users[0], in: task, db).feedback?.correct == true)
        #expect(try await Self.answer(2, "dog", by: users[0], in: task, db).feedback == nil)
        // The same answer sent again is the stored one, with the same feedback.
        #expect(try await Self.answer(0, "dog", by: users[0], in: task, db).feedback == wrong.feedback)
        #expect(try await db.missedGold("item-000", in: task, by: users[0])?.expected == .one("cat"))
        #expect(try await db.missedGold("item-001", in: task, by: users[0]) == nil)
        // Nothing before answering: bob has not answered item 0.
        #expect(try await db.missedGold("item-000", in: task, by: users[1]) == nil)
    }

    @Test func goldReasonComesFromJSONLAndCSVAndNeedsAGold() async throws {
        let jsonl = try ItemFileParser.parse(
            Data(#"{"id": "a", "text": "t", "gold": "cat", "gold_reason": "Whiskers."}"#.utf8), fileName: "items.jsonl")
        #expect(jsonl.map(\.goldReason) == ["Whiskers."])
        let csv = try ItemFileParser.parse(
            Data("id,text,gold,gold_reason\na,t,cat,\"Whiskers, a tail.\"\nb,u,,\n".utf8), fileName: "items.csv")
        #expect(csv.map(\.goldReason) == ["Whiskers, a tail.", nil])
        #expect(csv.allSatisfy { $0.meta == nil })
        #expect(throws: DomainError.invalid(#"items.jsonl line 1: "gold_reason" must be a string"#)) {
            try ItemFileParser.parse(
                Data(#"{"id": "a", "text": "t", "gold": "cat", "gold_reason": 3}"#.utf8), fileName: "items.jsonl")
        }
        // Refused at import, nothing stored: a reason without a gold answer.
        let db = try Fixture.database()
        let (task, _) = try await Fixture.task(db, items: 0)
        let draft = ItemDraft(externalID: "a", content: .text("t"), goldReason: "why", origin: .line(1, of: "items.jsonl"))
        await #expect(throws: DomainError.invalid(#"items.jsonl line 1: "gold_reason" explains a "gold" answer; give both"#)) {
            try await db.importItems([draft], into: task)
        }
        #expect(try await db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM item") } == 0)
    }

    @Test func spanGoldIsJudgedByTheSpanRule() async throws {
        let db = try Fixture.database()
        let users = try await Fixture.annotators(["ann"], in: db)
        let task = try await db.createTask(
            Fixture.definition(answer: .spans, labels: ["PER", "ORG"], overlap: 1, annotators: ["ann"]), by: nil)
        let gold = [["start": 0, "end": 4, "label": "PER"]]
        try await db.importItems(
            [ItemDraft(externalID: "s", content: .text("Anna works"), gold: JSONValueBox(gold), origin: .line(1, of: "x"))],
            into: task)
        let right = try await db.submitAnnotation(
            AnnotationSubmission(itemID: "s", answer: .spans([Span(start: 0, end: 4, label: "PER")])), in: task, by: users[0])
        #expect(right.feedback?.correct == true)
    }

    @Test func lowGoldAccuracyPausesAndItsWorkStopsCounting() async throws {
        let db = try Fixture.database()
        let (task, users, _) = try await Self.pausingTask(db)
        let (ann, bob) = (users[0], users[1])
        _ = try await Self.answer(2, "dog", by: ann, in: task, db)
        _ = try await Self.answer(2, "dog", by: bob, in: task, db)
        #expect(try await Self.answer(0, "dog", by: ann, in: task, db).pause == nil)  // 1 gold answer: too few to judge
        let pausing = try await Self.answer(1, "dog", by: ann, in: task, db)
        #expect(pausing.pause?.accuracy == GoldAccuracy(correct: 0, seen: 2))
        #expect(try await db.untrustedAnnotationCount(of: task) == 3)

        await #expect(throws: AnnotatorPaused.self) { _ = try await db.leaseNextItem(in: task, for: ann) }
        await #expect(throws: AnnotatorPaused.self) { _ = try await Self.answer(3, "dog", by: ann, in: task, db) }
        do {
            _ = try await db.leaseNextItem(in: task, for: ann)
        } catch let paused as AnnotatorPaused {
            #expect(paused.description.hasPrefix("paused: "))
            #expect(paused.description.contains("0 of 2") && paused.description.contains("ask pat"))
        }
        // Kept, marked, and left out of the statistics: only bob's answer counts.
        var trusted: [String: Bool] = [:]
        try await db.forEachAnnotation(of: task) { trusted["\($0.annotator) \($0.item)"] = $0.trusted }
        #expect(trusted == ["ann item-000": false, "ann item-001": false, "ann item-002": false, "bob item-002": true])
        let input = try await db.statisticsInput(for: task)
        #expect(input.annotations.count == 1)
        #expect(try await db.agreementReport(for: task).annotators.map(\.annotator) == ["bob"])
        #expect(try await db.trustEvents(of: task).map(\.kind) == [.pause])
        // Work imported for ann while paused is kept untrusted too.
        let line = #"{"item": "item-004", "annotator": "ann", "label": "dog"}"#
        _ = try await db.importAnnotations(Fixture.jsonl([line]), fileName: "more.jsonl", into: task)
        #expect(try await db.untrustedAnnotationCount(of: task) == 4)
    }

    @Test func resumeStartsTheGoldCountAfreshAndMayCountEarlierWork() async throws {
        let db = try Fixture.database()
        let (task, users, pat) = try await Self.pausingTask(db)
        let ann = users[0]
        _ = try await Self.answer(0, "dog", by: ann, in: task, db)
        _ = try await Self.answer(1, "dog", by: ann, in: task, db)
        let resumed = try await db.resume("ann", in: task, by: pat, countEarlier: false)
        #expect(resumed.kind == .resume && resumed.by == "pat" && !resumed.countEarlier)
        #expect(try await db.untrustedAnnotationCount(of: task) == 2)  // earlier work stays out
        #expect(try await db.annotatorTrust(in: task).first { $0.annotator == "ann" }?.accuracy.seen == 0)
        // A plain answer after the resume counts; no new gold answers, so no new pause.
        #expect(try await Self.answer(2, "dog", by: ann, in: task, db).trusted)
        #expect(try await db.untrustedAnnotationCount(of: task) == 2)
        await #expect(throws: DomainError.conflict("ann is not paused on animals")) {
            _ = try await db.resume("ann", in: task, by: pat, countEarlier: true)
        }
        await #expect(throws: DomainError.notFound("nobody is not an annotator of animals")) {
            _ = try await db.resume("nobody", in: task, by: pat, countEarlier: true)
        }
        // A new pause needs min_gold_seen (2) new gold answers: one more wrong one is not enough.
        try await db.importItems(
            [5, 6].map {
                ItemDraft(
                    externalID: Fixture.itemID($0), content: .text("more"), gold: JSONValueBox("cat"),
                    origin: .line($0, of: "more"))
            }, into: task)
        #expect(try await Self.answer(5, "dog", by: ann, in: task, db).pause == nil)
        #expect(try await Self.answer(6, "dog", by: ann, in: task, db).pause?.accuracy == GoldAccuracy(correct: 0, seen: 2))
        _ = try await db.resume("ann", in: task, by: pat, countEarlier: true)
        #expect(try await db.untrustedAnnotationCount(of: task) == 0)
        #expect(
            try await db.trustEvents(of: task).map { "\($0.kind) \($0.countEarlier)" } == [
                "resume true", "pause false", "resume false", "pause false",
            ])
    }

    @Test func exportRowsAndMetadataLeaveUntrustedWorkOut() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await ExportFixture(folder: folder)
            // carol misses item-005's gold ("bird") with min_gold_seen 1: paused, her three answers untrusted.
            try await fixture.db.writer.write { db in try db.execute(sql: "UPDATE task SET min_trust = 0.5, min_gold_seen = 1") }
            let carol = try #require(try fixture.db.user(named: "carol"))
            let answer = AnnotationSubmission(itemID: "item-005", answer: .one("cat"))
            #expect(try await fixture.db.submitAnnotation(answer, in: fixture.task, by: carol).pause != nil)
            let version = try fixture.export().version
            let labels = String(decoding: try fixture.bytes(version.reference, "labels.jsonl"), as: UTF8.self)
            #expect(!labels.contains("carol") && labels.contains("alice"))
            let manifest =
                try JSONSerialization.jsonObject(with: fixture.bytes(version.reference, "manifest.json")) as? [String: Any]
            let metadata = try #require(manifest?["metadata"] as? [String: Any])
            #expect(metadata["annotations"] as? Int == 7)
            #expect(metadata["annotators"] as? Int == 2)
        }
    }
}
