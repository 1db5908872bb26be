import Foundation
import GRDB
import Testing

@testable import LabelbenchCore

/// Annotators' flags on items: raising, amending, listing and resolving them, and who may.
@Suite struct FlagTests {
    @Test func anAssignedAnnotatorFlagsAnItemAndFlaggingAgainAmendsTheOpenFlag() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db)
        let first = try await db.flagItem(
            "item-001", in: task, reason: .ambiguous, note: "  cat or dog?\n", by: users[0], now: Date(timeIntervalSince1970: 100)
        )
        #expect(first.created)
        #expect(first.flag.item == "item-001" && first.flag.reason == .ambiguous && first.flag.note == "cat or dog?")
        #expect(first.flag.flaggedBy == "ann-1" && first.flag.createdAt == Date(timeIntervalSince1970: 100) && first.flag.isOpen)

        let again = try await db.flagItem("item-001", in: task, reason: .notCovered, note: "", by: users[0])
        #expect(!again.created && again.flag.id == first.flag.id, "one open flag per item and annotator")
        #expect(again.flag.reason == .notCovered && again.flag.note == nil)
        #expect(again.flag.createdAt == first.flag.createdAt, "amending keeps when it was raised")

        let other = try await db.flagItem("item-001", in: task, reason: .broken, note: nil, by: users[1])
        #expect(other.created && other.flag.id != first.flag.id, "another annotator's flag is their own")
        #expect(try await db.flags(in: task).map(\.flaggedBy) == ["ann-1", "ann-2"])
    }

    @Test func aResolvedFlagStaysAndFlaggingAgainOpensANewOne() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db)
        let pat = try await db.createUser(name: "pat", role: .practitioner, password: nil)
        let flag = try await db.flagItem("item-002", in: task, reason: .broken, note: "empty text", by: users[0]).flag
        let resolved = try await db.resolveFlag(
            flag.id, in: task, as: .dismissed, by: pat, now: Date(timeIntervalSince1970: 500))
        #expect(resolved.changed)
        #expect(resolved.flag.resolution == .dismissed && resolved.flag.resolvedBy == "pat")
        #expect(resolved.flag.resolvedAt == Date(timeIntervalSince1970: 500) && resolved.flag.guidelineVersion == nil)

        let reopened = try await db.flagItem("item-002", in: task, reason: .broken, note: "still empty", by: users[0])
        #expect(reopened.created && reopened.flag.id != flag.id)
        #expect(try await db.flags(in: task, state: .open).map(\.id) == [reopened.flag.id])
        #expect(try await db.flags(in: task, state: .resolved).map(\.id) == [flag.id])
        #expect(try await db.flags(in: task, state: .all).count == 2)
        #expect(try await db.flags(in: task, state: .all, item: "item-003").isEmpty)
        #expect(try await db.openFlagCount(in: task) == 1)
        #expect(try await db.openFlag(on: "item-002", in: task, by: users[0])?.id == reopened.flag.id)
        #expect(try await db.openFlag(on: "item-002", in: task, by: users[1]) == nil)
    }

    @Test func resolvingTwiceTheSameWayChangesNothingAndAnotherWayIsAConflict() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db)
        let pat = try await db.createUser(name: "pat", role: .practitioner, password: nil)
        let flag = try await db.flagItem("item-000", in: task, reason: .ambiguous, note: nil, by: users[0]).flag
        let first = try await db.resolveFlag(flag.id, in: task, as: .ruled, by: pat)
        let second = try await db.resolveFlag(flag.id, in: task, as: .ruled, by: pat)
        #expect(first.changed && !second.changed && second.flag == first.flag)
        let clash = await domainError { _ = try await db.resolveFlag(flag.id, in: task, as: .dismissed, by: pat) }
        #expect(clash?.description.contains("already resolved as ruled by pat") == true, "\(String(describing: clash))")
        #expect(try await db.flag(flag.id, in: task)?.resolution == .ruled)

        let (elsewhere, _) = try await Fixture.task(
            db, Fixture.definition(name: "plants"), annotators: ["ann-4"], items: 1)
        let foreign = await domainError { _ = try await db.resolveFlag(flag.id, in: elsewhere, as: .dismissed, by: pat) }
        #expect(foreign == .notFound("no flag \(flag.id) in plants"), "a flag id of another task is not found")
        #expect(try await db.flag(flag.id, in: elsewhere) == nil)
    }

    @Test func unassignedPeopleUnknownItemsAndBadNotesStoreNothing() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db)
        let outsider = try await Fixture.annotators(["eve"], in: db)[0]
        let pat = try await db.createUser(name: "pat", role: .practitioner, password: nil)
        for user in [outsider, pat] {
            let refused = await domainError {
                _ = try await db.flagItem("item-000", in: task, reason: .broken, note: nil, by: user)
            }
            #expect(refused == .notFound("no task named animals"), "\(user.name) is not assigned")
        }
        let noItem = await domainError { _ = try await db.flagItem("nope", in: task, reason: .broken, note: nil, by: users[0]) }
        #expect(noItem == .notFound("no item \"nope\" in animals"))
        let nul = await domainError {
            _ = try await db.flagItem("item-000", in: task, reason: .broken, note: "a\0b", by: users[0])
        }
        #expect(nul == .invalid(StoredText.message(field: "note")))
        // 2000 letters with a combining accent each are 2000 characters but 4000 scalars, which SQLite counts.
        let combining = String(repeating: "e\u{301}", count: 2000)
        let long = await domainError {
            _ = try await db.flagItem("item-000", in: task, reason: .broken, note: combining, by: users[0])
        }
        #expect(long == .invalid("note: at most 2000 characters"))
        let longest = String(repeating: "x", count: 2000)
        #expect(try await db.flagItem("item-000", in: task, reason: .broken, note: longest, by: users[1]).flag.note == longest)
        #expect(try await db.flags(in: task, state: .all).map(\.flaggedBy) == ["ann-2"], "only the accepted flag is stored")
    }

    @Test func reasonsAndResolutionsAreReadByName() throws {
        #expect(try ItemFlag.Reason(parsing: "not_covered") == .notCovered)
        #expect(
            throws: DomainError.invalid("reason: \"unclear\" is not a flag reason; use one of not_covered, ambiguous, broken")
        ) {
            try ItemFlag.Reason(parsing: "unclear")
        }
        #expect(try ItemFlag.Resolution(parsing: "guideline") == .guideline)
        #expect(throws: DomainError.self) { try ItemFlag.Resolution(parsing: "fixed") }
    }

    @Test func aSavedGuidelineWithTheItemAsExampleResolvesItsFlag() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db)
        let pat = try await db.createUser(name: "pat", role: .practitioner, password: nil)
        let flag = try await db.flagItem("item-003", in: task, reason: .notCovered, note: "a toy cat?", by: users[0]).flag
        var definition = try await db.definition(of: task)

        // A save that adds no guideline naming the item leaves the flag open, even when it makes a version.
        definition.instructions = "Pick the animal shown."
        try await db.updateTask(named: task.name, with: definition, by: pat, resolvingFlag: flag.id)
        #expect(try await db.flag(flag.id, in: task)?.isOpen == true)

        definition.guidelines.append(Guideline(title: "Toys", ruling: "A toy cat is a **cat**.", examples: ["item-003"]))
        let saved = try await db.updateTask(named: task.name, with: definition, by: pat, resolvingFlag: flag.id)
        #expect(saved.guidelineVersion == 3)
        let resolved = try #require(try await db.flag(flag.id, in: task))
        #expect(resolved.resolution == .guideline && resolved.resolvedBy == "pat" && resolved.guidelineVersion == 3)
        #expect(try await db.guidelineVersion(3, of: task)?.guidelines.last?.examples == ["item-003"])
    }

    @Test func flagsGoWithTheirItemsAndTasks() async throws {
        let db = try Fixture.database()
        let (task, users) = try await Fixture.task(db)
        _ = try await db.flagItem("item-000", in: task, reason: .broken, note: nil, by: users[0])
        try await db.deleteTask(task)
        let left = try await db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM flag") }
        #expect(left == 0)
    }
}
