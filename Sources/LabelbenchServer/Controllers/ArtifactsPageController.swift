import ArtifactStore
import Hummingbird
import LabelbenchCore

/// The browser view of the artifact store (practitioners and admins).
struct ArtifactsPageController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("artifacts", use: page)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireManager()
        let repository = services.database.artifacts(blobs: services.blobs)
        let collections = try await offload {
            try repository.collections().map { collection in
                ArtifactsPage.Collection(
                    name: collection.name, type: collection.type,
                    versions: try repository.versions(of: collection.name).map { summary in
                        let version = try repository.resolve(summary.reference)
                        return ArtifactsPage.Version(
                            reference: summary.reference, createdAt: ISO8601.string(summary.createdAt), createdBy: summary.createdBy,
                            aliases: summary.aliases.joined(separator: ", "), files: summary.fileCount,
                            size: ArtifactsPage.size(summary.totalSize), digest: String(summary.digest.prefix(19)),
                            metadata: ArtifactsPage.entries(version.metadata))
                    })
            }
        }
        let page = ArtifactsPage(chrome: Chrome(title: "Artifacts", context: context), collections: collections)
        return try services.renderer.render(page, template: "artifacts/list")
    }
}
