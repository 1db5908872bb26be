import ArgumentParser
import Foundation
import LabelbenchCore

/// `labelbench users add|list|disable|enable|passwd|role`, on a data folder (also while the service runs:
/// a disable ends the user's sessions and refuses their tokens on their very next request).
struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage accounts.", subcommands: [Add.self, List.self, Disable.self, Enable.self, Passwd.self, ChangeRole.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account.")
        @Argument(help: "Account name.") var name: String
        @Option(help: "admin, practitioner or annotator.") var role: Role
        @Flag(help: "Read the password from standard input (one line).") var passwordStdin = false
        @OptionGroup var data: DataOptions

        func run() async throws {
            let password = passwordStdin ? try Users.passwordFromStandardInput() : nil
            let user = try await DataFolder(path: data.data).openDatabase().createUser(name: name, role: role, password: password)
            print("created \(user.role.rawValue) \(user.name)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts with their role and state.")
        @Flag(help: "Print a JSON array of {name, role, disabled, created_at}.") var json = false
        @OptionGroup var data: DataOptions

        func run() async throws {
            let users = try await DataFolder(path: data.data).openDatabase().users()
            if json {
                let rows: [[String: Any]] = users.map {
                    [
                        "name": $0.name, "role": $0.role.rawValue, "disabled": !$0.isEnabled,
                        "created_at": ISO8601.string($0.createdAt),
                    ]
                }
                let data = try JSONSerialization.data(withJSONObject: rows, options: [.sortedKeys, .prettyPrinted])
                print(String(decoding: data, as: UTF8.self))
                return
            }
            for user in users {
                print("\(user.name)\t\(user.role.rawValue)\(user.isEnabled ? "" : "\tdisabled")")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an account: its sessions end and its tokens stop working at once.")
        @Argument(help: "Account name.") var name: String
        @OptionGroup var data: DataOptions

        func run() async throws {
            try await Users.apply(
                .disabled(true), to: name, data: data, done: "disabled \(name); its sessions ended and its tokens are refused")
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again.")
        @Argument(help: "Account name.") var name: String
        @OptionGroup var data: DataOptions

        func run() async throws {
            try await Users.apply(.disabled(false), to: name, data: data, done: "enabled \(name)")
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set an account's password (its sessions end).")
        @Argument(help: "Account name.") var name: String
        @Flag(help: "Read the password from standard input (one line).") var passwordStdin = false
        @OptionGroup var data: DataOptions

        func validate() throws {
            // Never on the command line, where it would land in shell history and `ps`.
            if !passwordStdin { throw ValidationError("give the password on standard input with --password-stdin") }
        }

        func run() async throws {
            try await Users.apply(
                .password(try Users.passwordFromStandardInput()), to: name, data: data, done: "changed the password of \(name)")
        }
    }

    struct ChangeRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "role", abstract: "Change an account's role.")
        @Argument(help: "Account name.") var name: String
        @Argument(help: "admin, practitioner or annotator.") var role: Role
        @OptionGroup var data: DataOptions

        func run() async throws {
            try await Users.apply(.role(role), to: name, data: data, done: "\(name) is now \(role.rawValue)")
        }
    }

    static func apply(_ change: AccountChange, to name: String, data: DataOptions, done: String) async throws {
        try await DataFolder(path: data.data).openDatabase().changeAccount(name, change)
        print(done)
    }

    static func passwordFromStandardInput() throws -> String {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("no password on standard input")
        }
        return line
    }
}
