import Foundation
import GRDB

extension AppDatabase {
    /// The text of one of the task's items (nil for an image item), so a form that names a span by
    /// its words can be turned into offsets before the answer is submitted. An unknown item is
    /// `notFound`, as a submission for it would be.
    public func itemText(_ externalID: String, in task: LabelingTask) async throws -> String? {
        try await writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT text FROM item WHERE task_id = ? AND external_id = ?", arguments: [task.id, externalID])
            else { throw DomainError.notFound("no item \(externalID) in \(task.name)") }
            return row["text"]
        }
    }
}
