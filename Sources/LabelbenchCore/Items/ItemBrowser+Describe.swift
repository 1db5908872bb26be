import Agreement
import GRDB

extension ItemBrowser {
    /// What is stored about a batch of items besides their rows, read with one `IN (…)` query per table.
    private struct BatchFacts {
        /// Every annotation by item row: who, the answer, and whether it counts.
        var annotations: [Int64: [(user: Int64, answer: Answer, counted: Bool)]] = [:]
        var rulings: [Int64: Answer] = [:]
        var openFlags: [Int64: Int] = [:]
        var leased: Set<Int64> = []
        /// The rows these facts were read for.
        var rows: Set<Int64> = []
    }

    /// Each candidate with its browser row, or nil when a filter that needs its annotations leaves it out.
    mutating func describe(_ batch: [Candidate]) throws -> [(Candidate, BrowsedItem?)] {
        // Meta conditions read the row alone: the items they leave out need nothing else read.
        let wanted = batch.filter { candidate in query.meta.allSatisfy { holds($0, candidate) } }
        guard !wanted.isEmpty else { return batch.map { ($0, nil) } }
        let facts = try read(wanted)
        var described: [(Candidate, BrowsedItem?)] = []
        var kept: [(Candidate, BrowsedItem)] = []
        for candidate in batch {
            guard facts.rows.contains(candidate.row), let item = try item(candidate, facts) else {
                described.append((candidate, nil))
                continue
            }
            described.append((candidate, item))
            kept.append((candidate, item))
        }
        // Agreement last, and only for the items still in: the one costly figure.
        let agreements = self.agreements(of: kept.map(\.0), facts)
        return described.map { candidate, item in
            guard var item else { return (candidate, nil) }
            item.agreement = agreements[candidate.externalID]
            if let below = query.agreementBelow, (item.agreement ?? 1) >= below || item.agreement == nil {
                return (candidate, nil)
            }
            return (candidate, item)
        }
    }

    private func holds(_ condition: MetaCondition, _ candidate: Candidate) -> Bool {
        condition.holds(for: ItemMeta(storedJSON: candidate.meta))
    }

    /// The row of one item without its agreement, or nil when its state or label leaves it out.
    private mutating func item(_ candidate: Candidate, _ facts: BatchFacts) throws -> BrowsedItem? {
        let annotations = facts.annotations[candidate.row] ?? []
        let counted = annotations.filter(\.counted)
        let gold = candidate.gold.map(Answer.init(storedJSON:))
        let state = ItemState(
            ItemState.Facts(
                ruled: facts.rulings[candidate.row] != nil, openFlags: facts.openFlags[candidate.row] ?? 0,
                gold: gold != nil, annotations: annotations.count, counted: counted.count,
                countedAnswers: Set(counted.map(\.answer)).count, overlap: candidate.needed ?? task.overlap,
                liveLease: facts.leased.contains(candidate.row)))
        if let wanted = query.state, state != wanted { return nil }
        var labels: [String: Int] = [:]
        for given in counted {
            for label in Set(given.answer.labelsGiven) { labels[label, default: 0] += 1 }
        }
        if let wanted = query.label, labels[wanted] == nil,
            !(facts.rulings[candidate.row]?.labelsGiven.contains(wanted) ?? false),
            !(gold?.labelsGiven.contains(wanted) ?? false)
        {
            return nil
        }
        var names: [String] = []
        for given in annotations { names.append(try name(of: given.user)) }
        return BrowsedItem(
            id: candidate.externalID, state: state, labels: labels, agreement: nil, annotators: names.sorted(),
            flags: facts.openFlags[candidate.row] ?? 0)
    }

    /// The per-item agreement of the agreement report, computed for just these items.
    private func agreements(of candidates: [Candidate], _ facts: BatchFacts) -> [String: Double] {
        var columns = AnnotationColumns()
        for candidate in candidates {
            for given in facts.annotations[candidate.row] ?? [] where given.counted {
                columns.append(
                    item: candidate.externalID, annotator: String(given.user), label: given.answer.labelValue(in: task))
            }
        }
        guard columns.count > 0 else { return [:] }
        var agreements: [String: Double] = [:]
        for row in AgreementReport.itemAgreements(columns, options: task.agreementOptions()) {
            agreements[row.item] = row.agreement
        }
        return agreements
    }

    private mutating func name(of user: Int64) throws -> String {
        if let known = userNames[user] { return known }
        let name = try String.fetchOne(db, sql: "SELECT name FROM user WHERE id = ?", arguments: [user]) ?? ""
        userNames[user] = name
        return name
    }

    private func read(_ batch: [Candidate]) throws -> BatchFacts {
        let rows = batch.map(\.row)
        let list = Array(repeating: "?", count: rows.count).joined(separator: ",")
        let ids = StatementArguments(rows)
        var facts = BatchFacts()
        facts.rows = Set(rows)
        let annotations = try Row.fetchCursor(
            db, sql: "SELECT item_id, user_id, label, trusted FROM annotation WHERE item_id IN (\(list))", arguments: ids)
        while let row = try annotations.next() {
            facts.annotations[row[0], default: []].append((row[1], Answer(storedJSON: row[2]), row[3]))
        }
        let rulings = try Row.fetchCursor(
            db, sql: "SELECT item_id, label FROM adjudication WHERE item_id IN (\(list))", arguments: ids)
        while let row = try rulings.next() { facts.rulings[row[0]] = Answer(storedJSON: row[1]) }
        let flags = try Row.fetchCursor(
            db,
            sql: "SELECT item_id, count(*) FROM flag WHERE item_id IN (\(list)) AND resolution IS NULL GROUP BY item_id",
            arguments: ids)
        while let row = try flags.next() { facts.openFlags[row[0]] = row[1] }
        facts.leased = Set(
            try Int64.fetchAll(
                db, sql: "SELECT item_id FROM lease WHERE item_id IN (\(list)) AND expires_at > ?",
                arguments: ids + [now]))
        return facts
    }
}

extension Answer {
    /// The label names this answer gives: its label, its chosen labels, or the classes of its spans or boxes.
    var labelsGiven: [String] {
        switch self {
        case .one(let label): [label]
        case .many(let labels): labels
        case .spans(let spans): spans.map(\.label)
        case .boxes(let boxes): boxes.map(\.label)
        }
    }
}
