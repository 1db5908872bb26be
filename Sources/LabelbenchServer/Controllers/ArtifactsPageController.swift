import ArtifactStore
import Foundation
import HTTPTypes
import Hummingbird
import LabelbenchCore

/// The browser view of the artifact store (practitioners and admins): every collection, one
/// version's page (files, metadata, aliases, lineage, diff to the version before), downloads.
struct ArtifactsPageController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("artifacts", use: page)
        router.get("artifacts/:name/:ref", use: versionPage)
        router.get("artifacts/:name/:ref/files/**", use: download)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireManager()
        let repository = services.artifacts
        let collections = try await offload {
            try repository.collections().map { collection in
                ArtifactsPage.Collection(
                    name: collection.name, type: collection.type,
                    versions: try repository.versions(of: collection.name).map { summary in
                        let version = try repository.resolve(summary.reference)
                        return ArtifactsPage.Version(
                            reference: summary.reference, url: ArtifactVersionPage.path(collection.name, version.number),
                            createdAt: ISO8601.string(summary.createdAt), createdBy: summary.createdBy,
                            aliases: summary.aliases.joined(separator: ", "), files: summary.fileCount,
                            size: ArtifactsPage.size(summary.totalSize), digest: String(summary.digest.prefix(19)),
                            metadata: ArtifactsPage.entries(version))
                    })
            }
        }
        let page = ArtifactsPage(chrome: Chrome(title: "Artifacts", context: context), collections: collections)
        return try services.renderer.render(page, template: "artifacts/list")
    }

    /// One version with the diff of its `labels.jsonl` against the version before it.
    @Sendable func versionPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let reference = try reference(context)
        let repository = services.artifacts
        let (version, diff) = try await offload { () throws -> (ArtifactVersion, DatasetDiff.Result?) in
            try ArtifactsAPIController.mapped { () throws -> (ArtifactVersion, DatasetDiff.Result?) in
                let version = try repository.resolve(reference)
                guard version.number > 0, version.files.contains(where: { $0.path == "labels.jsonl" }) else {
                    return (version, nil)
                }
                let previous = try ArtifactReference(name: version.collection, selector: .version(version.number - 1))
                let diff = try? repository.diff(
                    previous, ArtifactReference(name: version.collection, selector: .version(version.number)))
                return (version, diff)
            }
        }
        let notice: String? =
            if request.uri.queryParameters.get("created") != nil {
                "Exported as \(version.reference)."
            } else if request.uri.queryParameters.get("unchanged") != nil {
                "Nothing changed since \(version.reference), so the export returned it."
            } else { nil }
        return try services.renderer.render(
            ArtifactVersionPage(
                chrome: Chrome(title: version.reference, context: context), version: version, diff: diff, notice: notice),
            template: "artifacts/version")
    }

    /// A file of a version, as an attachment; the blob's digest is its ETag.
    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let reference = try reference(context)
        let path = context.parameters.getCatchAll().joined(separator: "/")
        let repository = services.artifacts
        let (blob, url) = try await offload { try ArtifactsAPIController.mapped { try repository.file(reference, path: path) } }
        let file = try await offload { try StreamedFile(path: url.path) }
        let filename = path.split(separator: "/").last.map(String.init) ?? "file"
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/octet-stream", .eTag: "\"\(blob.sha256)\"",
                .contentDisposition: "attachment; filename=\"\(filename.filter { $0 != "\"" && $0 != "\\" })\"",
            ],
            body: file.body)
    }

    func reference(_ context: AppRequestContext) throws -> ArtifactReference {
        _ = try context.requireManager()
        let name = try context.parameters.require("name")
        let ref = try context.parameters.require("ref")
        return try ArtifactsAPIController.mapped { try ArtifactReference(parsing: "\(name):\(ref)") }
    }
}
