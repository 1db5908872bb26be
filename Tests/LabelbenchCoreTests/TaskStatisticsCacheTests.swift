import Agreement
import Foundation
import Testing

@testable import LabelbenchCore

/// The quality figures kept by `TaskStatisticsCache` are always the ones a fresh computation gives:
/// after new answers, a revised label (same count), an item sent back, a gold change and a task
/// edit, the report and the skills match those computed from the annotations read anew.
@Suite struct TaskStatisticsCacheTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// The report and skills as the quality page gets them equal a computation from scratch, byte for byte.
    private func expectFresh(
        _ db: AppDatabase, _ task: LabelingTask, sourceLocation: SourceLocation = #_sourceLocation
    )
        async throws
    {
        let input = try await db.statisticsInput(for: task)
        let report = AgreementReport(input.annotations, options: task.agreementOptions(gold: input.gold))
        let skills = aggregate(
            input.annotations, method: .dawidSkene(iterations: 50), labelOrder: task.labelNames, gold: input.gold)
        for _ in 0..<2 {
            let quality = try await db.taskQuality(for: task)
            #expect(quality.report.jsonData() == report.jsonData(), sourceLocation: sourceLocation)
            #expect(quality.skills.jsonData() == skills.jsonData(), sourceLocation: sourceLocation)
            let contested = report.perItem.filter { ($0.agreement ?? 1) < 0.8 }
            #expect(quality.contestedCount == contested.count, sourceLocation: sourceLocation)
            #expect(
                quality.contested.map(\.item)
                    == contested.sorted { ($0.agreement ?? 1, $0.item) < ($1.agreement ?? 1, $1.item) }.prefix(25).map(\.item),
                sourceLocation: sourceLocation)
            let ordinal = AgreementReport(input.annotations, options: task.agreementOptions(level: .ordinal, gold: input.gold))
            #expect(
                try await db.agreementReport(for: task, level: .ordinal).jsonData() == ordinal.jsonData(),
                sourceLocation: sourceLocation)
        }
    }

    @Test func keptFiguresFollowEveryChange() async throws {
        let db = try Fixture.database()
        let (created, users) = try await Fixture.task(db, items: 6)
        var task = created
        let labels = ["cat", "dog", "bird"]
        let lines = (0..<5).flatMap { item in
            users.indices.map { who in
                ImportedAnnotation(
                    origin: "test", item: Fixture.itemID(item), annotator: users[who].name,
                    answer: .one(labels[(item + (who == 2 && item % 2 == 0 ? 1 : 0)) % 3]), seconds: 2,
                    guidelineVersion: nil)
            }
        }
        _ = try await db.importAnnotations(lines, into: task)
        try await expectFresh(db, task)

        // A new answer through the queue.
        let lease = try #require(try await db.leaseNextItem(in: task, for: users[0], now: t0).lease)
        try await db.submitAnnotation(
            AnnotationSubmission(itemID: lease.item.externalID, answer: .one("bird"), leaseToken: lease.token, requestID: nil),
            in: task, by: users[0], now: t0.addingTimeInterval(1))
        try await expectFresh(db, task)

        // The same answer revised: as many annotations with the same ids, one label changed.
        try await db.reviseAnnotation(
            itemID: lease.item.externalID, answer: .one("cat"), in: task, by: users[0], now: t0.addingTimeInterval(5))
        try await expectFresh(db, task)

        // An item sent back: its annotations are set aside.
        let practitioner = try await db.createUser(name: "pat", role: .practitioner, password: nil)
        #expect(try await db.sendBackForRelabeling([Fixture.itemID(0)], in: task, by: practitioner) == 3)
        try await expectFresh(db, task)

        // Gold given to items already there.
        _ = try await db.importItems(Fixture.items(6, gold: [Fixture.itemID(1): "dog"]), into: task, update: true)
        try await expectFresh(db, task)

        // The task edited (label names are fixed once items are annotated; a description may change).
        var definition = try await db.definition(of: task)
        definition.labels[0].description = "A small domestic feline."
        task = try await db.updateTask(named: task.name, with: definition, by: practitioner)
        try await expectFresh(db, task)
    }
}
