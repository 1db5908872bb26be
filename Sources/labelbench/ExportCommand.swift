import ArgumentParser
import ArtifactStore
import Foundation

/// `labelbench export TASK`: a dataset version in the artifact store, or the same files in a folder.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write an immutable dataset version of a task; prints NAME:vN as its last line.")
    @Argument(help: "The task name.") var task: String
    @Option(help: "`artifacts` (the store) or a folder to write the version's files into.") var to: String = "artifacts"
    @Option(help: "jsonl, or csv to add labels.csv.") var format: String = "jsonl"
    @Option(help: "Collection name (default: the task name).") var name: String?
    @Option(help: "An alias to point at the version (repeatable).") var alias: [String] = []
    @Option(help: "Consensus method: majority or dawid-skene.") var method: String = "majority"
    @Flag(help: "Add items without annotations as rows with label null.") var includeUnlabeled = false
    @Flag(help: "Replace annotator names with stable pseudonyms.") var pseudonymize = false
    @OptionGroup var client: ClientOptions

    func validate() throws {
        if !["jsonl", "csv"].contains(format) { throw ValidationError("--format must be jsonl or csv") }
        if !["majority", "dawid-skene"].contains(method) { throw ValidationError("--method must be majority or dawid-skene") }
        if let name, !ArtifactName.isValidName(name) { throw ValidationError("--name: use 1 to 128 letters, digits, '_', '.' or '-'") }
        for alias in alias where !ArtifactName.isValidAlias(alias) { throw ValidationError("--alias \(alias): not a valid alias") }
    }

    func run() async throws {
        let api = try client.client()
        var body: [String: Any] = ["format": format, "method": method, "include_unlabeled": includeUnlabeled, "pseudonymize": pseudonymize]
        if let name { body["name"] = name }
        body["aliases"] = alias
        if Console.isInteractive { Console.status("exporting \(task)…") }
        let result = try await api.json(
            "POST", "/tasks/\(APIClient.segment(task))/exports", body: try JSONSerialization.data(withJSONObject: body))
        guard let reference = result["reference"] as? String else { throw APIClient.Failure(description: "the server gave no version") }
        if to != "artifacts" {
            // A folder export is committed too (content-addressed, so repeating it is free), then fetched and verified.
            try await ArtifactFetch(api: api).get(reference, into: URL(fileURLWithPath: to))
        }
        if (result["is_new"] as? Bool) == false { Console.status("content unchanged: \(reference) already holds it") }
        print(reference)
    }
}
