import CSV
import Foundation

/// Reads a Mechanical Turk batch results CSV (one row per assignment) row by row.
///
/// - Item: `Input.id` when present, else `HITId`; the text is `Input.text`; other `Input.*`
///   columns become the item's `meta`. A HIT's several assignments are several rows of one item.
/// - Annotator `WorkerId`, `WorkTimeInSeconds` → seconds.
/// - Answer: the `Answer.*` columns whose value is one of the task's labels (a classifier's
///   `Answer.sentiment.label`), a JSON list of them (a multi-select), or `true`/`on` in a column
///   named after a label (one radio button or check box per choice, `Answer.sentiment.positive`).
/// - Rejected assignments (`AssignmentStatus` Rejected, or a filled `Reject` column) are skipped.
struct MTurkReader: InterchangeReader {
    private let reader: CSVReader
    private let header: [String]
    private let fileName: String
    private let task: LabelingTask
    private let labels: Set<String>
    /// The file line the next row starts on (a quoted field may hold line breaks).
    private var line: Int
    private(set) var skipped = InterchangeSkips()

    init(_ data: Data, fileName: String, task: LabelingTask) throws {
        guard task.answer == .single || task.answer == .multiple || task.answer == .rating else {
            throw DomainError.invalid(
                "\(fileName): MTurk results are read for classification tasks; \(task.name) takes \(task.answer.rawValue)")
        }
        guard task.kind == .text else {
            throw DomainError.invalid("\(fileName): MTurk results are read for text tasks (Input.text)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw DomainError.invalid("\(fileName): not UTF-8 text") }
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        try ItemFileParser.checkQuotesClose(body, fileName: fileName)
        do {
            reader = try CSVReader(string: body, hasHeaderRow: true)
        } catch {
            throw DomainError.invalid("\(fileName): not a readable CSV file")
        }
        header = reader.headerRow ?? []
        for column in ["HITId", "WorkerId", "Input.text"] where !header.contains(column) {
            throw DomainError.invalid("\(fileName) line 1: no \"\(column)\" column (is this a batch results file?)")
        }
        line = 2 + header.reduce(0) { $0 + Self.lineBreaks($1) }
        self.fileName = fileName
        self.task = task
        labels = Set(task.labelNames)
    }

    mutating func next() throws -> InterchangeRecord? {
        while let fields = reader.next() {
            let origin = "\(fileName) line \(line)"
            line += 1 + fields.reduce(0) { $0 + Self.lineBreaks($1) }
            if fields.count == 1 && fields[0].isEmpty { continue }
            guard fields.count == header.count else {
                throw DomainError.invalid("\(origin): has \(fields.count) fields, the header has \(header.count)")
            }
            let row = Dictionary(zip(header, fields), uniquingKeysWith: { first, _ in first })
            if row["AssignmentStatus"] == "Rejected" || !(row["Reject"] ?? "").isEmpty {
                skipped.rejected += 1
                continue
            }
            return try record(row, origin: origin)
        }
        if let error = reader.error { throw DomainError.invalid("\(fileName) near line \(line): \(error)") }
        return nil
    }

    private func record(_ row: [String: String], origin: String) throws -> InterchangeRecord {
        let itemID = row["Input.id"].flatMap { $0.isEmpty ? nil : $0 } ?? row["HITId"] ?? ""
        guard let worker = row["WorkerId"], !worker.isEmpty else { throw DomainError.invalid("\(origin): no WorkerId") }
        var seconds: Double?
        if let time = row["WorkTimeInSeconds"], !time.isEmpty {
            guard let value = Double(time) else {
                throw DomainError.invalid("\(origin): WorkTimeInSeconds \"\(time)\" is not a number")
            }
            seconds = value
        }
        var meta: [String: String] = [:]
        for (column, value) in row where column.hasPrefix("Input.") && column != "Input.id" && column != "Input.text" {
            meta[String(column.dropFirst("Input.".count))] = value
        }
        let label: InterchangeLabel
        do { label = try answer(row) } catch let error as DomainError {
            throw DomainError.invalid("\(origin), assignment of \(worker): \(error.description)")
        }
        return InterchangeRecord(
            origin: origin, itemID: itemID, content: .text(row["Input.text"] ?? ""),
            meta: meta.isEmpty ? nil : JSONText.value(meta),
            annotations: [InterchangeAnnotation(annotator: worker, label: label, seconds: seconds)])
    }

    /// The labels the row's `Answer.*` columns name, in header order.
    private func answer(_ row: [String: String]) throws -> InterchangeLabel {
        var chosen: [String] = []
        for column in header where column.hasPrefix("Answer.") {
            let value = row[column]?.trimmingCharacters(in: .whitespaces) ?? ""
            if labels.contains(value) {
                chosen.append(value)
            } else if value.hasPrefix("["), let list = try? JSONSerialization.jsonObject(with: Data(value.utf8)) as? [String] {
                chosen += list
            } else if ["true", "on"].contains(value.lowercased()),
                let choice = column.split(separator: ".").last.map(String.init), labels.contains(choice)
            {
                chosen.append(choice)
            }
        }
        var seen: Set<String> = []
        chosen = chosen.filter { seen.insert($0).inserted }
        if task.answer == .multiple { return .value(chosen) }
        guard chosen.count == 1 else {
            throw DomainError.invalid(
                chosen.isEmpty
                    ? "no Answer column names one of the labels (\(task.labelNames.joined(separator: ", ")))"
                    : "the Answer columns name \(chosen.count) labels (\(chosen.joined(separator: ", "))); expected one")
        }
        return .value(chosen[0])
    }

    private static func lineBreaks(_ field: String) -> Int { field.utf8.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } }
}
