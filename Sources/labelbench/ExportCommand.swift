import ArgumentParser
import ArtifactStore
import Foundation
import LabelbenchCore

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
    @Option(help: "Consensus method: majority or dawid-skene (default: the task's consensus setting).") var method: String?
    @Flag(help: "Add items without annotations as rows with label null.") var includeUnlabeled = false
    @Flag(help: "Replace annotator names with stable pseudonyms.") var pseudonymize = false
    @Flag(
        help: """
            Export into a collection that another task fills (recorded in the version's lineage); with --reason, also \
            point a protected --alias at a version that failed its quality gates.
            """) var force = false
    @Option(help: "With --force: why a protected alias may point at a version that failed its gates (kept in lineage).")
    var reason: String?
    @Option(
        name: .customLong("where"),
        help: "meta.KEY=VALUE: only items whose meta holds VALUE under KEY (repeatable; all must hold).")
    var conditions: [String] = []
    @Option(help: "Only items whose exported label holds this label (a chosen label, or a span or box of the class).")
    var label: String?
    @Option(help: "Only rows whose confidence is at least this (0 to 1).") var minConfidence: Double?
    @Option(help: "Only rows whose label was made under this guideline version.") var guidelineVersion: Int?
    @Option(help: "Only items in this state: \(ItemState.allCases.map(\.rawValue).joined(separator: ", ")).")
    var state: String?
    @Option(
        help: """
            NAME=SHARE,…: also write NAME.jsonl for each part (shares above 0 summing to 1), e.g. \
            train=0.8,val=0.1,test=0.1; an item's part depends only on its group's key.
            """) var split: String?
    @Option(help: "With --split, what keeps items together: id (default), annotator (the earliest) or meta.KEY.")
    var splitBy: String?
    @OptionGroup var client: ClientOptions

    func validate() throws {
        if !["jsonl", "csv", "spacy", "conll", "coco", "yolo"].contains(format) {
            throw ValidationError("--format must be jsonl, csv, spacy, conll, coco or yolo")
        }
        if let method, !["majority", "dawid-skene"].contains(method) {
            throw ValidationError("--method must be majority or dawid-skene")
        }
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
        try validateSlice()
    }

    /// The slice and split options, checked by the rules the server applies, named as they are spelt here.
    private func validateSlice() throws {
        for condition in conditions { _ = try Self.checked("where") { try MetaCondition(parsing: condition, field: "where") } }
        if let state { _ = try Self.checked("state") { try ItemState(parsing: state) } }
        if let splitBy {
            guard split != nil else { throw ValidationError("--split-by goes with --split") }
            _ = try Self.checked("split_by") { try DatasetSplit.Grouping(parsing: splitBy, field: "split_by") }
        }
        if let split { _ = try Self.checked("split") { try DatasetSplit(parsing: split, field: "split") } }
    }

    /// Runs a Core check, turning its refusal `field: …` into `--option: …`.
    private static func checked<T>(_ field: String, _ check: () throws -> T) throws -> T {
        do {
            return try check()
        } catch let error as DomainError {
            let message = error.description
            let option = "--" + field.replacingOccurrences(of: "_", with: "-")
            throw ValidationError(message.hasPrefix(field + ":") ? option + message.dropFirst(field.count) : message)
        }
    }

    func run() async throws {
        let api = try client.client()
        var body: [String: Any] = [
            "format": format, "include_unlabeled": includeUnlabeled, "pseudonymize": pseudonymize,
        ]
        if let method { body["method"] = method }
        if let name { body["name"] = name }
        if force { body["force"] = true }
        if let reason { body["reason"] = reason }
        body["aliases"] = alias
        if !conditions.isEmpty { body["where"] = conditions }
        if let label { body["label"] = label }
        if let minConfidence { body["min_confidence"] = minConfidence }
        if let guidelineVersion { body["guideline_version"] = guidelineVersion }
        if let state { body["state"] = state }
        if let split { body["split"] = split }
        if let splitBy { body["split_by"] = splitBy }
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
