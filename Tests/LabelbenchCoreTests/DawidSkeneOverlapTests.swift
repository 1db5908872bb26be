import Agreement
import Foundation
import GRDB
import Testing

@testable import LabelbenchCore

/// Adaptive overlap under `"consensus": "dawid-skene"` on a set clock: the item's posterior under the
/// task's fitted model is the confidence, so careful annotators settle an item sooner than the majority's
/// share would, and a spammer's vote counts for little.
@Suite struct DawidSkeneOverlapTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let labels = ["cat", "dog", "bird"]

    /// A task of item-000 (fresh) and 60 items already labeled by careful-1…3, who always give the item's
    /// label (item N is labels[N % 3]), and spammer, whose answer ignores the item (labels[N / 3 % 3]).
    private func task(
        _ consensus: ConsensusMethod, confidence: Double
    ) async throws -> (AppDatabase, LabelingTask, [String: User]) {
        let db = try Fixture.database()
        var definition = Fixture.definition(
            labels: labels, overlap: .adaptive(AdaptiveOverlap(min: 2, max: 5, confidence: confidence)))
        definition.consensus = consensus
        let names = ["careful-1", "careful-2", "careful-3", "spammer"]
        let (task, users) = try await Fixture.task(db, definition, annotators: names, items: 61)
        var history: [ImportedAnnotation] = []
        for index in 1...60 {
            for name in names {
                let label = name == "spammer" ? labels[index / 3 % 3] : labels[index % 3]
                history.append(
                    ImportedAnnotation(
                        origin: "line \(history.count + 1)", item: Fixture.itemID(index), annotator: name,
                        answer: .one(label), seconds: nil, guidelineVersion: nil))
            }
        }
        _ = try await db.importAnnotations(history, into: task)
        return (db, task, Dictionary(uniqueKeysWithValues: zip(names, users)))
    }

    /// Takes item-000 (the only item `user` has not answered) and answers it with `label`.
    private func answer(
        _ db: AppDatabase, _ task: LabelingTask, _ user: User, _ label: String, at seconds: Double
    ) async throws {
        let lease = try #require(try await db.leaseNextItem(in: task, for: user, now: t0.addingTimeInterval(seconds)).lease)
        #expect(lease.item.externalID == "item-000")
        try await db.submitAnnotation(
            AnnotationSubmission(itemID: "item-000", answer: .one(label), leaseToken: lease.token), in: task, by: user,
            now: t0.addingTimeInterval(seconds + 1))
    }

    private func isServed(_ db: AppDatabase, _ task: LabelingTask, to user: User, at seconds: Double) async throws -> Bool {
        try await db.leaseNextItem(in: task, for: user, now: t0.addingTimeInterval(seconds)).lease != nil
    }

    @Test func twoCarefulAnnotatorsOutvoteASpammerAtThree() async throws {
        // careful-1 cat, spammer dog, careful-2 cat: 2 of 3 is a share of 0.67, so the majority asks a fourth;
        // under Dawid–Skene the spammer's dog says almost nothing and cat's posterior is above 0.95.
        for (consensus, settled) in [(ConsensusMethod.majority, false), (.dawidSkene, true)] {
            let (db, task, users) = try await task(consensus, confidence: 0.95)
            try await answer(db, task, users["careful-1"]!, "cat", at: 0)
            try await answer(db, task, users["spammer"]!, "dog", at: 2)
            try await answer(db, task, users["careful-2"]!, "cat", at: 4)
            #expect(try await isServed(db, task, to: users["careful-3"]!, at: 6) == !settled, "\(consensus)")
        }
    }

    @Test func aSpammersAgreementCountsForLittle() async throws {
        // Two careful annotators who agree settle the item under both methods.
        for consensus in ConsensusMethod.allCases {
            let (db, task, users) = try await task(consensus, confidence: 0.95)
            try await answer(db, task, users["careful-1"]!, "cat", at: 0)
            try await answer(db, task, users["careful-2"]!, "cat", at: 2)
            #expect(try await !isServed(db, task, to: users["careful-3"]!, at: 4), "\(consensus)")
        }
        // A spammer agreeing with one careful annotator is unanimity to the majority, but under Dawid–Skene
        // the posterior is about what careful-1 alone gives (0.91), so a third annotator is asked.
        for (consensus, settled) in [(ConsensusMethod.majority, true), (.dawidSkene, false)] {
            let (db, task, users) = try await task(consensus, confidence: 0.95)
            try await answer(db, task, users["careful-1"]!, "cat", at: 0)
            try await answer(db, task, users["spammer"]!, "cat", at: 2)
            #expect(try await isServed(db, task, to: users["careful-2"]!, at: 4) == !settled, "\(consensus)")
        }
    }

    @Test func theModelIsRefittedOnceItIsStale() async throws {
        let (db, task, users) = try await task(.dawidSkene, confidence: 0.95)
        func stored() async throws -> (annotations: Int, since: Int) {
            let row = try db.writer.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT annotations, settled_since FROM consensus_model WHERE task_id = ?", arguments: [task.id])
            }
            let found = try #require(row)
            return (found[0], found[1])
        }
        // The import settled 240 annotations; the model last refitted saw at least nine tenths of them.
        let fitted = try await stored()
        #expect(fitted.annotations >= 216 && fitted.since < max(AppDatabase.consensusRefitMinimum, fitted.annotations / 10))
        // Each answer is one more settle; the refit comes once the settles reach a tenth of the annotations.
        try await answer(db, task, users["careful-1"]!, "cat", at: 0)
        let after = try await stored()
        #expect(after.since == fitted.since + 1 || (after.since == 0 && after.annotations == 241))
    }

    @Test func dawidSkeneNeedsOneLabelPerAnswer() throws {
        for answer in [AnswerType.multiple, .spans] {
            var definition = Fixture.definition(answer: answer)
            definition.consensus = .dawidSkene
            #expect(throws: DomainError.self) { try definition.validate() }
            #expect(definition.problems().contains { $0.field == "consensus" })
        }
        var rating = Fixture.definition(answer: .rating, labels: ["1", "2", "3"])
        rating.consensus = .dawidSkene
        #expect(rating.problems().isEmpty)
    }
}
