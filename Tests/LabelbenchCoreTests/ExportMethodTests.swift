import ArtifactStore
import Foundation
import GRDB
import Testing

@testable import LabelbenchCore

/// An export's rows take the task's own consensus setting unless a method is asked for, so a task set to
/// `dawid-skene` for adaptive overlap exports the consensus that settled its items.
@Suite struct ExportMethodTests {
    @Test func rowsFollowTheTasksConsensusUnlessAMethodIsGiven() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await ExportFixture(folder: folder)
            let plain = try fixture.export().version
            #expect(plain.metadata["aggregation_method"] == .string("majority"))

            try await fixture.db.writer.write { db in
                try db.execute(sql: "UPDATE task SET consensus = 'dawid-skene' WHERE id = ?", arguments: [fixture.task.id])
            }
            let following = try fixture.export().version
            #expect(following.metadata["aggregation_method"] == .string("dawid-skene"))
            let asked = try fixture.export(ExportOptions(method: .dawidSkene)).version
            #expect(asked.reference == following.reference, "the same state and method make the same version")
            #expect(try fixture.export(ExportOptions(method: .majority)).version.reference == plain.reference)
        }
    }
}
