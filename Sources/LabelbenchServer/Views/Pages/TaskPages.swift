/// The practitioner's task list.
struct TaskListPage {
    struct Row {
        let name: String
        let title: String
        let kind: String
        let answer: String
        let items: Int
        let annotations: Int
        let guidelineVersion: Int
        let annotators: String
    }

    let chrome: Chrome
    let tasks: [Row]
    let hasTasks: Bool
}

/// The task form, for a new task and for editing one; on the edit page also the guideline
/// version history and the item upload form.
struct TaskFormPage {
    /// One guideline entry of the form; the last one is empty, for adding a new guideline.
    struct GuidelineEntry {
        let index: Int
        let number: Int
        let title: String
        let ruling: String
        let rulingHTML: String
        let isNew: Bool
        let removeChecked: Bool
        /// Comma-separated example item ids carried by a new entry started from a contested item.
        let examples: String?
    }

    /// One saved guideline version.
    struct VersionRow {
        let version: Int
        let date: String
        let guidelines: Int
        let current: Bool
    }

    let chrome: Chrome
    let isNew: Bool
    let action: String
    let name: String
    let title: String
    let kinds: [SelectOption]
    let answers: [SelectOption]
    let labelsText: String
    let overlap: String
    let leaseSeconds: String
    let goldRate: String
    let instructions: String
    let instructionsHTML: String
    let hasPreview: Bool
    let guidelines: [GuidelineEntry]
    let annotators: [CheckOption]
    let hasAnnotatorAccounts: Bool
    /// Messages by field (`name`, `labels`, `general`…), only for fields that have one.
    let errors: [String: String]
    let hasErrors: Bool
    let notice: String?
    let versions: [VersionRow]
    let uploadAction: String
    let uploadError: String?
}

/// Messages shown beside the fields of the task form; empty strings show nothing.
struct TaskFormErrors {
    var name = ""
    var title = ""
    var kind = ""
    var answer = ""
    var labels = ""
    var overlap = ""
    var leaseSeconds = ""
    var goldRate = ""
    var instructions = ""
    var guidelines = ""
    var annotators = ""
    var general = ""

    /// Files a "field: message" problem under its field.
    mutating func add(field: String, message: String) {
        func append(_ text: inout String) { text += text.isEmpty ? message : " " + message }
        switch field.split(separator: "[").first.map(String.init) ?? field {
        case "name": append(&name)
        case "title": append(&title)
        case "kind": append(&kind)
        case "answer": append(&answer)
        case "labels": append(&labels)
        case "overlap": append(&overlap)
        case "lease_seconds": append(&leaseSeconds)
        case "gold_rate": append(&goldRate)
        case "instructions": append(&instructions)
        case "guidelines": append(&guidelines)
        case "annotators": append(&annotators)
        default: append(&general)
        }
    }

    /// The non-empty messages by field name, as the template reads them.
    var byField: [String: String] {
        let all = [
            "name": name, "title": title, "kind": kind, "answer": answer, "labels": labels, "overlap": overlap,
            "leaseSeconds": leaseSeconds, "goldRate": goldRate, "instructions": instructions, "guidelines": guidelines,
            "annotators": annotators, "general": general,
        ]
        return all.filter { !$0.value.isEmpty }
    }

    var isEmpty: Bool {
        [name, title, kind, answer, labels, overlap, leaseSeconds, goldRate, instructions, guidelines, annotators, general]
            .allSatisfy(\.isEmpty)
    }
}
