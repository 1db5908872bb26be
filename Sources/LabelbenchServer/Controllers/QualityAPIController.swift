import Agreement
import ArtifactStore
import Foundation
import Hummingbird
import LabelbenchCore

/// Agreement, aggregation and exports of a task: `/api/v1/tasks/TASK/{agreement,aggregate,exports}`.
struct QualityAPIController {
    let services: AppServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("tasks/:task/agreement", use: agreement)
        group.get("tasks/:task/aggregate", use: aggregateLabels)
        group.post("tasks/:task/exports", use: export)
        group.post("tasks/:task/exports/archive", use: exportArchive)
    }

    /// Practitioners only: annotators never see agreement or other annotators' labels.
    func managedTask(_ context: AppRequestContext) async throws -> (User, LabelingTask) {
        let user = try context.requireManager()
        return (user, try await services.database.task(named: try context.parameters.require("task"), visibleTo: user))
    }

    @Sendable func agreement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, task) = try await managedTask(context)
        let levelName = request.uri.queryParameters.get("level") ?? "nominal"
        guard let level = MeasurementLevel(rawValue: levelName) else {
            throw DomainError.invalid("level: use nominal, ordinal, interval or ratio")
        }
        let database = services.database
        let input = try await database.statisticsInput(for: task)
        let data = try await offload { AgreementReport(input.annotations, options: task.agreementOptions(level: level, gold: input.gold)).jsonData() }
        return JSONResponse.raw(data)
    }

    @Sendable func aggregateLabels(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, task) = try await managedTask(context)
        let method: AggregationMethod
        switch request.uri.queryParameters.get("method") ?? "majority" {
        case "majority": method = .majority
        case "dawid-skene": method = .dawidSkene(iterations: 100)
        default: throw DomainError.invalid("method: use majority or dawid-skene")
        }
        let input = try await services.database.statisticsInput(for: task)
        let data = try await offload {
            aggregate(input.annotations, method: method, labelOrder: task.labelNames, gold: input.gold).jsonData()
        }
        return JSONResponse.raw(data)
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await managedTask(context)
        let body = try await JSONResponse.object(from: request, limit: services.config.maxJSONBytes)
        let options = try Self.exportOptions(body)
        let services = self.services
        let key = try services.dataFolder.installSecret()
        let result = try await offload {
            defer { releaseFreedMemory() }
            return try services.database.exportDataset(task, options: options, by: user, blobs: services.blobs, pseudonymKey: key)
        }
        context.logger.info("security: export", metadata: ["task": "\(task.name)", "user": "\(user.name)", "version": "\(result.version.reference)"])
        return try JSONResponse.encode(ExportJSON(reference: result.version.reference, version: "v\(result.version.number)",
                                                  isNew: result.isNew, digest: result.version.digest, aliases: result.version.aliases,
                                                  files: result.version.files.map(\.path)),
                                       status: result.isNew ? .created : .ok)
    }

    /// The same export as a zip of its files and `manifest.json`, committed nowhere (`export --to DIR`).
    @Sendable func exportArchive(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, task) = try await managedTask(context)
        let body = try await JSONResponse.object(from: request, limit: services.config.maxJSONBytes)
        let options = try Self.exportOptions(body)
        if !options.aliases.isEmpty {
            throw DomainError.invalid("aliases: an export written to a folder is not a version in the store, so it takes no aliases")
        }
        let services = self.services
        let key = try services.dataFolder.installSecret()
        let scratch = services.dataFolder.scratchURL.appendingPathComponent("export-\(UUID().uuidString.lowercased())", isDirectory: true)
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

    static func exportOptions(_ body: [String: Any]) throws -> ExportOptions {
        let allowed: Set<String> = ["name", "aliases", "method", "format", "include_unlabeled", "pseudonymize", "force"]
        if let unknown = body.keys.filter({ !allowed.contains($0) }).sorted().first {
            throw DomainError.invalid("\(unknown): unknown field")
        }
        var options = ExportOptions()
        if let name = body["name"] {
            guard let name = name as? String, ArtifactName.isValidName(name) else {
                throw DomainError.invalid("name: use 1 to 128 letters, digits, '_', '.' or '-'")
            }
            options.name = name
        }
        if let aliases = body["aliases"] {
            guard let list = aliases as? [String], list.allSatisfy(ArtifactName.isValidAlias) else {
                throw DomainError.invalid("aliases: a list of names of letters, digits, '_', '.' or '-' (not vN)")
            }
            options.aliases = list
        }
        if let method = body["method"] {
            guard let name = method as? String, let parsed = ExportOptions.Method(rawValue: name) else {
                throw DomainError.invalid("method: use majority or dawid-skene")
            }
            options.method = parsed
        }
        if let format = body["format"] {
            guard let format = format as? String, ["jsonl", "csv"].contains(format) else { throw DomainError.invalid("format: use jsonl or csv") }
            options.includeCSV = format == "csv"
        }
        options.includeUnlabeled = body["include_unlabeled"] as? Bool ?? false
        options.pseudonymize = body["pseudonymize"] as? Bool ?? false
        if let force = body["force"] {
            guard let force = force as? Bool else { throw DomainError.invalid("force: use true or false") }
            options.force = force
        }
        return options
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
