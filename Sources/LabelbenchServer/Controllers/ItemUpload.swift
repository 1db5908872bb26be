import Foundation
import HTTPTypes
import Hummingbird
import LabelbenchCore

/// Decodes an upload (a JSONL or CSV body, or a multipart form of files) into files and hands them to
/// `ItemUploadImport`, which stores all of them in one transaction or none.
struct ItemUpload {
    let services: AppServices

    /// Imports the request body of the API route.
    func importBody(
        _ request: Request, into task: LabelingTask, update: Bool, context: AppRequestContext
    ) async throws -> ImportReport {
        let body = Data(buffer: try await request.body.collect(upTo: services.config.maxUploadBytes))
        let contentType = request.headers[.contentType] ?? ""
        let files: [UploadedFile]
        if contentType.lowercased().hasPrefix("multipart/") {
            var form = try MultipartForm(body: body, contentType: contentType)
            files = Self.files(in: try form.remainingParts())
        } else {
            let isCSV = contentType.contains("csv") || request.uri.queryParameters.get("format") == "csv"
            // The client's file name, when it sends one, makes errors read "items.jsonl line 3".
            let sent = request.headers[.contentDisposition].flatMap { HeaderValue($0)?.parameters["filename"] }
                .map { ($0 as NSString).lastPathComponent }.flatMap { $0.isEmpty ? nil : $0 }
            let name =
                sent.map { isCSV && !$0.lowercased().hasSuffix(".csv") ? $0 + ".csv" : $0 }
                ?? (isCSV ? "upload.csv" : "upload.jsonl")
            files = [UploadedFile(name: name, data: body)]
        }
        return try await importFiles(files, into: task, update: update, context: context)
    }

    /// Imports files already taken out of a request and logs the result.
    func importFiles(
        _ files: [UploadedFile], into task: LabelingTask, update: Bool, context: AppRequestContext
    ) async throws -> ImportReport {
        defer { releaseFreedMemory() }
        let importer = ItemUploadImport(database: services.database, blobs: services.blobs, limits: services.config.imageLimits)
        let report = try await importer.run(files, into: task, update: update)
        context.logger.info(
            "items imported",
            metadata: ["task": "\(task.name)", "count": "\(report.imported)", "skipped": "\(report.skipped.count)"])
        return report
    }

    /// The file parts of a form, each named by the last component of the client's file name.
    static func files(in parts: [MultipartForm.Part]) -> [UploadedFile] {
        parts.compactMap { part in
            part.fileName.map { UploadedFile(name: ($0 as NSString).lastPathComponent, data: part.data) }
        }
    }
}
