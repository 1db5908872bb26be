import Foundation
import GRDB

extension ArtifactRepository {
    /// Removes blobs that no version file references and that are not in `extraReferenced` (e.g. image items).
    ///
    /// Runs under the write lock so no commit interleaves; blobs touched within `gracePeriod` are kept because a
    /// caller may have just written them for a commit that has not started yet. Temp files older than an hour go too.
    public func gc(
        extraReferenced: Set<String> = [], dryRun: Bool = false, gracePeriod: TimeInterval = 3600
    ) throws
        -> GCReport
    {
        try immediateWrite { db in
            let referenced = Set(try String.fetchAll(db, sql: "SELECT DISTINCT sha256 FROM artifact_version_file"))
                .union(extraReferenced)
            let cutoff = Date().addingTimeInterval(-gracePeriod)
            var report = GCReport(
                dryRun: dryRun, removedBlobs: 0, removedBytes: 0, keptBlobs: 0, removedTempFiles: 0, removedDigests: [])
            for digest in try blobs.allDigests() {
                let url = try blobs.url(for: digest)
                guard !referenced.contains(digest), let info = FileIO.stat(url.path), info.modified <= cutoff else {
                    report.keptBlobs += 1
                    continue
                }
                if !dryRun { try blobs.remove(digest) }
                report.removedBlobs += 1
                report.removedBytes += info.size
                report.removedDigests.append(digest)
            }
            report.removedTempFiles = try blobs.removeStaleTempFiles(olderThan: 3600, dryRun: dryRun)
            return report
        }
    }
}
