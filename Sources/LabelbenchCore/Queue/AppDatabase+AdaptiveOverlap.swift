import Agreement
import Foundation
import GRDB

extension AppDatabase {
    /// Records how many judgments an item of an adaptive task needs now (`item.needed`), after its
    /// judgments changed, and whether it is full: the queue serves it again only while it needs more.
    ///
    /// Only trusted annotations are judgments: an untrusted one (its annotator paused) counts toward no
    /// consensus, yet holds its place the way `assigned` counts it, so `needed` is the judgments needed plus
    /// the untrusted annotations, and the comparison that keeps an item off the queue stays the one fixed
    /// overlap uses. Gold items keep the task's `min`: their answer is known, so a consensus adds nothing.
    ///
    /// Under `"consensus": "dawid-skene"` the confidence is the item's Dawid–Skene posterior under the task's
    /// stored model, refitted when stale (`consensusModel(of:_:)`).
    static func settleOverlap(ofItem itemID: Int64, in task: LabelingTask, _ db: Database) throws {
        guard task.adaptiveOverlap != nil else { return }
        let model = task.consensus == .dawidSkene ? try consensusModel(of: task, db) : nil
        try settleOverlap(ofItem: itemID, in: task, model: model, db)
    }

    /// Settles one item with the Dawid–Skene `model` already at hand (nil: majority share).
    private static func settleOverlap(
        ofItem itemID: Int64, in task: LabelingTask, model: DawidSkeneModel?, _ db: Database
    ) throws {
        guard let adaptive = task.adaptiveOverlap else { return }
        // One read of both kinds on the answer path; `counted_annotation` is the same `trusted = 1` rule.
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT label, trusted, user_id FROM annotation WHERE item_id = ?"), arguments: [itemID])
        let judgments = rows.filter { $0[1] as Bool }.map { (userID: $0[2] as Int64, answer: Answer(storedJSON: $0[0])) }
        let confidence =
            if let model {
                task.dawidSkeneConfidence(of: judgments, model: model)
            } else {
                task.consensusConfidence(of: judgments.map(\.answer))
            }
        let needed = adaptive.judgmentsNeeded(having: judgments.count, confidence: confidence) + rows.count - judgments.count
        try db.cachedStatement(
            sql: """
                UPDATE item SET needed = :needed, full = (assigned >= :needed)
                WHERE id = :id AND gold IS NULL
                """
        ).execute(arguments: ["needed": needed, "id": itemID])
    }

    /// Settles every item `userID` answered in `task`, after their annotations became untrusted or trusted again.
    static func settleOverlap(ofItemsAnnotatedBy userID: Int64, in task: LabelingTask, _ db: Database) throws {
        let current = try currentQueueSettings(of: task, db)
        guard current.adaptiveOverlap != nil else { return }
        let items = try Int64.fetchAll(
            db, sql: "SELECT item_id FROM annotation WHERE task_id = ? AND user_id = ?", arguments: [task.id, userID])
        // Which answers count has changed: the model is refitted once, then every item is settled by it.
        let model = current.consensus == .dawidSkene ? try refitConsensusModel(of: current, db) : nil
        for itemID in items { try settleOverlap(ofItem: itemID, in: current, model: model, db) }
    }

    /// Settles every item of `task` after its overlap setting changed: adaptive items by their
    /// judgments, and under fixed overlap back to the task's number.
    static func settleOverlap(of task: LabelingTask, _ db: Database) throws {
        try db.execute(sql: "UPDATE item SET needed = NULL WHERE task_id = ?", arguments: [task.id])
        if task.adaptiveOverlap != nil {
            let judged = try Int64.fetchAll(
                db, sql: "SELECT DISTINCT item_id FROM annotation WHERE task_id = ? ORDER BY item_id", arguments: [task.id])
            let model = task.consensus == .dawidSkene ? try refitConsensusModel(of: task, db) : nil
            for itemID in judged { try settleOverlap(ofItem: itemID, in: task, model: model, db) }
        }
        try db.execute(
            sql: "UPDATE item SET full = (assigned >= coalesce(needed, ?)) WHERE task_id = ? AND gold IS NULL",
            arguments: [task.overlap, task.id])
    }
}

extension LabelingTask {
    /// An item's consensus confidence by the statistics' own rules, the figure adaptive overlap compares
    /// with its `confidence`: the majority's share of the votes (for multiple choice the mean over labels of
    /// the share agreeing with the label's decision), and for spans and boxes the consensus confidence the
    /// library gives the item's row (the smallest share behind a consensus mark). Nil without answers.
    /// This is the `majority` method's figure; `dawid-skene` tasks use `dawidSkeneConfidence(of:model:)`.
    func consensusConfidence(of answers: [Answer]) -> Double? {
        guard !answers.isEmpty else { return nil }
        let values = answers.map { $0.labelValue(in: self) }
        if answer.marksItem {
            let records = values.enumerated().map {
                AnnotationRecord(item: "item", annotator: String($0.offset), label: $0.element)
            }
            return aggregate(records, method: .majority, labelOrder: labelNames).labels.first?.confidence
        }
        return ItemVotes(values, labelOrder: labelNames).consensus?.confidence
    }
}
