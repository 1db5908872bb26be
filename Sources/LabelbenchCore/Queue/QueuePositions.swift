import Synchronization

/// Where each annotator last took an item in each task, kept in memory only.
///
/// The next open item is searched for after this position first, so an annotator who has
/// labeled thousands of items that still wait for other annotators does not rescan them on
/// every request. It is only a starting point: when nothing is found after it, the search
/// runs again from the first item, so no open item is ever missed.
final class QueuePositions: Sendable {
    private struct Key: Hashable {
        let task: Int64
        let user: Int64
    }

    private let positions = Mutex<[Key: Int64]>([:])

    func position(task: Int64, user: Int64) -> Int64 {
        positions.withLock { $0[Key(task: task, user: user)] ?? 0 }
    }

    func record(_ item: Int64, task: Int64, user: Int64) {
        positions.withLock { positions in
            if positions.count > 1_000_000 { positions.removeAll() }
            positions[Key(task: task, user: user)] = item
        }
    }
}
