import ArgumentParser
import Foundation
import LabelbenchCore

extension Role: ExpressibleByArgument {}

/// `labelbench tokens create|revoke`.
struct Tokens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage API tokens.", subcommands: [Create.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a new API token for a user (shown once, stored hashed).")
        @Argument(help: "Account name.") var name: String
        @OptionGroup var data: DataOptions

        func run() async throws {
            print(try DataFolder(path: data.data).openDatabase().createToken(forUser: name))
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke every API token of a user.")
        @Argument(help: "Account name.") var name: String
        @OptionGroup var data: DataOptions

        func run() async throws {
            let count = try DataFolder(path: data.data).openDatabase().revokeTokens(forUser: name)
            print("revoked \(count) token(s) of \(name)")
        }
    }
}

/// `labelbench backup FILE`: SQLite's online backup, safe while the service runs.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Make a consistent copy of the database while the service runs (blobs are immutable files; copy them as they are).")
    @Argument(help: "The new database file to write.") var file: String
    @OptionGroup var data: DataOptions

    func run() async throws {
        let folder = DataFolder(path: data.data)
        guard FileManager.default.fileExists(atPath: folder.databaseURL.path) else {
            throw ValidationError("no database in \(folder.url.path)")
        }
        try folder.openDatabase().backup(to: URL(fileURLWithPath: file))
        print("backed up \(folder.databaseURL.path) to \(file)")
    }
}
