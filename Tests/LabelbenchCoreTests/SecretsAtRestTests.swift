import Foundation
import GRDB
import Testing

@testable import LabelbenchCore

/// What a stolen data folder gives an attacker: password hashes (bcrypt), token hashes (SHA-256), and
/// an install secret only its owner can read — never a usable password or token.
@Suite struct SecretsAtRestTests {
    @Test func passwordsAreStoredAsBcryptHashesOnly() async throws {
        let db = try Fixture.database()
        try await db.createUser(name: "ann", role: .annotator, password: "long-enough-password")
        let stored = try await db.writer.read { db in
            try String.fetchOne(db, sql: "SELECT password_hash FROM user WHERE name = 'ann'")
        }
        let hash = try #require(stored)
        // "$2b$" and the cost: bcrypt, at the cost the service hashes with.
        #expect(hash.hasPrefix("$2b$\(AppDatabase.bcryptCost)$"), "\(hash)")
        #expect(hash.count == 60 && !hash.contains("long-enough-password"))
        #expect(try await db.authenticate(name: "ann", password: "long-enough-password")?.name == "ann")
        #expect(try await db.authenticate(name: "ann", password: "long-enough-passwore") == nil)
    }

    @Test func tokensAreRandomAndOnlyTheirHashIsStored() async throws {
        try await withTemporaryFolder { folder in
            let data = DataFolder(path: folder.appendingPathComponent("data").path)
            let db = try data.openDatabase()
            try await db.createUser(name: "pat", role: .practitioner, password: nil)
            let tokens = try (0..<50).map { _ in try db.createToken(forUser: "pat") }
            #expect(Set(tokens).count == 50)
            for token in tokens {
                // "lbt_" and 256 random bits in base64url: 43 characters, at least 128 bits as the bar asks.
                #expect(token.hasPrefix("lbt_") && token.count == 4 + 43, "\(token)")
                #expect(token.dropFirst(4).allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            }
            let stored = try await db.writer.read { db in
                try String.fetchAll(db, sql: "SELECT token_hash FROM api_token ORDER BY id")
            }
            #expect(stored == tokens.map(SecretToken.hash))
            #expect(try await db.user(forToken: tokens[0])?.name == "pat")

            // Neither the database file nor its WAL holds a token as issued.
            let files = try FileManager.default.contentsOfDirectory(atPath: data.url.path)
                .filter { $0.hasPrefix(data.databaseURL.lastPathComponent) }
            #expect(files.contains { $0.hasSuffix("-wal") }, "no WAL beside the database: \(files)")
            for name in files {
                let bytes = try Data(contentsOf: data.url.appendingPathComponent(name))
                for token in tokens { #expect(bytes.range(of: Data(token.utf8)) == nil, "\(name) holds a token") }
            }
        }
    }

    @Test func tokenComparisonNeedsTheWholeToken() {
        let token = SecretToken.make()
        #expect(SecretToken.matches(token, token))
        #expect(!SecretToken.matches(String(token.dropLast()), token))
        #expect(!SecretToken.matches(token + "x", token))
        #expect(!SecretToken.matches(String(token.dropLast()) + (token.last == "A" ? "B" : "A"), token))
        #expect(!SecretToken.matches("", token))
    }

    @Test func eachInstallMakesItsOwnSecretReadableByItsOwnerOnly() async throws {
        try await withTemporaryFolder { folder in
            let one = DataFolder(path: folder.appendingPathComponent("one").path)
            let two = DataFolder(path: folder.appendingPathComponent("two").path)
            _ = try one.openDatabase()
            _ = try two.openDatabase()
            let first = try one.installSecret()
            #expect(try one.installSecret() == first, "the secret changed between two reads")
            #expect(try two.installSecret() != first, "two installs share a secret")
            #expect(first.utf8.count >= 43)
            for data in [one, two] {
                let attributes = try FileManager.default.attributesOfItem(atPath: data.secretURL.path)
                #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
                let folderAttributes = try FileManager.default.attributesOfItem(atPath: data.url.path)
                #expect((folderAttributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
            }
        }
    }
}
