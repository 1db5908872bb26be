import ArtifactStore
import Foundation
import Hummingbird
import LabelbenchCore
import Logging
import NIOCore

/// The composition root, used by `labelbench serve` and by every test.
public func buildApplication(
    config: ServerConfig, database: AppDatabase, dataFolder: DataFolder, logger: Logger = Logger(label: "labelbench"),
    onReady: (@Sendable (Int) async -> Void)? = nil
) async throws -> some ApplicationProtocol {
    // Every logger the service derives from this one escapes control characters (log injection).
    let logger = EscapingLogHandler.escaping(logger)
    let services = try await AppServices(config: config, database: database, dataFolder: dataFolder, logger: logger)
    let router = buildRouter(services)
    // First start: no accounts yet, so offer a one-time link to create the first admin.
    let setupToken = try await database.hasUsers() ? nil : services.setup.issue()
    var app = Application(
        router: router,
        server: .http1(configuration: .init(idleTimeout: TimeAmount(config.idleTimeout))),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "labelbench"),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? config.port
            if let setupToken {
                // Written straight to stdout so it shows even when output is piped and buffered.
                FileHandle.standardOutput.write(
                    Data(
                        "No accounts yet. Create the first admin at http://\(config.host):\(port)/setup?token=\(setupToken)\n"
                            .utf8))
            }
            await onReady?(port)
        },
        logger: logger)
    app.addServices(LeaseExpiryService(database: database, logger: logger))
    return app
}

/// The middleware in order, then every controller's routes; `buildApplication` serves it on a socket.
func buildRouter(_ services: AppServices) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorMiddleware(renderer: services.renderer))
    // Inside the error middleware, so the router's 404 for /static/… reaches it as an error and is served.
    router.add(middleware: FileMiddleware(services.config.resourcesPath + "/Public", urlBasePath: "/static"))
    router.add(middleware: AuthMiddleware(database: services.database))
    router.get("/healthz") { _, _ in "ok\n" }
    let api = router.group("api/v1")
    APIController(services: services).addRoutes(to: api)
    QualityAPIController(services: services).addRoutes(to: api)
    AdjudicationAPIController(services: services).addRoutes(to: api)
    FlagsAPIController(services: services).addRoutes(to: api)
    ItemsAPIController(services: services).addRoutes(to: api)
    ArtifactsAPIController(services: services).addRoutes(to: api)
    UsersAPIController(services: services).addRoutes(to: api)
    InterchangeAPIController(services: services).addRoutes(to: api)
    MediaController(services: services).addRoutes(to: router)
    TaskFormController(services: services).addRoutes(to: router)
    TaskListController(services: services).addRoutes(to: router)
    QueuePagesController(services: services).addRoutes(to: router)
    AccountController(services: services).addRoutes(to: router)
    AdminController(services: services).addRoutes(to: router)
    QualityPageController(services: services).addRoutes(to: router)
    TrustController(services: services).addRoutes(api: api, pages: router)
    ReviewPageController(services: services).addRoutes(to: router)
    FlagPagesController(services: services).addRoutes(to: router)
    ItemBrowserPageController(services: services).addRoutes(to: router)
    ArtifactsPageController(services: services).addRoutes(to: router)
    return router
}
