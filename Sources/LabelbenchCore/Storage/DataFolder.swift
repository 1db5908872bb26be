import ArtifactStore
import Foundation

/// The data folder: `labelbench.sqlite`, the per-install `secret` and the `blobs/` store.
public struct DataFolder: Sendable {
    public let url: URL

    public init(path: String) {
        url = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
    }

    public var databaseURL: URL { url.appendingPathComponent("labelbench.sqlite") }
    public var blobsURL: URL { url.appendingPathComponent("blobs", isDirectory: true) }
    /// Work folders that live only as long as one request (an export written to a folder). On the
    /// data folder's own disk, so what is built there is fsynced and renamed like everything else.
    public var scratchURL: URL { url.appendingPathComponent("scratch", isDirectory: true) }
    var secretURL: URL { url.appendingPathComponent("secret") }

    /// Creates the folder (mode 0700) if needed and opens the migrated database.
    public func openDatabase() throws -> AppDatabase {
        try FileManager.default.createDirectory(
            at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return try AppDatabase.openFile(at: databaseURL)
    }

    /// The per-install secret, created once with mode 0600; never logged.
    public func installSecret() throws -> String {
        if let existing = try? String(contentsOf: secretURL, encoding: .utf8), existing.count >= 32 {
            return existing.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let secret = SecretToken.make()
        let created = FileManager.default.createFile(
            atPath: secretURL.path, contents: Data(secret.utf8), attributes: [.posixPermissions: 0o600])
        if !created { throw DomainError.invalid("cannot write \(secretURL.path)") }
        return secret
    }
}
