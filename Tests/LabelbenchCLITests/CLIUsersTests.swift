import Foundation
import LabelbenchCore
import LabelbenchTestSupport
import Testing

/// `labelbench users disable|enable|passwd|role|list` on a data folder (hardening finding 6).
@Suite struct CLIUsersTests {
    @Test func offboardingCommandsChangeTheAccountAndListShowsIt() async throws {
        let root = try TestServer.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let data = ["--data", root.appendingPathComponent("data").path]
        _ = try LabelbenchBinary.run(["users", "add", "root", "--role", "admin"] + data)
        _ = try LabelbenchBinary.run(
            ["users", "add", "ann", "--role", "annotator", "--password-stdin"] + data, stdin: "first-password\n")
        let database = try DataFolder(path: data[1]).openDatabase()
        let token = try database.createToken(forUser: "ann")

        #expect(try LabelbenchBinary.run(["users", "disable", "ann"] + data).contains("disabled ann"))
        #expect(try await database.user(forToken: token) == nil)
        let listed = try LabelbenchBinary.run(["users", "list", "--json"] + data)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]])
        #expect(rows.first { $0["name"] as? String == "ann" }?["disabled"] as? Bool == true)
        #expect(rows.first { $0["name"] as? String == "root" }?["disabled"] as? Bool == false)
        #expect(try LabelbenchBinary.run(["users", "list"] + data).contains("ann\tannotator\tdisabled"))

        _ = try LabelbenchBinary.run(["users", "enable", "ann"] + data)
        #expect(try await database.user(forToken: token)?.name == "ann")
        _ = try LabelbenchBinary.run(["users", "passwd", "ann", "--password-stdin"] + data, stdin: "second-password\n")
        #expect(try await database.authenticate(name: "ann", password: "second-password") != nil)
        _ = try LabelbenchBinary.run(["users", "role", "ann", "practitioner"] + data)
        #expect(try database.user(named: "ann")?.role == .practitioner)

        // The last admin stays, and a password never comes from the command line.
        let refused = try LabelbenchBinary.runAllowingFailure(["users", "disable", "root"] + data)
        #expect(refused.status != 0 && refused.stderr.contains("last enabled admin"), "\(refused.stderr)")
        #expect(try LabelbenchBinary.runAllowingFailure(["users", "passwd", "ann"] + data).status != 0)
    }
}
