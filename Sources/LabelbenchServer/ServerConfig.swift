import Foundation
import LabelbenchCore

/// Everything `labelbench serve` and the tests choose about a running service.
public struct ServerConfig: Sendable {
    public var host: String
    public var port: Int
    /// Folder holding `Templates/` and `Public/`.
    public var resourcesPath: String
    /// Cookies get `Secure` when the service sits behind TLS.
    public var secureCookies: Bool
    /// Largest request body accepted anywhere (item and image uploads).
    public var maxUploadBytes: Int
    /// Largest JSON body for ordinary API calls.
    public var maxJSONBytes: Int
    public var imageLimits: ImageLimits
    /// How long a connection may stay silent: from opening or the end of a response until a
    /// complete request head arrives, and between parts of a request body. Partial headers never
    /// complete a head, so a slow-header (slowloris) connection is closed after this time.
    public var idleTimeout: Duration

    public init(
        host: String = "127.0.0.1", port: Int = 8080, resourcesPath: String = ServerConfig.defaultResourcesPath(),
        secureCookies: Bool = false, maxUploadBytes: Int = 256 << 20, maxJSONBytes: Int = 1 << 20,
        imageLimits: ImageLimits = ImageLimits(), idleTimeout: Duration = .seconds(10)
    ) {
        self.host = host
        self.port = port
        self.resourcesPath = resourcesPath
        self.secureCookies = secureCookies
        self.maxUploadBytes = maxUploadBytes
        self.maxJSONBytes = maxJSONBytes
        self.imageLimits = imageLimits
        self.idleTimeout = idleTimeout
    }

    /// The current folder when it holds `Templates/`, else the folder above the executable's build folder.
    public static func defaultResourcesPath() -> String {
        let fileManager = FileManager.default
        if let env = ProcessInfo.processInfo.environment["LABELBENCH_RESOURCES"] { return env }
        if fileManager.fileExists(atPath: "Templates/layout.mustache") { return fileManager.currentDirectoryPath }
        var url = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            if fileManager.fileExists(atPath: url.appendingPathComponent("Templates/layout.mustache").path) { return url.path }
            url.deleteLastPathComponent()
        }
        return fileManager.currentDirectoryPath
    }
}
