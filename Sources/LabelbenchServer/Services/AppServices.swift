import ArtifactStore
import Foundation
import LabelbenchCore
import Logging

/// The shared dependencies every controller takes.
struct AppServices: Sendable {
    let config: ServerConfig
    let database: AppDatabase
    let dataFolder: DataFolder
    let blobs: BlobStore
    let renderer: PageRenderer
    let loginLimiter: LoginRateLimiter
    let setup: SetupLink
    let logger: Logger

    init(config: ServerConfig, database: AppDatabase, dataFolder: DataFolder, logger: Logger) async throws {
        self.config = config
        self.database = database
        self.dataFolder = dataFolder
        self.blobs = try BlobStore(root: dataFolder.blobsURL)
        // Work folders of requests a crash cut short (folder exports); no request runs yet.
        try? FileManager.default.removeItem(at: dataFolder.scratchURL)
        self.renderer = try await PageRenderer(templatesPath: config.resourcesPath + "/Templates")
        self.loginLimiter = LoginRateLimiter()
        self.setup = SetupLink()
        self.logger = logger
    }

    /// The artifact store: versions in the database, their files in the blob folder.
    var artifacts: ArtifactRepository { database.artifacts(blobs: blobs) }
}
