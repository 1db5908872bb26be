import Foundation
import GRDB

/// Collections, versions and aliases in SQLite, with file bytes in a `BlobStore`.
///
/// Every mutation is one `BEGIN IMMEDIATE` transaction; blobs are written and fsynced before the rows that
/// reference them are committed, so a crash leaves either no version or a complete one.
public struct ArtifactRepository: Sendable {
    public let writer: any DatabaseWriter
    public let blobs: BlobStore

    /// Creates a repository over an already migrated database (see `registerMigrations(in:)`).
    public init(writer: any DatabaseWriter, blobs: BlobStore) {
        self.writer = writer
        self.blobs = blobs
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction, so reads inside it see no concurrent writer.
    func immediateWrite<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }
}
