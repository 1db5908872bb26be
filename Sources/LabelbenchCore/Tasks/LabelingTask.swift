import Foundation
import GRDB

/// A stored labeling task. (Named so, not `Task`, to stay clear of Swift's concurrency `Task`.)
public struct LabelingTask: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord, Identifiable {
    public var id: Int64?
    public var name: String
    public var title: String
    public var kind: ItemKind
    public var answer: AnswerType
    public var labels: [TaskLabel]
    public var overlap: Int
    public var leaseSeconds: Int
    public var goldRate: Double
    /// Gold accuracy under which an annotator is paused on the task (0: never), judged once they gave
    /// `minGoldSeen` gold answers since their last resume.
    public var minTrust: Double = 0
    public var minGoldSeen: Int = 5
    /// The version annotators see now; every annotation records the version it was made under.
    public var guidelineVersion: Int
    public var createdAt: Date
    public var createdBy: Int64?

    public static let databaseTableName = "task"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    public static let databaseDateEncodingStrategy = DatabaseDateEncodingStrategy.timeIntervalSince1970
    public static let databaseDateDecodingStrategy = DatabaseDateDecodingStrategy.timeIntervalSince1970

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public var taskID: Int64 { id ?? -1 }
    public var labelNames: [String] { labels.map(\.name) }
}

/// The instructions and edge-case rulings in force from one save to the next.
public struct GuidelineVersion: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public var taskId: Int64
    public var version: Int
    public var instructions: String
    public var guidelines: [Guideline]
    public var createdAt: Date
    public var createdBy: Int64?

    public static let databaseTableName = "guideline_version"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    public static let databaseDateEncodingStrategy = DatabaseDateEncodingStrategy.timeIntervalSince1970
    public static let databaseDateDecodingStrategy = DatabaseDateDecodingStrategy.timeIntervalSince1970
}
