import Agreement
import ArtifactStore
import Foundation
import Hummingbird
import LabelbenchCore

/// Agreement, aggregation and exports of a task: `/api/v1/tasks/TASK/{agreement,aggregate,exports}`.
/// Every route needs `.manage`: annotators never see agreement or other annotators' labels.
struct QualityAPIController {
    let services: AppServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("tasks/:task/agreement", use: agreement)
        group.get("tasks/:task/aggregate", use: aggregateLabels)
        group.post("tasks/:task/exports", use: export)
        group.post("tasks/:task/exports/archive", use: exportArchive)
    }

    @Sendable func agreement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, task) = try await context.task(in: services.database, for: .manage)
        let levelName = request.uri.queryParameters.get("level") ?? "nominal"
        guard let level = MeasurementLevel(rawValue: levelName) else {
            throw DomainError.invalid("level: use nominal, ordinal, interval or ratio")
        }
        let report = try await services.database.agreementReport(for: task, level: level)
        // Encoding a large task's report takes long enough to keep it off the event loops.
        return JSONResponse.raw(try await offload { report.jsonData() })
    }

    @Sendable func aggregateLabels(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, task) = try await context.task(in: services.database, for: .manage)
        let method: AggregationMethod
        // Without `method`, the task's own consensus method.
        switch request.uri.queryParameters.get("method") ?? task.consensus.rawValue {
        case "majority": method = .majority
        case "dawid-skene": method = .dawidSkene(iterations: 100)
        default: throw DomainError.invalid("method: use majority or dawid-skene")
        }
        let result = try await services.database.consensus(for: task, method: method)
        return JSONResponse.raw(try await offload { result.jsonData() })
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: services.database, for: .manage)
        let options = try await JSONResponse.decode(ExportBody.self, from: request, limit: services.config.maxJSONBytes).options
        let result = try await services.exportVersion(of: task, options: options, by: user)
        context.logger.info(
            "security: export",
            metadata: ["task": "\(task.name)", "user": "\(user.name)", "version": "\(result.version.reference)"])
        for override in result.overrides { context.logger.protectedAliasForced(override, onto: result.version) }
        return try JSONResponse.encode(
            ExportJSON(
                reference: result.version.reference, version: "v\(result.version.number)",
                isNew: result.isNew, digest: result.version.digest, aliases: result.version.aliases,
                files: result.version.files.map(\.path)),
            status: result.isNew ? .created : .ok)
    }

    /// The same export as a zip of its files and `manifest.json`, committed nowhere (`export --to DIR`).
    @Sendable func exportArchive(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await context.task(in: services.database, for: .manage)
        let options = try await JSONResponse.decode(ExportBody.self, from: request, limit: services.config.maxJSONBytes).options
        if !options.aliases.isEmpty {
            throw DomainError.invalid(
                "aliases: an export written to a folder is not a version in the store, so it takes no aliases")
        }
        let services = self.services
        let key = try services.dataFolder.installSecret()
        let scratch = services.dataFolder.scratchURL.appendingPathComponent(
            "export-\(UUID().uuidString.lowercased())", isDirectory: true)
        let archive = try await offload {
            defer {
                try? FileManager.default.removeItem(at: scratch)
                releaseFreedMemory()
            }
            let zip = try services.database.exportArchive(
                task, options: options, by: user, images: services.blobs, scratch: scratch, pseudonymKey: key)
            return try StreamedFile(path: zip.path)
        }
        context.logger.info("security: export to a folder", metadata: ["task": "\(task.name)", "user": "\(user.name)"])
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/zip",
                .contentDisposition: "attachment; filename=\"\(task.name)-export.zip\"",
            ],
            body: archive.body)
    }
}

/// The answer to `POST …/exports`.
struct ExportJSON: Encodable {
    let reference: String
    let version: String
    let isNew: Bool
    let digest: String
    let aliases: [String]
    let files: [String]

    enum CodingKeys: String, CodingKey {
        case reference, version, digest, aliases, files
        case isNew = "is_new"
    }
}
