import Agreement
import GRDB

/// What the quality page of a span task shows beyond the library's report: each annotator's
/// spans on the contested items of the page.
public struct SpanQuality: Sendable {
    /// The contested items of the requested page by id: their text and every annotator's spans.
    public var contested: [String: ItemSpanAnswers]
}

/// One item's text and the spans each annotator marked on it, annotators by name.
public struct ItemSpanAnswers: Sendable, Equatable {
    public struct Given: Sendable, Equatable {
        public var annotator: String
        public var spans: [Span]
    }

    public var text: String
    public var answers: [Given]
}

extension Answer {
    /// The spans of a span answer, by the statistics library's reading (`[]` reads back as an empty
    /// list of labels and is an empty span list too); empty for any other answer.
    public var spanList: [Span] { Span.list(labelValue) ?? [] }
}

extension SpanQuality {
    /// The text and answers of `items`, in one read.
    static func answers(of items: [String], in task: LabelingTask, _ db: Database) throws -> [String: ItemSpanAnswers] {
        guard !items.isEmpty else { return [:] }
        let marks = databaseQuestionMarks(count: items.count)
        var answers: [String: ItemSpanAnswers] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT item.external_id, item.text, user.name, a.label
                FROM item LEFT JOIN counted_annotation a ON a.item_id = item.id LEFT JOIN user ON user.id = a.user_id
                WHERE item.task_id = ? AND item.external_id IN (\(marks))
                ORDER BY item.id, user.name
                """, arguments: StatementArguments([task.id] + items.map { $0 as any DatabaseValueConvertible }))
        while let row = try rows.next() {
            let item: String = row[0]
            var entry = answers[item] ?? ItemSpanAnswers(text: row[1] ?? "", answers: [])
            if let annotator: String = row[2], let label: String = row[3] {
                entry.answers.append(ItemSpanAnswers.Given(annotator: annotator, spans: Answer(storedJSON: label).spanList))
            }
            answers[item] = entry
        }
        return answers
    }
}
