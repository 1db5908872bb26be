import Foundation
import HTTPTypes
import Hummingbird
import LabelbenchCore
import MultipartKit

/// Turns an upload (a JSONL or CSV body, or a multipart form of files) into stored items.
struct ItemUpload {
    let services: AppServices

    /// Imports the request body. A multipart body may carry several files; all of them are
    /// imported in one transaction or none is.
    func importBody(_ request: Request, into task: LabelingTask, update: Bool, context: AppRequestContext) async throws -> ImportReport {
        let body = try await request.body.collect(upTo: services.config.maxUploadBytes)
        let contentType = request.headers[.contentType] ?? ""
        let files: [UploadedFile]
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            files = try Self.multipartFiles(Data(buffer: body), contentType: contentType)
        } else {
            let isCSV = contentType.contains("csv") || request.uri.queryParameters.get("format") == "csv"
            // The client's file name, when it sends one, makes errors read "items.jsonl line 3".
            let sent = request.headers[.contentDisposition].flatMap { Self.parameter("filename", in: $0) }
                .map { ($0 as NSString).lastPathComponent }.flatMap { $0.isEmpty ? nil : $0 }
            let name = sent.map { isCSV && !$0.lowercased().hasSuffix(".csv") ? $0 + ".csv" : $0 } ?? (isCSV ? "upload.csv" : "upload.jsonl")
            files = [UploadedFile(name: name, data: Data(buffer: body))]
        }
        return try await importFiles(files, into: task, update: update, context: context)
    }

    func importFiles(_ files: [UploadedFile], into task: LabelingTask, update: Bool, context: AppRequestContext) async throws -> ImportReport {
        defer { releaseFreedMemory() }
        var itemLists: [UploadedFile] = []
        var imageFiles: [UploadedFile] = []
        for file in files where !file.data.isEmpty {
            let lower = file.name.lowercased()
            if lower.hasSuffix(".jsonl") || lower.hasSuffix(".csv") || lower.hasSuffix(".ndjson") {
                itemLists.append(file)
            } else {
                imageFiles.append(file)
            }
        }
        if task.kind == .text {
            if let file = imageFiles.first { throw DomainError.invalid("\(file.name): a text task takes .jsonl or .csv files") }
            let drafts: DraftStream
            if itemLists.count == 1, !itemLists[0].name.lowercased().hasSuffix(".csv") {
                // One JSONL file, as the CLI sends it: its first items are stored while the rest is parsed.
                drafts = .parsingJSONL(itemLists[0].data, fileName: itemLists[0].name)
            } else {
                let parsed = try itemLists.flatMap { try ItemFileParser.parse($0.data, fileName: $0.name) }
                if parsed.isEmpty { throw DomainError.invalid("no items found in the upload") }
                drafts = .ready(parsed, source: "the upload")
            }
            return try await log(services.database.importItems(drafts, into: task, update: update), task: task, context: context)
        }
        let drafts = try itemLists.flatMap { try ItemFileParser.parse($0.data, fileName: $0.name) }
        let importer = ImageItemImporter(blobs: services.blobs, limits: services.config.imageLimits)
        let prepared = try importer.prepare(
            listDrafts: drafts, files: imageFiles, existing: try await services.database.imageItems(in: task))
        if prepared.drafts.isEmpty && prepared.duplicates.isEmpty { throw DomainError.invalid("no images found in the upload") }
        do {
            var report = prepared.drafts.isEmpty
                ? ImportReport(imported: 0, updated: 0, gold: 0)
                : try await services.database.importItems(prepared.drafts, into: task, update: update)
            report.duplicates = prepared.duplicates
            return log(report, task: task, context: context)
        } catch {
            importer.discard(prepared.newBlobs)
            throw error
        }
    }

    private func log(_ report: ImportReport, task: LabelingTask, context: AppRequestContext) -> ImportReport {
        context.logger.info("items imported", metadata: ["task": "\(task.name)", "count": "\(report.imported)"])
        return report
    }

    /// The files of a `multipart/form-data` body, parsed by MultipartKit.
    static func multipartFiles(_ body: Data, contentType: String) throws -> [UploadedFile] {
        guard let boundary = contentType.components(separatedBy: "boundary=").last?
            .trimmingCharacters(in: CharacterSet(charactersIn: "\" ")), !boundary.isEmpty, boundary != contentType else {
            throw DomainError.invalid("the multipart upload has no boundary")
        }
        var files: [UploadedFile] = []
        let parser = MultipartParser(boundary: boundary)
        var disposition: String?
        var current = Data()
        parser.onHeader = { name, value in
            if name.lowercased() == "content-disposition" { disposition = value }
        }
        parser.onBody = { chunk in current.append(contentsOf: chunk.readableBytesView) }
        parser.onPartComplete = {
            if let disposition, let name = Self.parameter("filename", in: disposition), !name.isEmpty {
                files.append(UploadedFile(name: (name as NSString).lastPathComponent, data: current))
            }
            disposition = nil
            current = Data()
        }
        do {
            try parser.execute(ByteBuffer(bytes: body))
        } catch {
            throw DomainError.invalid("the multipart upload is malformed")
        }
        return files
    }

    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let pair = piece.trimmingCharacters(in: .whitespaces)
            if pair.hasPrefix(key + "=") {
                return String(pair.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}
