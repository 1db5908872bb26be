import Foundation
import LabelbenchCore
import LabelbenchServer
import Logging
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A live Labelbench service on a free loopback port with a real SQLite file in a temp folder.
///
/// `TestServer.run { server in … }` builds the app with the production composition root,
/// waits until it listens, hands it to the test and shuts it down afterwards.
struct TestServer: Sendable {
    let baseURL: URL
    let database: AppDatabase
    let folder: DataFolder
    let client: TestClient

    /// The repository root: the folder above this file that holds `Package.swift`.
    static func repositoryRoot(file: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: file).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// A fresh empty folder under the system temp folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "labelbench-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `body` against a live server; the server stops when `body` returns or throws.
    static func run<T: Sendable>(
        imageLimits: ImageLimits = ImageLimits(), _ body: @Sendable (TestServer) async throws -> T
    ) async throws -> T {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = DataFolder(path: root.appendingPathComponent("data").path)
        let database = try folder.openDatabase()
        var logger = Logger(label: "labelbench-test")
        logger.logLevel = .error
        let config = ServerConfig(host: "127.0.0.1", port: 0, resourcesPath: repositoryRoot().path, imageLimits: imageLimits)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = try await buildApplication(config: config, database: database, dataFolder: folder, logger: logger) { port in
            portSink.yield(port)
        }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw TestFailure("the server never reported its port") }
            let server = TestServer(
                baseURL: URL(string: "http://127.0.0.1:\(port)")!, database: database, folder: folder,
                client: TestClient(baseURL: URL(string: "http://127.0.0.1:\(port)")!))
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

    // MARK: - Accounts

    static let password = "correct-horse-battery"

    /// Creates an account (with a password only when the test signs in through the browser) and an API token.
    @discardableResult
    func addUser(_ name: String, role: Role, withPassword: Bool = false) throws -> Account {
        _ = try database.createUser(name: name, role: role, password: withPassword ? Self.password : nil)
        return Account(name: name, token: try database.createToken(forUser: name))
    }

    /// Creates a text task straight in the database.
    @discardableResult
    func addTask(
        _ name: String, labels: [String] = ["yes", "no"], overlap: Int = 1, leaseSeconds: Int = 900, annotators: [String] = [],
        instructions: String = "", guidelines: [Guideline] = []
    ) throws -> LabelingTask {
        try database.createTask(
            TaskDefinition(
                name: name, title: name, labels: labels.map { TaskLabel(name: $0) }, overlap: overlap, leaseSeconds: leaseSeconds,
                instructions: instructions, guidelines: guidelines, annotators: annotators),
            by: nil)
    }

    /// Counts rows of a table, to prove a refused request changed nothing.
    func count(_ table: String) throws -> Int {
        try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }
}

/// A user as the tests see it: a name and a bearer token.
struct Account: Sendable {
    let name: String
    let token: String
}

/// A failure raised by the helpers themselves.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
