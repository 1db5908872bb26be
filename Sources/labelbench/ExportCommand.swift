import ArgumentParser
import ArtifactStore
import Foundation

/// `labelbench export TASK`: a dataset version in the artifact store, or the same files in a folder
/// instead (then nothing is committed and the folder's path is the last line printed).
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write an immutable dataset version of a task; prints NAME:vN as its last line.")
    @Argument(help: "The task name.") var task: String
    @Option(help: "`artifacts` (the store) or a folder to write the files into instead, committing nothing.") var to: String =
        "artifacts"
    @Option(
        help: """
            jsonl; csv adds labels.csv; for span tasks spacy adds spans.jsonl (spaCy/Prodigy rows), conll labels.conll \
            (IOB2); for box tasks coco adds annotations.coco.json, yolo classes.txt and labels/STEM.txt.
            """
    ) var format: String = "jsonl"
    @Option(help: "Collection name (default: the task name).") var name: String?
    @Option(help: "An alias to point at the version (repeatable).") var alias: [String] = []
    @Option(help: "Consensus method: majority or dawid-skene.") var method: String = "majority"
    @Flag(help: "Add items without annotations as rows with label null.") var includeUnlabeled = false
    @Flag(help: "Replace annotator names with stable pseudonyms.") var pseudonymize = false
    @Flag(
        help: """
            Export into a collection that another task fills (recorded in the version's lineage); with --reason, also \
            point a protected --alias at a version that failed its quality gates.
            """) var force = false
    @Option(help: "With --force: why a protected alias may point at a version that failed its gates (kept in lineage).")
    var reason: String?
    @OptionGroup var client: ClientOptions

    func validate() throws {
        if !["jsonl", "csv", "spacy", "conll", "coco", "yolo"].contains(format) {
            throw ValidationError("--format must be jsonl, csv, spacy, conll, coco or yolo")
        }
        if !["majority", "dawid-skene"].contains(method) { throw ValidationError("--method must be majority or dawid-skene") }
        if let name, !ArtifactName.isValidName(name) {
            throw ValidationError("--name: use 1 to 128 letters, digits, '_', '.' or '-'")
        }
        for alias in alias where !ArtifactName.isValidAlias(alias) {
            throw ValidationError("--alias \(alias): not a valid alias")
        }
        if reason != nil && !force { throw ValidationError("--reason goes with --force") }
        if let reason, reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--reason: say why the quality gates may be overridden")
        }
        if to != "artifacts", !alias.isEmpty {
            throw ValidationError("--alias names a version in the artifact store; a folder export (--to \(to)) makes none")
        }
    }

    func run() async throws {
        let api = try client.client()
        var body: [String: Any] = [
            "format": format, "method": method, "include_unlabeled": includeUnlabeled, "pseudonymize": pseudonymize,
        ]
        if let name { body["name"] = name }
        if force { body["force"] = true }
        if let reason { body["reason"] = reason }
        body["aliases"] = alias
        if Console.isInteractive { Console.status("exporting \(task)…") }
        let options = try JSONSerialization.data(withJSONObject: body)
        if to != "artifacts" {
            let folder = URL(fileURLWithPath: to)
            let manifest = try await ExportFolder(api: api).write(task: task, options: options, into: folder)
            Console.status(
                "wrote \(manifest.files.count) files and their manifests to \(to); nothing was committed to the artifact store")
            print(folder.standardizedFileURL.path)
            return
        }
        let result = try await api.json("POST", "/tasks/\(APIClient.segment(task))/exports", body: options)
        guard let reference = result["reference"] as? String else {
            throw APIClient.Failure(description: "the server gave no version")
        }
        if (result["is_new"] as? Bool) == false { Console.status("content unchanged: \(reference) already holds it") }
        print(reference)
    }
}
