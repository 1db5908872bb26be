import Foundation

/// Checks a downloaded version folder against both of its manifests, re-hashing every file.
public enum ArtifactVerifier {
    /// Reads `manifest.json` and `wandb_manifest.json` in `directory` and reports missing, modified and extra files.
    ///
    /// Throws only when `manifest.json` itself is absent or unreadable; every other problem is in the report.
    public static func verify(directory: URL) throws -> VerificationReport {
        let manifestURL = directory.appendingPathComponent(ArtifactManifest.fileName)
        guard FileIO.stat(manifestURL.path)?.isRegular == true else {
            throw ArtifactStoreError.invalidManifest("\(manifestURL.path) not found")
        }
        let manifest = try ArtifactManifest.parse(try readSmallFile(manifestURL))
        var report = VerificationReport(checkedFiles: 0, missing: [], modified: [], extra: [], manifestProblems: [])

        let wandbURL = directory.appendingPathComponent(WandbManifest.fileName)
        var wandbEntries: [String: (digest: String, size: Int64?)] = [:]
        if FileIO.stat(wandbURL.path)?.isRegular == true {
            do {
                wandbEntries = try WandbManifest.parse(try readSmallFile(wandbURL))
            } catch {
                report.manifestProblems.append("\(WandbManifest.fileName): \(error)")
            }
        } else {
            report.missing.append(WandbManifest.fileName)
        }
        compare(manifest, wandbEntries, into: &report)

        var listed = Set(manifest.files.map(\.path))
        listed.formUnion(wandbEntries.keys)
        for file in manifest.files {
            report.checkedFiles += 1
            let path = directory.appendingPathComponent(file.path).path
            guard let info = FileIO.stat(path) else {
                report.missing.append(file.path)
                continue
            }
            guard info.isRegular else {
                report.modified.append(.init(path: file.path, reason: "not a regular file"))
                continue
            }
            if info.size != file.size {
                report.modified.append(.init(path: file.path, reason: "size \(info.size), expected \(file.size)"))
                continue
            }
            let actual = try DigestAccumulator.digest(ofFile: path)
            if actual.sha256 != file.sha256 {
                report.modified.append(
                    .init(path: file.path, reason: "sha256 \(actual.sha256), expected \(file.sha256)"))
            } else if actual.md5 != file.md5 {
                report.modified.append(.init(path: file.path, reason: "md5 \(actual.md5), expected \(file.md5)"))
            }
        }
        // Paths only the W&B manifest lists are reported once, as a manifest disagreement, and checked for presence.
        for path in wandbEntries.keys.sorted() where !manifest.files.contains(where: { $0.path == path }) {
            if FileIO.stat(directory.appendingPathComponent(path).path) == nil { report.missing.append(path) }
        }
        report.extra = try filesOnDisk(in: directory).filter {
            !listed.contains($0) && !ArtifactManifest.reservedPaths.contains($0)
        }
        report.missing.sort()
        return report
    }

    /// Checks that both manifests list the same files with the same MD5 and size.
    private static func compare(
        _ manifest: ArtifactManifest, _ wandb: [String: (digest: String, size: Int64?)],
        into report: inout VerificationReport
    ) {
        guard !wandb.isEmpty || manifest.files.isEmpty else { return }
        for file in manifest.files {
            guard let entry = wandb[file.path] else {
                report.manifestProblems.append("\(file.path) is not in \(WandbManifest.fileName)")
                continue
            }
            if entry.digest != file.blob.md5Base64 || (entry.size != nil && entry.size != file.size) {
                report.manifestProblems.append("\(file.path) differs between the two manifests")
            }
        }
        let listed = Set(manifest.files.map(\.path))
        for path in wandb.keys.sorted() where !listed.contains(path) {
            report.manifestProblems.append(
                "\(path) is in \(WandbManifest.fileName) but not in \(ArtifactManifest.fileName)")
        }
    }

    /// Every entry under `directory` that is not a directory (symlinks included), as `/`-separated relative paths.
    static func filesOnDisk(in directory: URL) throws -> [String] {
        let base = directory.standardizedFileURL.path
        var paths: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? base : base + "/" + relative
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folder)
            } catch {
                throw ArtifactStoreError.io(operation: "list directory", path: folder, code: 5)
            }
            for name in names {
                let child = relative.isEmpty ? name : relative + "/" + name
                let attributes = try? FileManager.default.attributesOfItem(atPath: base + "/" + child)
                if (attributes?[.type] as? FileAttributeType) == .typeDirectory {
                    pending.append(child)
                } else {
                    paths.append(child)
                }
            }
        }
        return paths.sorted()
    }

    /// Reads a manifest, refusing absurd sizes before loading it into memory.
    static func readSmallFile(_ url: URL, limit: Int64 = 512 << 20) throws -> Data {
        guard let info = FileIO.stat(url.path), info.size <= limit else {
            throw ArtifactStoreError.invalidManifest(
                "\(url.lastPathComponent) is missing or larger than \(limit) bytes")
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw ArtifactStoreError.io(operation: "read", path: url.path, code: 5)
        }
    }
}
