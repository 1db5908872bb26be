import Foundation
import Testing

@testable import LabelbenchCore

/// The admin page's one read: accounts and tasks in name order, each account's tasks.
@Suite struct AccountsOverviewTests {
    @Test func listsAccountsTasksAndAssignmentsInNameOrder() async throws {
        let db = try Fixture.database()
        try await db.createUser(name: "zoe", role: .practitioner, password: nil)
        try await Fixture.annotators(["bob", "amy"], in: db)
        try await db.createTask(Fixture.definition(name: "plants", annotators: ["bob", "amy"]), by: nil)
        try await db.createTask(Fixture.definition(name: "animals", annotators: ["bob"]), by: nil)
        let overview = try await db.accountsOverview()
        #expect(overview.users.map(\.name) == ["amy", "bob", "zoe"])
        #expect(overview.tasks.map(\.name) == ["animals", "plants"])
        #expect(overview.assignedTasks == ["amy": ["plants"], "bob": ["animals", "plants"]])
    }
}
