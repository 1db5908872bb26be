import Foundation
import LabelbenchCore

/// The task's Export form as the browser sends it. Checked by the API's export body rules
/// (`ExportBody`), so the form and `POST /api/v1/tasks/TASK/exports` refuse the same input alike.
struct ExportForm: Decodable {
    var csrf: String?
    var name: String?
    /// Comma- or space-separated.
    var aliases: String?
    var method: String?
    var format: String?
    var includeUnlabeled: String?
    var pseudonymize: String?
    var force: String?
    var reason: String?

    enum CodingKeys: String, CodingKey {
        case csrf, name, aliases, method, format, pseudonymize, force, reason
        case includeUnlabeled = "include_unlabeled"
    }

    init() {}

    /// The options the export runs with; a refused field is a `DomainError.invalid` naming it.
    func options() throws -> ExportOptions {
        var options = ExportOptions()
        if let name = name?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
            options.name = try ExportBody.checked(name: name)
        }
        let aliasList = (aliases ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        if !aliasList.isEmpty { options.aliases = try ExportBody.checked(aliases: aliasList) }
        options.method = try method.map(ExportBody.checked(method:))
        options.format = try ExportBody.checked(format: format ?? "jsonl")
        options.includeUnlabeled = includeUnlabeled != nil
        options.pseudonymize = pseudonymize != nil
        options.force = force != nil
        // A blank field is no reason at all: the form always sends it.
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        options.reason = try ExportBody.checked(reason: reason?.isEmpty == false ? reason : nil, force: options.force)
        return options
    }
}

extension ExportForm {
    /// The formats the form offers for the task: spaCy and CoNLL only where there are spans to write, COCO
    /// and YOLO only where there are boxes.
    static func formatChoices(for task: LabelingTask, selected: String?) -> [SelectOption] {
        var choices = [("jsonl", "labels.jsonl"), ("csv", "labels.jsonl and labels.csv")]
        if task.answer == .spans {
            choices += [
                ("spacy", "labels.jsonl and spans.jsonl (spaCy, Prodigy)"),
                ("conll", "labels.jsonl and labels.conll (CoNLL, IOB2 tags)"),
            ]
        }
        if task.answer == .boxes {
            choices += [
                ("coco", "labels.jsonl and annotations.coco.json (COCO)"),
                ("yolo", "labels.jsonl, classes.txt and labels/ (YOLO)"),
            ]
        }
        return choices.map { SelectOption(value: $0.0, label: $0.1, selected: (selected ?? "jsonl") == $0.0) }
    }
}
