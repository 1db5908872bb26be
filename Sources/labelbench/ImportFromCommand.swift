import ArgumentParser
import Foundation
import LabelbenchCore

/// `labelbench import-from label-studio|mturk|sagemaker TASK FILE`.
struct ImportFrom: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-from",
        abstract:
            "Import items and labels from Label Studio (JSON export), MTurk (batch results CSV) or SageMaker Ground Truth (output manifest).",
        discussion: "Everything in the file is imported in one transaction, or nothing: the first bad record is named."
    )
    @Argument(help: "label-studio, mturk or sagemaker.") var format: String
    @Argument(help: "The task name.") var task: String
    @Argument(help: "The exported file.") var file: String
    @Option(help: "A folder of the images the export links to, imported first (images the task already shows are skipped).")
    var images: String?
    @OptionGroup var client: ClientOptions

    func validate() throws {
        do { _ = try InterchangeFormat(named: format) } catch { throw ValidationError("\(error)") }
        guard FileManager.default.isReadableFile(atPath: file) else { throw ValidationError("cannot read \(file)") }
    }

    func run() async throws {
        if let images {
            // A separate import ahead of the export's: re-running after a refused export finds the images present.
            let body = try Import.multipartBody([images])
            let result = try await client.client().upload(
                "/tasks/\(APIClient.segment(task))/items", file: body.url, contentType: body.contentType, accept: [201])
            let report = (try? JSONSerialization.jsonObject(with: result.data) as? [String: Any]) ?? [:]
            let present = (report["duplicates"] as? [Any])?.count ?? 0
            print("images: \(report["imported"] ?? 0) imported, \(present) already in the task")
        }
        let name = URL(fileURLWithPath: file).lastPathComponent.replacingOccurrences(of: "\"", with: "_")
        let data = try await client.client().upload(
            "/tasks/\(APIClient.segment(task))/imports?format=\(format)", file: URL(fileURLWithPath: file),
            contentType: "application/octet-stream", headers: [("Content-Disposition", "attachment; filename=\"\(name)\"")],
            accept: [201]
        ).data
        let report = (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
        for line in Self.summary(report) { print(line) }
    }

    /// What the server took and left out, one line each.
    static func summary(_ report: [String: Any]) -> [String] {
        func count(_ key: String, in object: [String: Any] = report) -> Int { (object[key] as? NSNumber)?.intValue ?? 0 }
        var lines = [
            "read \(count("records")) record(s)",
            "items: \(count("items_created")) created, \(count("items_existing")) already in the task",
            "annotations: \(count("annotations_imported")) imported, \(count("annotations_unchanged")) already present",
        ]
        let skipped = report["skipped"] as? [String: Any] ?? [:]
        let reasons = [
            ("cancelled", "cancelled annotation(s)"), ("rejected", "rejected assignment(s)"),
            ("machine_labeled", "machine-labeled line(s), not imported (predictions not supported yet)"),
            ("failed", "line(s) the job failed to label"),
        ]
        for (key, words) in reasons where count(key, in: skipped) > 0 {
            lines.append("skipped \(count(key, in: skipped)) \(words)")
        }
        if let new = report["new_annotators"] as? [String], !new.isEmpty {
            lines.append("new annotator accounts (no password): \(new.joined(separator: ", "))")
        }
        return lines
    }
}
