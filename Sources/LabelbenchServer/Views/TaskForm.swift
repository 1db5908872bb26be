import Foundation
import LabelbenchCore

/// The task form as the browser posts it, read into a task definition with every problem filed
/// under the field (or label row, or guideline) it belongs to.
///
/// Numbers arrive as text so that a typo becomes a message beside its field rather than a decoding
/// failure. Every multi-line field has its line endings made `\n` here, once: browsers send
/// textarea newlines as CRLF.
struct TaskForm: Decodable {
    var csrf: String?
    var name: String
    var title: String
    var kind: String
    var answer: String
    /// The label rows in order; read from `label_name[]`/`label_key[]`/`label_description[]`, or from
    /// the older one-label-a-line `labels` textarea (`name | key | description`), which is still accepted.
    var labelRows: [LabelRow]
    var overlap: String
    /// `adaptive` when the adaptive overlap fields apply; anything else (or nothing) is fixed overlap.
    var overlapMode: String
    var overlapMin: String
    var overlapMax: String
    /// The consensus confidence as a percentage: people read "90 %" more easily than 0.9.
    var overlapConfidence: String
    /// `majority` or `dawid-skene`; nil when the post lacks the field, which keeps the task's method.
    var consensus: String?
    var leaseSeconds: String
    var goldRate: String
    var instructions: String
    var guidelineTitles: [String]
    var guidelineRulings: [String]
    /// Indexes (as sent) of the guidelines ticked for removal.
    var guidelineRemovals: Set<String>
    /// Example items of the new entry (set when it was started from a contested item).
    var newGuidelineExamples: String
    /// The flag the new entry was started from, resolved when the entry is saved.
    var newGuidelineFlag: Int64?
    var annotators: [String]
    /// The quality gates and protected aliases (`TaskForm+Gates.swift`).
    var gateFields: GateFields
    /// `min_trust` and `min_gold_seen` (`TaskForm+Trust.swift`).
    var trustFields: TrustFields
    /// A change to the label rows asked for instead of saving (the "add", "move up" and "remove" buttons).
    var rowEdit: RowEdit?

    /// One label row as typed.
    struct LabelRow: Equatable {
        var name = ""
        var key = ""
        var description = ""

        var isBlank: Bool { name.isEmpty && key.isEmpty && description.isEmpty }
    }

    /// What a row button asks for: `add`, `up:N` or `remove:N`.
    enum RowEdit: Equatable {
        case add
        case moveUp(Int)
        case remove(Int)

        init?(_ value: String) {
            let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
            switch (parts.first, parts.count > 1 ? Int(parts[1]) : nil) {
            case ("add", _): self = .add
            case ("up", let index?): self = .moveUp(index)
            case ("remove", let index?): self = .remove(index)
            default: return nil
            }
        }
    }

    enum CodingKeys: String, CodingKey {
        case csrf, name, title, kind, answer, labels, overlap, instructions, annotators, consensus
        case labelName = "label_name"
        case labelKey = "label_key"
        case labelDescription = "label_description"
        case leaseSeconds = "lease_seconds"
        case goldRate = "gold_rate"
        case overlapMode = "overlap_mode"
        case overlapMin = "overlap_min"
        case overlapMax = "overlap_max"
        case overlapConfidence = "overlap_confidence"
        case guidelineTitle = "guideline_title"
        case guidelineRuling = "guideline_ruling"
        case guidelineRemove = "guideline_remove"
        case guidelineNewExamples = "guideline_new_examples"
        case guidelineFromFlag = "guideline_from_flag"
        case rowAction = "row_action"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String { try c.decodeIfPresent(String.self, forKey: key) ?? "" }
        func list(_ key: CodingKeys) throws -> [String] { try c.decodeIfPresent([String].self, forKey: key) ?? [] }
        csrf = try c.decodeIfPresent(String.self, forKey: .csrf)
        gateFields = try GateFields(from: decoder)
        trustFields = try TrustFields(from: decoder)
        name = try text(.name).trimmingCharacters(in: .whitespaces)
        title = try text(.title).trimmingCharacters(in: .whitespaces)
        kind = try text(.kind)
        answer = try text(.answer)
        let names = try list(.labelName)
        if names.isEmpty {
            labelRows = Self.labelRows(fromLines: try text(.labels).withLineFeeds)
        } else {
            let keys = try list(.labelKey)
            let descriptions = try list(.labelDescription)
            labelRows = names.indices.map { index in
                LabelRow(
                    name: names[index].trimmingCharacters(in: .whitespacesAndNewlines),
                    key: index < keys.count ? keys[index].trimmingCharacters(in: .whitespaces) : "",
                    description: index < descriptions.count
                        ? descriptions[index].withLineFeeds.trimmingCharacters(in: .whitespacesAndNewlines) : "")
            }
        }
        overlap = try text(.overlap)
        overlapMode = try text(.overlapMode)
        overlapMin = try text(.overlapMin)
        overlapMax = try text(.overlapMax)
        overlapConfidence = try text(.overlapConfidence)
        consensus = try c.decodeIfPresent(String.self, forKey: .consensus)
        leaseSeconds = try text(.leaseSeconds)
        goldRate = try text(.goldRate)
        instructions = try text(.instructions).withLineFeeds
        guidelineTitles = try list(.guidelineTitle)
        guidelineRulings = try list(.guidelineRuling).map(\.withLineFeeds)
        guidelineRemovals = Set(try list(.guidelineRemove))
        newGuidelineExamples = try text(.guidelineNewExamples)
        newGuidelineFlag = Int64(try text(.guidelineFromFlag))
        annotators = try list(.annotators)
        rowEdit = try c.decodeIfPresent(String.self, forKey: .rowAction).flatMap(RowEdit.init)
    }

    /// The rows of the one-label-a-line format; blank lines are skipped.
    static func labelRows(fromLines text: String) -> [LabelRow] {
        text.split(separator: "\n").compactMap { raw in
            let parts = raw.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let row = LabelRow(name: parts[0], key: parts.count > 1 ? parts[1] : "", description: parts.count > 2 ? parts[2] : "")
            return row.isBlank ? nil : row
        }
    }

    /// The rows after the row button that was pressed, if any.
    func editedRows() -> [LabelRow] {
        var rows = labelRows
        switch rowEdit {
        case .add: rows.append(LabelRow())
        case .moveUp(let index) where index > 0 && index < rows.count: rows.swapAt(index, index - 1)
        case .remove(let index) where rows.indices.contains(index): rows.remove(at: index)
        default: break
        }
        return rows
    }

    /// Builds a definition from the form and collects every problem under its field, label row or guideline.
    func definition(existing: TaskDefinition?) -> (TaskDefinition, TaskFormErrors) {
        var errors = TaskFormErrors()
        let kind = ItemKind(rawValue: kind)
        if kind == nil { errors.add(.kind, "Choose text or image.") }
        let answer = AnswerType(rawValue: answer)
        if answer == nil { errors.add(.answer, "Choose single, multiple, rating, spans or boxes.") }
        // Label index in the definition → row on the form, as blank rows are left out.
        var rowOfLabel: [Int] = []
        var labels: [TaskLabel] = []
        for (row, label) in labelRows.enumerated() where !label.isBlank {
            if label.name.isEmpty {
                errors.addLabel(row: row, "Give this label a name.")
                continue
            }
            labels.append(TaskLabel(name: label.name, key: label.key.nonEmpty, description: label.description.nonEmpty))
            rowOfLabel.append(row)
        }
        func integer(_ text: String, field: TaskFormErrors.Field) -> Int {
            if let value = Int(text.trimmingCharacters(in: .whitespaces)) { return value }
            errors.add(field, "Give a whole number.")
            return 1
        }
        let overlap: Overlap
        if overlapMode == "adaptive" {
            let min = integer(overlapMin, field: .overlapMin)
            let max = integer(overlapMax, field: .overlapMax)
            var confidence = 0.9
            if let percent = Double(overlapConfidence.trimmingCharacters(in: .whitespaces)), percent.isFinite {
                confidence = percent / 100
            } else {
                errors.add(.overlapConfidence, "Give a percentage above 0 and at most 100.")
            }
            overlap = .adaptive(AdaptiveOverlap(min: min, max: max, confidence: confidence))
        } else {
            overlap = .fixed(integer(self.overlap, field: .overlap))
        }
        let lease = integer(leaseSeconds, field: .leaseSeconds)
        var gold = 0.0
        let goldText = goldRate.trimmingCharacters(in: .whitespaces)
        if !goldText.isEmpty {
            if let value = Double(goldText), value.isFinite {
                gold = value
            } else {
                errors.add(.goldRate, "Give a number between 0 and 1.")
            }
        }
        // Guideline index in the definition → entry on the form, as removed and blank entries are left out.
        var entryOfGuideline: [Int] = []
        var guidelines: [Guideline] = []
        for index in 0..<max(guidelineTitles.count, guidelineRulings.count) {
            let title = (index < guidelineTitles.count ? guidelineTitles[index] : "").trimmingCharacters(
                in: .whitespacesAndNewlines)
            let ruling = index < guidelineRulings.count ? guidelineRulings[index] : ""
            if guidelineRemovals.contains(String(index)) { continue }
            if title.isEmpty && ruling.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
            // Example items are not edited here; an existing entry keeps the ones it had, a new one
            // takes the contested item it was started from.
            let examples =
                index < (existing?.guidelines.count ?? 0)
                ? existing?.guidelines[index].examples ?? []
                : newGuidelineExamples.split(separator: ",").map(String.init)
            guidelines.append(Guideline(title: title, ruling: ruling, examples: examples))
            entryOfGuideline.append(index)
        }
        var definition = TaskDefinition(
            name: existing?.name ?? name, title: title, kind: kind ?? .text, answer: answer ?? .single, labels: labels,
            overlap: overlap, leaseSeconds: lease, goldRate: gold, instructions: instructions, guidelines: guidelines,
            annotators: annotators)
        definition.consensus = existing?.consensus ?? .majority
        if let consensus {
            if let method = ConsensusMethod(rawValue: consensus) {
                definition.consensus = method
            } else {
                errors.add(.consensus, "Choose majority share or Dawid–Skene.")
            }
        }
        gateFields.apply(to: &definition, existing: existing, errors: &errors)
        trustFields.apply(to: &definition, existing: existing, errors: &errors)
        for problem in definition.problems() {
            let path = FieldPath(problem.field)
            let message = Self.sentence(problem.message)
            switch (path.field, path.index) {
            case ("labels", let index?) where index < rowOfLabel.count: errors.addLabel(row: rowOfLabel[index], message)
            case ("guidelines", let index?) where index < entryOfGuideline.count:
                errors.addGuideline(entry: entryOfGuideline[index], message)
            // The confidence is typed as a percentage, so Core's message about 0 to 1 is said in percent.
            case _ where problem.field == "overlap.confidence":
                errors.add(.overlapConfidence, "Give a percentage above 0 and at most 100.")
            default:
                errors.add(
                    TaskFormErrors.Field(rawValue: problem.field) ?? TaskFormErrors.Field(rawValue: path.field) ?? .general,
                    message)
            }
        }
        return (definition, errors)
    }

    /// Core's problems are lower-case clauses ("give a title of 1 to 200 characters"); the form shows sentences.
    static func sentence(_ clause: String) -> String {
        guard let first = clause.first else { return clause }
        return first.uppercased() + clause.dropFirst() + (clause.hasSuffix(".") ? "" : ".")
    }
}

/// A field path of Core's task problems: `labels[3].name` is field `labels`, index 3.
struct FieldPath {
    let field: String
    let index: Int?

    init(_ path: String) {
        let base = path.prefix { $0 != "[" && $0 != "." }
        field = String(base)
        let rest = path.dropFirst(base.count)
        index = rest.first == "[" ? Int(rest.dropFirst().prefix(while: \.isNumber)) : nil
    }
}

/// Messages shown beside the fields, label rows and guidelines of the task form.
struct TaskFormErrors {
    /// The fields of the form that can carry a message; raw values are Core's field names.
    enum Field: String, CaseIterable {
        case name, title, kind, answer, labels, overlap, instructions, guidelines, annotators, consensus, general
        case leaseSeconds = "lease_seconds"
        case goldRate = "gold_rate"
        case minTrust = "min_trust"
        case minGoldSeen = "min_gold_seen"
        case overlapMin = "overlap.min"
        case overlapMax = "overlap.max"
        case overlapConfidence = "overlap.confidence"
        case gateAlphaCILow = "gates.alpha_ci_low"
        case gateGoldAccuracy = "gates.gold_accuracy"
        case gateMaxUntrustedShare = "gates.max_untrusted_share"
        case protectedAliases = "protected_aliases"
    }

    private(set) var byField: [Field: String] = [:]
    /// Messages by label row on the form.
    private(set) var byLabelRow: [Int: String] = [:]
    /// Messages by guideline entry on the form.
    private(set) var byGuideline: [Int: String] = [:]

    var isEmpty: Bool { byField.isEmpty && byLabelRow.isEmpty && byGuideline.isEmpty }

    mutating func add(_ field: Field, _ message: String) { Self.append(message, to: &byField[field]) }
    mutating func addLabel(row: Int, _ message: String) { Self.append(message, to: &byLabelRow[row]) }
    mutating func addGuideline(entry: Int, _ message: String) { Self.append(message, to: &byGuideline[entry]) }

    /// Files a refusal from saving the task: Core names the field before a colon ("name: a task named … exists").
    mutating func add(refusal message: String) {
        for field in Field.allCases where message.hasPrefix(field.rawValue + ": ") {
            add(field, TaskForm.sentence(String(message.dropFirst(field.rawValue.count + 2))))
            return
        }
        add(.general, TaskForm.sentence(message))
    }

    private static func append(_ message: String, to slot: inout String?) {
        slot = slot.map { $0 + " " + message } ?? message
    }

    /// The messages by field as the template reads them (`errors.leaseSeconds`, …).
    var templateValues: [String: String] {
        Dictionary(
            uniqueKeysWithValues: byField.map { field, message in
                (String(describing: field), message)
            })
    }
}

extension String {
    /// The text with CRLF and lone CR line endings made LF, as browsers send textareas with CRLF.
    var withLineFeeds: String {
        guard contains("\r") else { return self }
        // Foundation matches UTF-16 units, so it finds "\r\n" although Swift counts it as one Character.
        return replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
