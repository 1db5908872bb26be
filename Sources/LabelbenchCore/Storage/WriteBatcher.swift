import Foundation
import GRDB
import Synchronization

/// Runs many small write operations in one transaction, each inside its own savepoint.
///
/// With `synchronous=FULL` every commit waits for an fsync of the WAL; a disk that does a few
/// hundred fsyncs a second would cap the annotator queue there. Batching keeps every
/// acknowledged write durable (callers resume only after the shared commit) while many
/// annotators share one fsync. An operation that throws rolls back its savepoint only.
final class WriteBatcher: Sendable {
    private struct Pending: Sendable {
        let work: @Sendable (Database) throws -> any Sendable
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    private struct State {
        var pending: [Pending] = []
        var draining = false
    }

    private let writer: any DatabaseWriter
    /// Told after each committed batch, so that checkpoints follow the queue's writes.
    private let checkpointer: WALCheckpointer?
    private let state = Mutex(State())

    init(writer: any DatabaseWriter, checkpointer: WALCheckpointer? = nil) {
        self.writer = writer
        self.checkpointer = checkpointer
    }

    /// Runs `work` in the next batch and returns its result once the batch has committed.
    func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let result = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<any Sendable, any Error>) in
            let startDrain = state.withLock { state -> Bool in
                state.pending.append(Pending(work: work, continuation: continuation))
                if state.draining { return false }
                state.draining = true
                return true
            }
            if startDrain {
                // The drain runs on GRDB's writer queue; it never blocks a cooperative thread.
                writer.asyncWriteWithoutTransaction { db in self.drain(db) }
            }
        }
        return result as! T
    }

    private func drain(_ db: Database) {
        while true {
            let batch = state.withLock { state -> [Pending] in
                let batch = state.pending
                state.pending = []
                if batch.isEmpty { state.draining = false }
                return batch
            }
            if batch.isEmpty { return }
            var outcomes: [Result<any Sendable, any Error>] = []
            outcomes.reserveCapacity(batch.count)
            do {
                try db.inTransaction(.immediate) {
                    for pending in batch {
                        var outcome: Result<any Sendable, any Error> = .failure(DomainError.conflict("not run"))
                        do {
                            try db.inSavepoint {
                                outcome = .success(try pending.work(db))
                                return .commit
                            }
                        } catch {
                            outcome = .failure(error)
                        }
                        outcomes.append(outcome)
                    }
                    return .commit
                }
                checkpointer?.checkpointSoon()
            } catch {
                // The commit itself failed (disk full, fsync error): nobody's write is acknowledged.
                outcomes = batch.map { _ in .failure(error) }
            }
            for (pending, outcome) in zip(batch, outcomes) {
                pending.continuation.resume(with: outcome)
            }
        }
    }
}
