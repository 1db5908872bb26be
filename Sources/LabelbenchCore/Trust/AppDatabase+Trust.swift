import Agreement
import Foundation
import GRDB

/// Refused because the annotator is paused on the task: `next`, answering and the queue page say why
/// and whom to ask (403).
public struct AnnotatorPaused: Error, Sendable, CustomStringConvertible {
    public var task: String
    public var accuracy: GoldAccuracy
    public var minTrust: Double
    public var pausedAt: Date
    /// The account that created the task, who can resume the annotator (any practitioner can).
    public var author: String?

    public var description: String {
        let ask = author.map { "ask \($0) (who set up this task) or another practitioner" } ?? "ask a practitioner of the task"
        return "paused: on \(task) you answered \(accuracy.correct) of \(accuracy.seen) test questions right "
            + "(\(Self.percent(accuracy.accuracy ?? 0))), below the \(Self.percent(minTrust)) this task needs; "
            + "your answers are kept but not counted until you are resumed: \(ask) to review them and resume you"
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}

/// A pause or a resume of one annotator on a task, as the quality page lists them.
public struct TrustEvent: Sendable, Hashable {
    public enum Kind: String, Sendable { case pause, resume }
    public var kind: Kind
    public var annotator: String
    public var at: Date
    /// Who resumed; nil for a pause, which the gold check makes on its own.
    public var by: String?
    /// Gold answers counted at the moment: what paused the annotator, or what a resume set aside.
    public var accuracy: GoldAccuracy
    /// A resume that counted the annotator's earlier, untrusted work again.
    public var countEarlier: Bool
}

/// One annotator's standing on a task: gold accuracy since their last resume and whether they are paused.
public struct AnnotatorTrust: Sendable, Hashable {
    public var annotator: String
    public var accuracy: GoldAccuracy
    public var pausedAt: Date?
    public var untrustedAnnotations: Int
}

/// What the annotator is told after answering a gold item: whether it matched and, when not, the
/// expected answer and why.
public struct GoldFeedback: Sendable, Hashable {
    public var correct: Bool
    public var given: Answer
    public var expected: Answer
    /// The item's `gold_reason` (Markdown), when the import gave one.
    public var reason: String?
}

extension AppDatabase {
    /// How many of a task's annotations are untrusted: made by an annotator while their gold accuracy
    /// paused them, and not counted again by a resume. They are kept but left out of every statistic.
    public func untrustedAnnotationCount(of task: LabelingTask) async throws -> Int {
        try await writer.read { db in try Self.untrustedAnnotationCount(of: task, db) }
    }

    /// `untrustedAnnotationCount(of:)` inside a read the caller already holds (an export's snapshot).
    public static func untrustedAnnotationCount(of task: LabelingTask, _ db: Database) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT count(*) FROM annotation WHERE task_id = ? AND trusted = 0"),
            arguments: [task.id]) ?? 0
    }

    /// Throws `AnnotatorPaused` when `user` is paused on `task`: one primary-key lookup, at the entry
    /// of leasing and answering.
    static func requireNotPaused(_ user: User, in task: LabelingTask, _ db: Database) throws {
        guard
            let pausedAt = try Double.fetchOne(
                db.cachedStatement(
                    sql: "SELECT paused_at FROM annotator_trust WHERE task_id = ? AND user_id = ? AND paused_at IS NOT NULL"),
                arguments: [task.id, user.id])
        else { return }
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT e.gold_correct, e.gold_seen, task.min_trust, author.name FROM task
                    LEFT JOIN trust_event e ON e.task_id = task.id AND e.user_id = :user AND e.kind = 'pause'
                    LEFT JOIN user author ON author.id = task.created_by
                    WHERE task.id = :task ORDER BY e.id DESC LIMIT 1
                    """), arguments: ["task": task.id, "user": user.id])
        throw AnnotatorPaused(
            task: task.name, accuracy: GoldAccuracy(correct: row?[0] ?? 0, seen: row?[1] ?? 0), minTrust: row?[2] ?? 0,
            pausedAt: Date(timeIntervalSince1970: pausedAt), author: row?[3])
    }

    /// The feedback on `answer` to an item whose gold is `goldJSON`, judged by the answer type's gold rule.
    static func feedback(on answer: Answer, goldJSON: String, reason: String?, in task: LabelingTask) -> GoldFeedback {
        let expected = Answer(storedJSON: goldJSON)
        let correct = task.answer.matchesGold(answer.labelValue(in: task), gold: expected.labelValue(in: task))
        return GoldFeedback(correct: correct, given: answer, expected: expected, reason: reason)
    }

    /// `user`'s gold answers on `task` since their last resume, judged by the answer type's gold rule.
    static func goldAccuracy(of userID: Int64, in task: LabelingTask, _ db: Database) throws -> GoldAccuracy {
        let since =
            try Double.fetchOne(
                db.cachedStatement(sql: "SELECT gold_since FROM annotator_trust WHERE task_id = ? AND user_id = ?"),
                arguments: [task.id, userID]) ?? -Double.greatestFiniteMagnitude
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT a.label, item.gold FROM annotation a JOIN item ON item.id = a.item_id
                    WHERE a.user_id = ? AND a.task_id = ? AND item.gold IS NOT NULL AND a.created_at >= ?
                    """), arguments: [userID, task.id, since])
        var accuracy = GoldAccuracy(correct: 0, seen: 0)
        while let row = try rows.next() {
            accuracy.seen += 1
            if feedback(on: Answer(storedJSON: row[0]), goldJSON: row[1], reason: nil, in: task).correct { accuracy.correct += 1 }
        }
        return accuracy
    }

    /// After a gold answer: pauses `user` when the task sets `min_trust` and their accuracy over at least
    /// `min_gold_seen` gold answers since their last resume is below it. Their annotations on the task
    /// become untrusted (kept, not counted). Returns the pause, for the security log.
    static func checkTrust(of user: User, in task: LabelingTask, now: Date, _ db: Database) throws -> TrustEvent? {
        guard
            let settings = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT min_trust, min_gold_seen FROM task WHERE id = ?"), arguments: [task.id])
        else { return nil }
        let minTrust: Double = settings[0]
        let minGoldSeen: Int = settings[1]
        guard minTrust > 0 else { return nil }
        let accuracy = try goldAccuracy(of: user.userID, in: task, db)
        guard accuracy.seen >= minGoldSeen, let share = accuracy.accuracy, share < minTrust else { return nil }
        try db.cachedStatement(
            sql: """
                INSERT INTO annotator_trust (task_id, user_id, paused_at, gold_since) VALUES (?, ?, ?, ?)
                ON CONFLICT (task_id, user_id) DO UPDATE SET paused_at = excluded.paused_at
                """
        ).execute(arguments: [task.id, user.id, now.unix, -Double.greatestFiniteMagnitude])
        try db.cachedStatement(sql: "UPDATE annotation SET trusted = 0 WHERE task_id = ? AND user_id = ?")
            .execute(arguments: [task.id, user.id])
        try settleOverlap(ofItemsAnnotatedBy: user.userID, in: task, db)
        let event = TrustEvent(kind: .pause, annotator: user.name, at: now, by: nil, accuracy: accuracy, countEarlier: false)
        try record(event, task: task, userID: user.userID, byID: nil, db)
        return event
    }

    private static func record(_ event: TrustEvent, task: LabelingTask, userID: Int64, byID: Int64?, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO trust_event (task_id, user_id, kind, gold_correct, gold_seen, count_earlier, by_user_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                task.id, userID, event.kind.rawValue, event.accuracy.correct, event.accuracy.seen, event.countEarlier, byID,
                event.at.unix,
            ])
    }

    /// Resumes an annotator paused on `task`: their gold count starts afresh from now, and with
    /// `countEarlier` their earlier, untrusted annotations count again. A name that is not an annotator
    /// of the task is 404; an annotator who is not paused is 409.
    public func resume(
        _ annotator: String, in task: LabelingTask, by practitioner: User, countEarlier: Bool, now: Date = Date()
    ) async throws -> TrustEvent {
        try await writer.write { db in
            guard
                let userID = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT user.id FROM user JOIN task_annotator ta ON ta.user_id = user.id
                        WHERE ta.task_id = ? AND user.name = ?
                        """, arguments: [task.id, annotator])
            else { throw DomainError.notFound("\(annotator) is not an annotator of \(task.name)") }
            let paused =
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM annotator_trust WHERE task_id = ? AND user_id = ? AND paused_at IS NOT NULL",
                    arguments: [task.id, userID]) ?? false
            guard paused else { throw DomainError.conflict("\(annotator) is not paused on \(task.name)") }
            let event = TrustEvent(
                kind: .resume, annotator: annotator, at: now, by: practitioner.name,
                accuracy: try Self.goldAccuracy(of: userID, in: task, db), countEarlier: countEarlier)
            try db.execute(
                sql: "UPDATE annotator_trust SET paused_at = NULL, gold_since = ? WHERE task_id = ? AND user_id = ?",
                arguments: [now.unix, task.id, userID])
            if countEarlier {
                try db.execute(
                    sql: "UPDATE annotation SET trusted = 1 WHERE task_id = ? AND user_id = ? AND trusted = 0",
                    arguments: [task.id, userID])
                try Self.settleOverlap(ofItemsAnnotatedBy: userID, in: task, db)
            }
            try Self.record(event, task: task, userID: userID, byID: practitioner.id, db)
            return event
        }
    }

    /// Every pause and resume on `task`, newest first.
    public func trustEvents(of task: LabelingTask) async throws -> [TrustEvent] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.kind, u.name, e.created_at, b.name AS by_name, e.gold_correct, e.gold_seen, e.count_earlier
                    FROM trust_event e JOIN user u ON u.id = e.user_id LEFT JOIN user b ON b.id = e.by_user_id
                    WHERE e.task_id = ? ORDER BY e.id DESC
                    """, arguments: [task.id]
            ).map { row in
                TrustEvent(
                    kind: TrustEvent.Kind(rawValue: row[0]) ?? .pause, annotator: row[1],
                    at: Date(timeIntervalSince1970: row[2]), by: row[3],
                    accuracy: GoldAccuracy(correct: row[4], seen: row[5]), countEarlier: row[6])
            }
        }
    }

    /// Every annotator of `task` with their gold accuracy since their last resume, paused or not.
    public func annotatorTrust(in task: LabelingTask) async throws -> [AnnotatorTrust] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT user.id, user.name, t.paused_at,
                      (SELECT count(*) FROM annotation a WHERE a.task_id = ta.task_id AND a.user_id = user.id AND a.trusted = 0)
                    FROM task_annotator ta JOIN user ON user.id = ta.user_id
                    LEFT JOIN annotator_trust t ON t.task_id = ta.task_id AND t.user_id = ta.user_id
                    WHERE ta.task_id = ? ORDER BY user.name
                    """, arguments: [task.id]
            ).map { row in
                AnnotatorTrust(
                    annotator: row[1], accuracy: try Self.goldAccuracy(of: row[0], in: task, db),
                    pausedAt: (row[2] as Double?).map(Date.init(timeIntervalSince1970:)), untrustedAnnotations: row[3])
            }
        }
    }
}

extension AppDatabase {
    /// `view` with the feedback on its answer when `item` (its row, with `gold` and `gold_reason`) is gold.
    static func withFeedback(_ view: AnnotationView, item: Row, in task: LabelingTask) -> AnnotationView {
        guard let gold: String = item["gold"] else { return view }
        var view = view
        view.feedback = feedback(on: view.answer, goldJSON: gold, reason: item["gold_reason"], in: task)
        return view
    }
}

extension AppDatabase {
    /// The feedback on `user`'s answer to the gold item `externalID` when that answer was wrong; nil when
    /// the item is not gold, the answer was right, or `user` has not answered it (so nothing leaks before).
    public func missedGold(_ externalID: String, in task: LabelingTask, by user: User) async throws -> GoldFeedback? {
        try await writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT a.label, item.gold, item.gold_reason FROM item JOIN annotation a ON a.item_id = item.id
                        WHERE item.task_id = ? AND item.external_id = ? AND a.user_id = ? AND item.gold IS NOT NULL
                        """, arguments: [task.id, externalID, user.id])
            else { return nil }
            let feedback = Self.feedback(on: Answer(storedJSON: row[0]), goldJSON: row[1], reason: row[2], in: task)
            return feedback.correct ? nil : feedback
        }
    }
}
