import Foundation
import GRDB
import Testing

@testable import LabelbenchCore

/// The queue decodes a task row once and reuses it while the row is unchanged; an edit is seen by
/// the very next queue request.
@Suite struct QueueTaskRecordsTests {
    @Test func aRepeatedRequestGetsTheTaskAsStored() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db)
        let first = try db.queueTask(named: task.name, visibleTo: users[0])
        let second = try db.queueTask(named: task.name, visibleTo: users[1])
        let stored = try await db.writer.read { try LabelingTask.fetchOne($0, key: task.id) }
        #expect(first == stored)
        #expect(second == stored)
    }

    @Test func anEditIsSeenByTheNextQueueRequest() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db)
        _ = try db.queueTask(named: task.name, visibleTo: users[0])
        var definition = try await db.definition(of: task)
        definition.overlap = 3
        definition.leaseSeconds = 120
        definition.labels[0].description = "a small feline"
        definition.instructions = "Pick the animal you see first."
        _ = try await db.updateTask(named: task.name, with: definition, by: nil)
        let edited = try db.queueTask(named: task.name, visibleTo: users[0])
        #expect(edited.overlap == 3)
        #expect(edited.leaseSeconds == 120)
        #expect(edited.labels[0].description == "a small feline")
        #expect(edited.guidelineVersion == task.guidelineVersion + 1)
    }

    @Test func aTaskMadeAgainUnderTheSameNameIsTheNewOne() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db)
        _ = try db.queueTask(named: task.name, visibleTo: users[0])
        try await db.deleteTask(task)
        var definition = Fixture.definition(overlap: 1)
        definition.annotators = users.map(\.name)
        let remade = try await db.createTask(definition, by: nil)
        // SQLite may give the new row the old one's id; the other values differ, so it is decoded anew.
        let queued = try db.queueTask(named: task.name, visibleTo: users[0])
        let stored = try await db.writer.read { try LabelingTask.fetchOne($0, key: remade.id) }
        #expect(queued == stored)
        #expect(queued.overlap == 1)
    }
}
