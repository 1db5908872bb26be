import Foundation
import GRDB
import Testing

@testable import ArtifactStore

@Suite struct ConcurrentCommitTests {
    @Test func concurrentCommitsGetDistinctNumbersAndIdenticalOnesDeduplicate() async throws {
        try await withTempDirectory { folder in
            let pool = try DatabasePool(path: folder.appendingPathComponent("db.sqlite").path)
            var migrator = DatabaseMigrator()
            ArtifactRepository.registerMigrations(in: &migrator)
            try migrator.migrate(pool)
            let repository = ArtifactRepository(
                writer: pool, blobs: try BlobStore(root: folder.appendingPathComponent("blobs")))
            // Eight writers, four distinct contents: exactly four versions, numbered without gaps.
            let drafts = try (0..<8).map { try draft(repository, files: [("labels.jsonl", Data("\($0 % 4)\n".utf8))]) }
            let results = try await withThrowingTaskGroup(of: CommitResult.self) { group in
                for draft in drafts { group.addTask { try repository.commit(draft) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter(\.isNew).count == 4)
            #expect(Set(results.map(\.version.number)) == [0, 1, 2, 3])
            #expect(try repository.versions(of: "cats").map(\.number) == [3, 2, 1, 0])
        }
    }
}
