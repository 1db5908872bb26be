import Foundation
import HummingbirdTesting
import LabelbenchCore
import LabelbenchServer
import Logging

/// A Labelbench service for one test: a real SQLite file and blob folder in a temp folder, built with the
/// production composition root (`buildApplication`).
///
/// `TestServer.inProcess { server in … }` hands requests straight to the router (no socket): the default for page
/// and API tests. `TestServer.run { server in … }` serves on a free loopback port, for what needs a real
/// connection: many connections at once, a response cut mid-body, the WAL under concurrent writers.
public struct TestServer: Sendable {
    public let database: AppDatabase
    public let folder: DataFolder
    public let client: TestClient

    /// The repository root: the folder above this file that holds `Package.swift`.
    public static func repositoryRoot(file: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: file).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// A fresh empty folder under the system temp folder.
    public static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "labelbench-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `body` with requests going straight into the application's router; services (lease expiry) run alongside.
    public static func inProcess<T: Sendable>(
        imageLimits: ImageLimits = ImageLimits(), secureCookies: Bool = false, logger: Logger = quietLogger,
        _ body: @Sendable (TestServer) async throws -> T
    ) async throws -> T {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let (folder, database) = try openDataFolder(in: root)
        var config = config(imageLimits: imageLimits)
        config.secureCookies = secureCookies
        let app = try await buildApplication(config: config, database: database, dataFolder: folder, logger: logger)
        return try await app.test(.router) { client in
            try await body(TestServer(database: database, folder: folder, client: TestClient(router: client)))
        }
    }

    /// Runs `body` against a live server on a loopback port; the server stops when `body` returns or throws.
    public static func run<T: Sendable>(
        imageLimits: ImageLimits = ImageLimits(), _ body: @Sendable (TestServer) async throws -> T
    ) async throws -> T {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let (folder, database) = try openDataFolder(in: root)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = try await buildApplication(
            config: config(imageLimits: imageLimits), database: database, dataFolder: folder, logger: quietLogger
        ) { port in
            portSink.yield(port)
        }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw TestFailure("the server never reported its port") }
            let server = TestServer(
                database: database, folder: folder, client: TestClient(baseURL: URL(string: "http://127.0.0.1:\(port)")!))
            do {
                let result = try await body(server)
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    /// `DATA` under `root`, with its database opened (and migrated).
    static func openDataFolder(in root: URL) throws -> (DataFolder, AppDatabase) {
        let folder = DataFolder(path: root.appendingPathComponent("data").path)
        return (folder, try folder.openDatabase())
    }

    /// The service's configuration for a test: any free loopback port, templates and assets from the repository.
    /// The idle timeout is long because a request body stops being read while its handler waits for a thread,
    /// and the whole suite runs at once on two cores: that is not a client going idle
    /// (`ConnectionTimeoutTests` sets its own short one).
    public static func config(imageLimits: ImageLimits = ImageLimits()) -> ServerConfig {
        ServerConfig(
            host: "127.0.0.1", port: 0, resourcesPath: repositoryRoot().path, imageLimits: imageLimits,
            idleTimeout: .seconds(60))
    }

    /// Errors only: a passing test prints nothing.
    public static var quietLogger: Logger {
        var logger = Logger(label: "labelbench-test")
        logger.logLevel = .error
        return logger
    }

    // MARK: - Accounts

    public static let password = "correct-horse-battery"

    /// Creates an account (with a password only when the test signs in through the browser) and an API token.
    @discardableResult
    public func addUser(_ name: String, role: Role, withPassword: Bool = false) async throws -> Account {
        _ = try await database.createUser(name: name, role: role, password: withPassword ? Self.password : nil)
        return Account(name: name, token: try database.createToken(forUser: name))
    }

    /// `addUser` for several accounts of one role, in order.
    public func addUsers(_ names: [String], role: Role) async throws -> [Account] {
        var accounts: [Account] = []
        for name in names { accounts.append(try await addUser(name, role: role)) }
        return accounts
    }

    /// Creates a text task straight in the database.
    @discardableResult
    public func addTask(
        _ name: String, labels: [String] = ["yes", "no"], overlap: Overlap = 1, leaseSeconds: Int = 900,
        annotators: [String] = [], instructions: String = "", guidelines: [Guideline] = []
    ) async throws -> LabelingTask {
        try await database.createTask(
            TaskDefinition(
                name: name, title: name, labels: labels.map { TaskLabel(name: $0) }, overlap: overlap, leaseSeconds: leaseSeconds,
                instructions: instructions, guidelines: guidelines, annotators: annotators),
            by: nil)
    }

    /// Counts rows of a table, to prove a refused request changed nothing.
    public func count(_ table: String) throws -> Int {
        try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }
}

/// A user as the tests see it: a name and a bearer token.
public struct Account: Sendable {
    public let name: String
    public let token: String
}

/// A failure raised by the helpers themselves.
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
