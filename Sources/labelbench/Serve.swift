import ArgumentParser
import Foundation
import Hummingbird
import LabelbenchCore
import LabelbenchServer
import Logging

/// `labelbench serve`: runs the service until SIGTERM or SIGINT, then shuts down gracefully.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the service.")

    @OptionGroup var data: DataOptions
    @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port: Int = 8080
    @Flag(help: "Mark session cookies Secure (when served behind TLS).") var secureCookies = false
    @Option(help: "Log level: trace, debug, info, notice, warning, error.") var logLevel: String = "info"
    @Option(help: "Seconds a connection may stay silent (before a complete request head, or mid-body) before it is closed.")
    var idleTimeout: Int = 10
    @OptionGroup(title: "Upload limits") var limits: UploadLimitOptions

    func validate() throws {
        if !(0...65_535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if !(1...3_600).contains(idleTimeout) { throw ValidationError("--idle-timeout must be between 1 and 3600 seconds") }
        if Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error")
        }
    }

    func run() async throws {
        var configured = Logger(label: "labelbench")
        configured.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let logger = EscapingLogHandler.escaping(configured)
        let folder = DataFolder(path: data.data)
        let database = try folder.openDatabase()
        _ = try folder.installSecret()
        let config = ServerConfig(
            host: host, port: port, secureCookies: secureCookies, maxUploadBytes: limits.imageLimits.maxRequestBytes,
            imageLimits: limits.imageLimits, idleTimeout: .seconds(idleTimeout))
        let app = try await buildApplication(config: config, database: database, dataFolder: folder, logger: logger) { port in
            logger.notice("labelbench is serving", metadata: ["url": "http://\(host):\(port)", "data": "\(folder.url.path)"])
        }
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
