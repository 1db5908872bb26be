import Agreement
import Foundation
import GRDB

extension AppDatabase {
    /// Settles a model may lag behind before it is refitted: at least this many, else a tenth of the
    /// annotations it was fitted on.
    static let consensusRefitMinimum = 20

    /// The Dawid–Skene model adaptive overlap reads for a `dawid-skene` task at one settle, refitted first
    /// when it is stale.
    ///
    /// Full EM over the whole task at every answer would read every annotation each time: quadratic in the
    /// task's size. The model is instead stored (`consensus_model`) and refitted once the settles since its fit
    /// reach a tenth of the annotations it saw (at least `consensusRefitMinimum`): a task that grows to n
    /// annotations is refitted about log(n)/log(1.1) times, reading about 11 n annotations in all — a
    /// constant amount of fitting per answer, as a growing array's copies are — and an item's posterior
    /// between fits comes from its own answers and the stored confusion counts (`DawidSkeneModel.posterior`).
    /// The estimates move little between fits once the task has a few hundred answers; early on, the
    /// model's smoothing keeps annotators it knows little about from settling items. Stored rather than
    /// kept in memory, so a restart or a second instance reads the same model.
    static func consensusModel(of task: LabelingTask, _ db: Database) throws -> DawidSkeneModel {
        try db.cachedStatement(sql: "UPDATE consensus_model SET settled_since = settled_since + 1 WHERE task_id = ?")
            .execute(arguments: [task.id])
        if let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT model, annotations, settled_since FROM consensus_model WHERE task_id = ?"),
            arguments: [task.id]),
            (row[2] as Int) < max(consensusRefitMinimum, (row[1] as Int) / 10),
            let model = try? JSONDecoder().decode(DawidSkeneModel.self, from: Data((row[0] as String).utf8))
        {
            return model
        }
        return try refitConsensusModel(of: task, db)
    }

    /// Fits the task's Dawid–Skene model on its counted annotations (annotators keyed by account id, gold
    /// answers clamping their items) and stores it with no settles since.
    @discardableResult
    static func refitConsensusModel(of task: LabelingTask, _ db: Database) throws -> DawidSkeneModel {
        var columns = AnnotationColumns()
        let rows = try Row.fetchCursor(
            db, sql: "SELECT item_id, user_id, label FROM counted_annotation WHERE task_id = ? ORDER BY item_id",
            arguments: [task.id])
        while let row = try rows.next() {
            columns.append(
                item: String(row[0] as Int64), annotator: String(row[1] as Int64),
                label: Answer(storedJSON: row[2]).labelValue(in: task))
        }
        var gold: [String: LabelValue] = [:]
        let golden = try Row.fetchCursor(
            db, sql: "SELECT id, gold FROM item WHERE task_id = ? AND gold IS NOT NULL", arguments: [task.id])
        while let row = try golden.next() { gold[String(row[0] as Int64)] = Answer(storedJSON: row[1]).labelValue(in: task) }
        let model = DawidSkeneModel(fitting: columns, labelOrder: task.labelNames, gold: gold)
        let json = String(decoding: try JSONEncoder().encode(model), as: UTF8.self)
        try db.execute(
            sql: "UPDATE consensus_model SET model = ?, annotations = ?, settled_since = 0 WHERE task_id = ?",
            arguments: [json, model.annotations, task.id])
        if db.changesCount == 0 {
            try db.execute(
                sql: "INSERT INTO consensus_model (task_id, model, annotations) VALUES (?, ?, ?)",
                arguments: [task.id, json, model.annotations])
        }
        return model
    }
}

extension LabelingTask {
    /// An item's Dawid–Skene confidence under `model`: the posterior probability of its most probable label
    /// given its counted answers as (annotator id, answer). Nil without answers.
    func dawidSkeneConfidence(of answers: [(userID: Int64, answer: Answer)], model: DawidSkeneModel) -> Double? {
        model.consensus(of: answers.map { (String($0.userID), $0.answer.labelValue(in: self).key) })?.probability
    }
}
