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
    /// Judgments every item gets first: the fixed overlap, or an adaptive task's `min`.
    public var overlap: Int
    /// An adaptive task's `max` and `confidence` (see `Overlap`); nil for fixed overlap.
    public var overlapMax: Int?
    public var overlapConfidence: Double?
    /// How answers become one label per item where the task decides (see `ConsensusMethod`).
    public var consensus: ConsensusMethod = .majority
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
    /// The quality a version must reach before a protected alias may point at it.
    public var gates = QualityGates()
    /// Aliases that refuse a version that failed its gates unless forced with a reason.
    public var protectedAliases = QualityGates.defaultProtectedAliases

    public static let databaseTableName = "task"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    public static let databaseDateEncodingStrategy = DatabaseDateEncodingStrategy.timeIntervalSince1970
    public static let databaseDateDecodingStrategy = DatabaseDateDecodingStrategy.timeIntervalSince1970

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public var taskID: Int64 { id ?? -1 }

    /// The `overlap` setting as the task file gives it.
    public var overlapSetting: Overlap {
        get {
            guard let overlapMax, let overlapConfidence else { return .fixed(overlap) }
            return .adaptive(AdaptiveOverlap(min: overlap, max: overlapMax, confidence: overlapConfidence))
        }
        set {
            overlap = newValue.first
            if case .adaptive(let adaptive) = newValue {
                (overlapMax, overlapConfidence) = (adaptive.max, adaptive.confidence)
            } else {
                (overlapMax, overlapConfidence) = (nil, nil)
            }
        }
    }

    /// The adaptive setting, nil for fixed overlap.
    public var adaptiveOverlap: AdaptiveOverlap? {
        if case .adaptive(let adaptive) = overlapSetting { adaptive } else { nil }
    }
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
