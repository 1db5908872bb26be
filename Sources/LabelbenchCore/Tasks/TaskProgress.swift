import Foundation

/// How the practitioner's task list can be ordered.
public enum TaskListSort: String, Sendable, Hashable, CaseIterable {
    case name, title, newest, items, progress
}

/// Which tasks the practitioner's list shows.
public enum TaskShelf: String, Sendable, Hashable, CaseIterable {
    case active, archived
}

/// One task with its progress, as the practitioner's task list shows it.
public struct TaskProgress: Sendable, Hashable {
    /// Annotations one annotator has given in the task.
    public struct AnnotatorCount: Sendable, Hashable {
        public var name: String
        public var annotations: Int
    }

    public var task: LabelingTask
    public var items: Int
    /// Answers given, counting each (item, annotator) once.
    public var annotations: Int
    /// Answers the task asks for: every item times its overlap. Under adaptive overlap, what each item
    /// needs as far as is known now: `min` until it has them, one more than it has while its consensus
    /// is below the confidence and it is under `max`, else the ones it has. It grows as items turn out
    /// contested, up to `neededAtMost`, so the task is finished only when no item can need more.
    public var needed: Int
    public var annotators: [AnnotatorCount]
    /// Items below their overlap that no assigned annotator can still take: everyone left has
    /// answered or skipped them. They need another annotator or a ruling.
    public var stalled: Int
    public var archivedAt: Date?

    /// Whole percent of answers given, 0 when nothing is asked (a task without items is not "done").
    public var percent: Int { needed == 0 ? 0 : min(100, annotations * 100 / needed) }
    /// Adaptive overlap: the answers needed if every item went to `max` annotators; nil under fixed overlap.
    public var neededAtMost: Int? { task.overlapMax.map { items * $0 } }
    /// Every item has all the answers it needs.
    public var isFinished: Bool { needed > 0 && annotations >= needed }
}
