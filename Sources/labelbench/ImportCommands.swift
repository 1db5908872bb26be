import ArgumentParser
import Foundation
import ZIPFoundation

/// `labelbench import TASK FILE...`: item lists, images, folders and zips, in one atomic import.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Import items: JSONL or CSV of text, image files, a folder of images, a zip, or a JSONL naming images inside a zip or folder."
    )
    @Argument(help: "The task name.") var task: String
    @Argument(help: "Files or folders to import.") var files: [String]
    @Flag(help: "Replace items whose id already exists instead of failing.") var update = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let api = try client.client()
        let path = "/tasks/\(APIClient.segment(task))/items" + (update ? "?update=true" : "")
        let data: Data
        if files.count == 1, let single = files.first, let type = Self.listContentType(single) {
            // One item list goes as the body itself: no multipart framing to build or parse.
            guard FileManager.default.isReadableFile(atPath: single) else { throw ValidationError("cannot read \(single)") }
            let name = URL(fileURLWithPath: single).lastPathComponent.replacingOccurrences(of: "\"", with: "_")
            data = try await api.upload(
                path, file: URL(fileURLWithPath: single), contentType: type,
                headers: [("Content-Disposition", "attachment; filename=\"\(name)\"")], accept: [201]
            ).data
        } else {
            let body = try Self.multipartBody(files)
            data = try await api.upload(path, file: body.url, contentType: body.contentType, accept: [201]).data
        }
        let object = (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
        print("imported \(object["imported"] ?? 0) item(s), updated \(object["updated"] ?? 0), gold \(object["gold"] ?? 0)")
        for duplicate in object["duplicates"] as? [String] ?? [] {
            Console.status("duplicate skipped: \(duplicate)")
        }
    }
}

extension Import {
    /// The content type of a lone item list, or nil for anything that needs multipart (images, zips, folders).
    static func listContentType(_ path: String) -> String? {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "jsonl", "ndjson": "application/x-ndjson"
        case "csv": "text/csv"
        default: nil
        }
    }

    /// Every file, and every folder as a zip, in one multipart body on disk.
    static func multipartBody(_ files: [String]) throws -> MultipartBody {
        let body = try MultipartBody()
        for path in files {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw ValidationError("cannot read \(path)")
            }
            if isFolder.boolValue {
                // A folder travels as a zip so the server applies the same path and size checks.
                let zip = FileManager.default.temporaryDirectory.appendingPathComponent("labelbench-\(UUID().uuidString).zip")
                defer { try? FileManager.default.removeItem(at: zip) }
                try FileManager.default.zipItem(at: URL(fileURLWithPath: path), to: zip, shouldKeepParent: false)
                try body.addFile(name: URL(fileURLWithPath: path).lastPathComponent + ".zip", from: zip)
            } else {
                try body.addFile(name: URL(fileURLWithPath: path).lastPathComponent, from: URL(fileURLWithPath: path))
            }
        }
        try body.finish()
        return body
    }
}

/// `labelbench import-annotations TASK FILE.jsonl`.
struct ImportAnnotations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-annotations", abstract: "Bring in labels made elsewhere (annotation JSONL).")
    @Argument(help: "The task name.") var task: String
    @Argument(help: "Annotation JSONL file.") var file: String
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let data = try readFile(file)
        let report = try await client.client().json(
            "POST", "/tasks/\(APIClient.segment(task))/annotations/import", body: data, contentType: "application/x-ndjson")
        print("imported \(report["imported"] ?? 0) annotation(s), \(report["unchanged"] ?? 0) already present")
        if let new = report["newAnnotators"] as? [String] ?? report["new_annotators"] as? [String], !new.isEmpty {
            print("new annotator accounts (no password): \(new.joined(separator: ", "))")
        }
    }
}
