import Foundation
import Testing

@testable import ArtifactStore

/// Protected aliases and the quality gates a version records in its metadata.
@Suite struct AliasProtectionTests {
    static let failing = GateResults(checks: [
        .init(name: "alpha_ci_low", threshold: 0.6, value: 0.41, passed: false),
        .init(name: "gold_accuracy", threshold: 0.8, value: 0.9, passed: true),
        .init(name: "max_untrusted_share", threshold: 0.05, value: nil, passed: false),
    ])
    static let production = AliasProtection(protectedAliases: ["production"])
    static let commitTime = Date(timeIntervalSince1970: 1_700_000_000)

    /// A version whose metadata records `gates`.
    func commit(
        _ repository: ArtifactRepository, gates: GateResults, text: String, aliases: [String] = []
    )
        throws -> CommitResult
    {
        var version = try draft(repository, files: [("labels.jsonl", Data(text.utf8))], aliases: aliases)
        version.metadata = ["items": 1, "gates": gates.json]
        version.protection = Self.production
        return try repository.commit(version)
    }

    @Test func gateResultsReadBackFromMetadataAsWritten() {
        let json = Self.failing.json
        #expect(json["passed"] == false)
        #expect(
            json["checks"] == [
                ["name": "alpha_ci_low", "threshold": 0.6, "value": 0.41, "passed": false],
                ["name": "gold_accuracy", "threshold": 0.8, "value": 0.9, "passed": true],
                ["name": "max_untrusted_share", "threshold": 0.05, "value": nil, "passed": false],
            ])
        let read = GateResults(metadata: ["gates": json])
        #expect(read == Self.failing)
        #expect(read?.failedChecks == ["alpha_ci_low", "max_untrusted_share"])
        #expect(GateResults(checks: []).passed)
        #expect(GateResults(metadata: ["items": 3]) == nil)
    }

    @Test func protectedAliasRefusesAFailingVersionNamingTheChecks() async throws {
        try await withTempDirectory { folder in
            let repository = try makeRepository(in: folder)
            try commit(repository, gates: GateResults(checks: []), text: "good", aliases: ["production"])
            try commit(repository, gates: Self.failing, text: "bad")
            let v1 = try ArtifactReference(parsing: "cats:v1")
            #expect(
                throws: ArtifactStoreError.gatesFailed(
                    reference: "cats:v1", alias: "production", checks: ["alpha_ci_low", "max_untrusted_share"])
            ) { try repository.setAlias(v1, alias: "production", protection: Self.production) }
            #expect(try repository.resolve("cats:production").number == 0)
            // Unprotected aliases move freely, and so does every alias when nothing is protected.
            #expect(try repository.setAlias(v1, alias: "candidate", protection: Self.production).override == nil)
            #expect(try repository.setAlias(v1, alias: "production").override == nil)
            #expect(try repository.resolve("cats:production").number == 1)
            #expect(try repository.resolve(v1).overrides.isEmpty)
        }
    }

    @Test func aForcedMoveNeedsAReasonAndIsKeptInLineage() async throws {
        try await withTempDirectory { folder in
            let repository = try makeRepository(in: folder)
            try commit(repository, gates: Self.failing, text: "bad")
            let v0 = try ArtifactReference(parsing: "cats:v0")
            var forced = Self.production
            forced.force = AliasForce(reason: "  \n ", by: "ada")
            #expect(throws: ArtifactStoreError.overrideWithoutReason(alias: "production")) {
                try repository.setAlias(v0, alias: "production", protection: forced)
            }
            #expect(throws: ArtifactStoreError.versionNotFound("cats:production")) { try repository.resolve("cats:production") }

            forced.force = AliasForce(reason: "hotfix for the demo", by: "ada")
            let at = Date(timeIntervalSince1970: 1_700_000_100)
            let move = try repository.setAlias(v0, alias: "production", protection: forced, at: at)
            let expected = AliasOverride(alias: "production", reason: "hotfix for the demo", by: "ada", at: at)
            #expect(move.override == expected)
            #expect(move.version.overrides == [expected])
            #expect(move.version.aliases == ["latest", "production"])
            let stored = try repository.resolve("cats:production")
            #expect(
                stored.lineage["overrides"] == [
                    ["alias": "production", "reason": "hotfix for the demo", "by": "ada", "at": "2023-11-14T22:15:00.000Z"]
                ])
            #expect(stored.lineage["exported_by"] == "ada")
            // Forcing again where the alias already points moves nothing and records nothing.
            #expect(try repository.setAlias(v0, alias: "production", protection: forced).override == nil)
            #expect(try repository.resolve(v0).overrides.count == 1)
            // manifest.json stays as committed; the version's current manifest carries the override.
            let committed = try ArtifactManifest.parse(try repository.manifestData(v0))
            #expect(committed.lineage["overrides"] == nil)
            #expect(stored.currentManifest.lineage["overrides"] == stored.lineage["overrides"])
            #expect(stored.currentManifest.aliases == ["latest", "production"])
            #expect(stored.currentManifest.files == committed.files)
        }
    }

    @Test func aCommitAskingForAProtectedAliasIsCheckedToo() async throws {
        try await withTempDirectory { folder in
            let repository = try makeRepository(in: folder)
            #expect(
                throws: ArtifactStoreError.gatesFailed(
                    reference: "cats:v0", alias: "production", checks: ["alpha_ci_low", "max_untrusted_share"])
            ) { try commit(repository, gates: Self.failing, text: "bad", aliases: ["production"]) }
            // Refused as a whole: no version, no collection row left behind.
            #expect(try repository.collections().isEmpty)

            var version = try draft(repository, files: [("labels.jsonl", Data("bad".utf8))], aliases: ["production"])
            version.metadata = ["gates": Self.failing.json]
            version.protection = AliasProtection(
                protectedAliases: ["production"], force: AliasForce(reason: "known gap", by: "ada"))
            let result = try repository.commit(version)
            let expected = AliasOverride(alias: "production", reason: "known gap", by: "ada", at: Self.commitTime)
            #expect(result.overrides == [expected])
            #expect(result.version.overrides == [expected])
            // A forced export's manifest carries the override from the start.
            let manifest = try ArtifactManifest.parse(try repository.manifestData(ArtifactReference(parsing: "cats:v0")))
            #expect(AliasOverride.all(in: manifest.lineage) == [expected])

            // The same content again, unforced, towards a protected alias it already holds: nothing to refuse.
            version.protection = Self.production
            #expect(try repository.commit(version).overrides.isEmpty)
        }
    }
}
