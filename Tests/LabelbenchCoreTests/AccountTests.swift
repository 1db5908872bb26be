import ArtifactStore
import Foundation
import GRDB
import Testing

@testable import LabelbenchCore

/// Offboarding, the first admin, queue membership and collection ownership, in the core.
@Suite struct AccountTests {
    @Test func aDisabledAccountHasNoSessionNoTokenAndNoSignIn() async throws {
        let db = try Fixture.database()
        try await db.createUser(name: "root", role: .admin, password: nil)
        let ann = try await db.createUser(name: "ann", role: .annotator, password: "long-enough-1")
        let session = try await db.startSession(for: ann)
        let token = try db.createToken(forUser: "ann")

        let disabled = try await db.changeAccount("ann", .disabled(true))
        #expect(!disabled.isEnabled)
        #expect(try await db.session(id: session) == nil)
        #expect(try await db.user(forToken: token) == nil)
        #expect(try await db.authenticate(name: "ann", password: "long-enough-1") == nil)

        try await db.changeAccount("ann", .disabled(false))
        #expect(try await db.user(forToken: token)?.name == "ann")
        #expect(try await db.authenticate(name: "ann", password: "long-enough-1")?.name == "ann")
        // The session ended for good: re-enabling does not bring it back.
        #expect(try await db.session(id: session) == nil)
    }

    @Test func theLastEnabledAdminStays() async throws {
        let db = try Fixture.database()
        try await db.createUser(name: "root", role: .admin, password: nil)
        #expect(
            await domainError { try await db.changeAccount("root", .disabled(true)) }
                == .conflict("root is the last enabled admin; make another admin first"))
        #expect(await domainError { try await db.changeAccount("root", .role(.practitioner)) } != nil)
        try await db.createUser(name: "second", role: .admin, password: nil)
        try await db.changeAccount("root", .role(.practitioner))
        #expect(await domainError { try await db.changeAccount("second", .disabled(true)) } != nil)
        #expect(
            await domainError { try await db.changeAccount("nobody", .disabled(true)) } == .notFound("no account named nobody"))
    }

    @Test func passwordResetEndsSessionsAndOwnChangeKeepsTheCurrentOne() async throws {
        let db = try Fixture.database()
        let ann = try await db.createUser(name: "ann", role: .annotator, password: "first-password")
        let one = try await db.startSession(for: ann)
        try await db.changeAccount("ann", .password("second-password"))
        #expect(try await db.session(id: one) == nil)
        #expect(try await db.authenticate(name: "ann", password: "second-password") != nil)
        #expect(await domainError { try await db.changeAccount("ann", .password("short")) } != nil)

        let here = try await db.startSession(for: ann)
        let there = try await db.startSession(for: ann)
        #expect(
            await domainError {
                try await db.changeOwnPassword(of: ann, current: "wrong-password", new: "third-password", keeping: here)
            } != nil)
        try await db.changeOwnPassword(of: ann, current: "second-password", new: "third-password", keeping: here)
        #expect(try await db.session(id: here) != nil)
        #expect(try await db.session(id: there) == nil)
        #expect(try await db.authenticate(name: "ann", password: "third-password") != nil)
    }

    @Test func concurrentFirstAdminsMakeOneAccount() async throws {
        let db = try Fixture.database()
        let created = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<6 {
                group.addTask { (try? await db.createFirstAdmin(name: "admin\(index)", password: "long-enough-1")) != nil }
            }
            return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(created == 1)
        #expect(try await db.users().count == 1)
    }

    @Test func onlyAssignedPeopleLeaseSkipOrAnswer() async throws {
        let db = try Fixture.database()
        let (task, annotators) = try await Fixture.task(db, annotators: ["ann"], items: 2)
        let admin = try await db.createUser(name: "root", role: .admin, password: nil)
        let pat = try await db.createUser(name: "pat", role: .practitioner, password: nil)
        for user in [admin, pat] {
            #expect(
                await domainError { _ = try await db.leaseNextItem(in: task, for: user) } == .notFound("no task named animals"))
            #expect(
                await domainError {
                    _ = try await db.submitAnnotation(
                        AnnotationSubmission(itemID: "item-000", answer: .one("cat")), in: task, by: user)
                } == .notFound("no task named animals"))
            #expect(
                await domainError { try await db.skipItem("item-000", in: task, for: user) } == .notFound("no task named animals")
            )
            #expect(await domainError { _ = try db.queueTask(named: "animals", visibleTo: user) } != nil)
            #expect(try await db.queueTasks(for: user).isEmpty)
        }
        #expect(try await db.queueTasks(for: annotators[0]).map(\.task.name) == ["animals"])
        #expect(try await db.leaseNextItem(in: task, for: annotators[0]).lease != nil)

        try await db.assignAnnotator("pat", toTask: "animals")
        #expect(try await db.leaseNextItem(in: task, for: pat).lease != nil)
        // Removing an assignment returns the held item to the pool and stops the queue at once.
        try await db.unassignAnnotator("pat", fromTask: "animals")
        #expect(
            try await db.writer.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM lease WHERE user_id = ?", arguments: [pat.id])
            } == 0)
        #expect(await domainError { _ = try await db.leaseNextItem(in: task, for: pat) } != nil)
        #expect(await domainError { try await db.unassignAnnotator("pat", fromTask: "animals") } != nil)
    }

    @Test func aCollectionTakesVersionsOfOneTaskUnlessForced() async throws {
        try await withTemporaryFolder { folder in
            let db = try Fixture.database()
            let blobs = try BlobStore(root: folder.appendingPathComponent("blobs"))
            let pat = try await db.createUser(name: "pat", role: .practitioner, password: nil)
            let (first, _) = try await Fixture.task(db, Fixture.definition(name: "first"), annotators: ["ann"], items: 2)
            let second = try await db.createTask(Fixture.definition(name: "second", annotators: ["ann"]), by: pat)
            try await db.importItems(Fixture.items(3), into: second)

            _ = try db.exportDataset(first, options: ExportOptions(), by: pat, blobs: blobs, pseudonymKey: "k")
            #expect(
                await domainError {
                    _ = try db.exportDataset(
                        second, options: ExportOptions(name: "first"), by: pat, blobs: blobs, pseudonymKey: "k")
                } == .conflict("name: collection first holds versions of task first; export under another name, or force it"))
            let forced = try db.exportDataset(
                second, options: ExportOptions(name: "first", force: true), by: pat, blobs: blobs, pseudonymKey: "k")
            #expect(forced.version.number == 1)
            #expect(forced.version.lineage["forced_into_collection_of_task"] == .string("first"))
            // A new name belongs to the first task that exports into it.
            _ = try db.exportDataset(second, options: ExportOptions(name: "shared"), by: pat, blobs: blobs, pseudonymKey: "k")
            #expect(
                await domainError {
                    _ = try db.exportDataset(
                        first, options: ExportOptions(name: "shared"), by: pat, blobs: blobs, pseudonymKey: "k")
                } != nil)
        }
    }

    @Test func existingCollectionsBelongToTheTaskOfTheirFirstVersion() async throws {
        let queue = try DatabaseQueue(configuration: AppDatabase.configuration())
        try AppDatabase.migrator.migrate(queue, upTo: "v2-adjudication")
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO task (id, name, title, kind, answer, labels, overlap, lease_seconds, gold_rate, guideline_version, created_at)
                    VALUES (1, 'a', 'A', 'text', 'single', '[]', 1, 60, 0, 1, 0), (2, 'b', 'B', 'text', 'single', '[]', 1, 60, 0, 1, 0);
                    INSERT INTO artifact_collection (id, name, type, created_at) VALUES (1, 'shared', 'dataset', '2026-01-01');
                    INSERT INTO artifact_version (collection_id, number, digest, wandb_digest, created_at, created_by, metadata, lineage)
                    VALUES (1, 1, 'sha256:1', '00000000000000000000000000000001', '2026-01-02', 'pat', '{}', '{"task":"a"}'),
                           (1, 0, 'sha256:0', '00000000000000000000000000000000', '2026-01-01', 'pat', '{}', '{"task":"b"}');
                    """)
        }
        let database = try AppDatabase(queue)
        let owner = try await queue.read { db in
            try String.fetchOne(db, sql: "SELECT collection FROM task_collection WHERE task_id = 2")
        }
        #expect(owner == "shared")
        #expect(
            try database.claimCollection(
                "shared", for: try #require(try await queue.read { db in try LabelingTask.fetchOne(db, key: 1) })) == "b")
    }
}
