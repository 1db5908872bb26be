import ArgumentParser
import ArtifactStore
import Foundation
import LabelbenchCore

/// `labelbench artifacts …`: the artifact store.
struct Artifacts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The artifact store: list, show, get, verify, diff, alias, gc.",
        subcommands: [List.self, Show.self, Get.self, Verify.self, Diff.self, Alias.self, GC.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List collections, or the versions of one.")
        @Argument(help: "A collection name.") var name: String?
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var client: ClientOptions

        func run() async throws {
            let api = try client.client()
            if let name {
                let data = try await api.send("GET", "/artifacts/\(APIClient.segment(name))/versions").data
                if json { return FileHandle.standardOutput.write(data) }
                let versions =
                    (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["versions"] as? [[String: Any]] ?? []
                print("VERSION\tCREATED\tFILES\tSIZE\tALIASES")
                for version in versions {
                    print(
                        "\(name):v\(version["number"] ?? "")\t\(version["createdAt"] ?? "")\t\(version["fileCount"] ?? "")\t\(version["totalSize"] ?? "")\t\((version["aliases"] as? [String] ?? []).joined(separator: ","))"
                    )
                }
            } else {
                let data = try await api.send("GET", "/artifacts").data
                if json { return FileHandle.standardOutput.write(data) }
                let collections =
                    (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["collections"] as? [[String: Any]] ?? []
                print("NAME\tTYPE\tVERSIONS\tLATEST")
                for collection in collections {
                    print(
                        "\(collection["name"] ?? "")\t\(collection["type"] ?? "")\t\(collection["versionCount"] ?? "")\tv\(collection["latestNumber"] ?? "-")"
                    )
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: """
                Show a version as JSON: its manifest's files and metadata (quality gates under metadata.gates), the \
                aliases pointing at it now, and its lineage with any forced protected alias (lineage.overrides).
                """)
        @Argument(help: "NAME:vN or NAME:ALIAS.") var reference: String
        @OptionGroup var client: ClientOptions

        func run() async throws {
            let fetch = ArtifactFetch(api: try client.client())
            let parsed = try ArtifactReference(parsing: reference)
            let data = try await fetch.api.send(
                "GET", "/artifacts/\(APIClient.segment(parsed.name))/\(APIClient.segment(fetch.selector(parsed)))"
            ).data
            FileHandle.standardOutput.write(data)
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download a version into DIR, re-hashing every file; fails naming any file that does not match.")
        @Argument(help: "NAME:vN or NAME:ALIAS.") var reference: String
        @Argument(help: "Destination folder (absent or empty).") var directory: String
        @OptionGroup var client: ClientOptions

        func run() async throws {
            let manifest = try await ArtifactFetch(api: try client.client()).get(reference, into: URL(fileURLWithPath: directory))
            print("\(manifest.name):\(manifest.version) verified into \(directory) (\(manifest.files.count) files)")
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a folder against its manifests: missing, modified and extra files.")
        @Argument(help: "A folder written by `get` or `export --to`.") var directory: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let report = try ArtifactVerifier.verify(directory: URL(fileURLWithPath: directory))
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                FileHandle.standardOutput.write(try encoder.encode(report))
                print()
            } else {
                print(report.renderText())
            }
            if !report.isValid { throw ExitCode(1) }
        }
    }

    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Items added, removed and relabeled between two versions.")
        @Argument(help: "The older version.") var old: String
        @Argument(help: "The newer version.") var new: String
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var client: ClientOptions

        func run() async throws {
            let fetch = ArtifactFetch(api: try client.client())
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("labelbench-diff-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: scratch) }
            let oldDir = scratch.appendingPathComponent("old")
            let newDir = scratch.appendingPathComponent("new")
            try await fetch.get(old, into: oldDir)
            try await fetch.get(new, into: newDir)
            let result = try DatasetDiff.compare(
                old: oldDir.appendingPathComponent("labels.jsonl"), new: newDir.appendingPathComponent("labels.jsonl"),
                oldName: old, newName: new)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                FileHandle.standardOutput.write(try encoder.encode(result))
                print()
            } else {
                print(result.renderText())
            }
        }
    }

    struct Alias: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Point an alias at a version.",
            discussion: """
                A protected alias (the task's protected_aliases, production by default) refuses a version that failed \
                its quality gates, naming the failed checks. --force --reason TEXT moves it anyway; the reason is kept \
                in the version's lineage and the server logs the override.
                """)
        @Argument(help: "NAME:vN.") var reference: String
        @Argument(help: "The alias, e.g. production.") var alias: String
        @Flag(help: "Move a protected alias onto a version that failed its quality gates (needs --reason).") var force = false
        @Option(help: "Why the gates may be overridden; kept in the version's lineage.") var reason: String?
        @OptionGroup var client: ClientOptions

        func validate() throws {
            if force && (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw ValidationError("--force needs --reason TEXT: the version's lineage keeps why its gates were overridden")
            }
            if reason != nil && !force { throw ValidationError("--reason goes with --force") }
        }

        func run() async throws {
            let parsed = try ArtifactReference(parsing: reference)
            let fetch = ArtifactFetch(api: try client.client())
            var body: [String: Any] = ["version": fetch.selector(parsed)]
            if force, let reason { (body["force"], body["reason"]) = (true, reason) }
            let moved = try await fetch.api.json(
                "PUT", "/artifacts/\(APIClient.segment(parsed.name))/aliases/\(APIClient.segment(alias))",
                body: try JSONSerialization.data(withJSONObject: body))
            if moved["override"] is [String: Any] {
                Console.status("forced past failed quality gates; the override is kept in \(reference)'s lineage")
            }
            print("\(parsed.name):\(alias) → \(reference)")
        }
    }

    struct GC: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gc", abstract: "Remove blobs that no version and no item uses (admin; works on the data folder).")
        @Flag(help: "Only report what would be removed.") var dryRun = false
        @OptionGroup var data: DataOptions

        func run() async throws {
            let folder = DataFolder(path: data.data)
            let database = try folder.openDatabase()
            let report = try database.artifacts(blobs: try BlobStore(root: folder.blobsURL))
                .gc(extraReferenced: try database.imageDigestsInUse(), dryRun: dryRun)
            print(
                "\(dryRun ? "would remove" : "removed") \(report.removedBlobs) blob(s), \(report.removedBytes) bytes; kept \(report.keptBlobs)"
            )
        }
    }
}
