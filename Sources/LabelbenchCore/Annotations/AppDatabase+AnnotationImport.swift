import Foundation
import GRDB

/// What `import-annotations` did.
public struct AnnotationImportReport: Codable, Sendable, Equatable {
    public var imported: Int
    /// Lines identical to annotations already stored.
    public var unchanged: Int
    /// Annotator names that had no account; each got a sign-in-less annotator account.
    public var newAnnotators: [String]
}

extension AppDatabase {
    /// Imports annotation JSONL made elsewhere, atomically: any bad line fails the whole file.
    public func importAnnotations(_ data: Data, fileName: String, into task: LabelingTask) async throws -> AnnotationImportReport
    {
        var reader = AnnotationLineReader(fileName: fileName, task: task)
        try reader.append(data)
        return try await importAnnotations(reader.finish(), into: task)
    }

    /// Stores annotation lines already read by `AnnotationLineReader`, atomically.
    public func importAnnotations(_ lines: [ImportedAnnotation], into task: LabelingTask) async throws -> AnnotationImportReport {
        let now = Date().unix
        return try await writer.write { db in
            var store = try AnnotationImportStore(task: task, now: now, db)
            for line in lines { try store.store(line, db) }
            return store.report
        }
    }
}
