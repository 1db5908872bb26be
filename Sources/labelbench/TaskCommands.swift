import ArgumentParser
import Foundation
import LabelbenchCore

/// `labelbench tasks create|list`.
struct Tasks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Author and list tasks.", subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a task from a task file (JSON).")
        @Argument(help: "The task file.") var file: String
        @OptionGroup var client: ClientOptions

        func run() async throws {
            let data = try readFile(file)
            // Checked locally first so a typo is reported without a round trip.
            let definition = try TaskDefinition.decode(data)
            try await client.client().send("POST", "/tasks", body: data)
            print("created task \(definition.name)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tasks.")
        @OptionGroup var client: ClientOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let result = try await client.client().send("GET", "/tasks")
            if json {
                FileHandle.standardOutput.write(result.data)
                return
            }
            let object = try JSONSerialization.jsonObject(with: result.data) as? [String: Any]
            let tasks = object?["tasks"] as? [[String: Any]] ?? []
            print(["NAME", "KIND", "ANSWER", "ITEMS", "ANNOTATIONS", "TITLE"].joined(separator: "\t"))
            for task in tasks {
                print(
                    ["name", "kind", "answer", "items", "annotations", "title"].map { "\(task[$0] ?? "")" }.joined(
                        separator: "\t"))
            }
        }
    }
}

/// Reads a file named on the command line, with an error a person can act on.
func readFile(_ path: String) throws -> Data {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw ValidationError("cannot read \(path)")
    }
    return data
}
