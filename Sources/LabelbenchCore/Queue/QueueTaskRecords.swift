import GRDB
import Synchronization

/// The queue's task records, decoded once per version of their row.
///
/// Decoding `LabelingTask` through Codable (its labels are JSON) took a tenth of the server's CPU
/// in the annotator loop, on every `next` and every submit, while a task row changes only when
/// someone edits the task. The row is still read on every request and compared value for value
/// with the one decoded last, so an edit is seen by the very next request.
final class QueueTaskRecords: Sendable {
    private struct Entry: Sendable {
        let values: [DatabaseValue]
        let task: LabelingTask
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// The task `row` (a `SELECT * FROM task` row) decodes to.
    func task(from row: Row, named name: String) throws -> LabelingTask {
        let values = Array(row.databaseValues)
        if let entry = entries.withLock({ $0[name] }), entry.values == values { return entry.task }
        let task = try LabelingTask(row: row)
        entries.withLock { entries in
            if entries.count > 10_000 { entries.removeAll() }
            entries[name] = Entry(values: values, task: task)
        }
        return task
    }
}
