import Foundation
import Hummingbird
import LabelbenchCore
import MultipartKit

/// Task pages: the list, the authoring form (new and edit) and the item upload.
extension WebController {
    /// Every field of the task form as the browser sends it; numbers arrive as text so that a
    /// typo becomes a message beside its field rather than a decoding failure.
    struct TaskForm: Decodable {
        var csrf: String?
        var name: String?
        var title: String?
        var kind: String?
        var answer: String?
        var labels: String?
        var overlap: String?
        var lease_seconds: String?
        var gold_rate: String?
        var instructions: String?
        var guideline_title: [String]?
        var guideline_ruling: [String]?
        var guideline_remove: [String]?
        /// Example items of the new entry (set when it was started from a contested item).
        var guideline_new_examples: String?
        var annotators: [String]?
    }

    @Sendable func taskList(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireManager()
        let rows = try await database.tasks(visibleTo: user).map { summary in
            TaskListPage.Row(
                name: summary.task.name, title: summary.task.title, kind: summary.task.kind.rawValue,
                answer: summary.task.answer.rawValue, items: summary.items, annotations: summary.annotations,
                guidelineVersion: summary.task.guidelineVersion, annotators: summary.annotators.joined(separator: ", "))
        }
        return try renderer.render(
            TaskListPage(chrome: Chrome(title: "Tasks", context: context), tasks: rows, hasTasks: !rows.isEmpty), template: "tasks/list")
    }

    @Sendable func newTaskPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireManager()
        let blank = TaskDefinition(
            name: "", title: "", labels: [TaskLabel(name: "yes", key: "1"), TaskLabel(name: "no", key: "2")])
        return try await taskForm(
            context: context, task: nil, definition: blank, labelsText: Self.labelsText(blank.labels),
            errors: TaskFormErrors(), status: .ok)
    }

    @Sendable func createTask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireManager()
        let form = try await FormInput.decode(TaskForm.self, from: request, context: context)
        var (definition, errors) = Self.definition(from: form, existing: nil)
        if errors.isEmpty {
            do {
                let task = try database.createTask(definition, by: user)
                context.logger.info("task created", metadata: ["task": "\(task.name)", "user": "\(user.name)"])
                return redirect(to: "/tasks/\(task.name)/edit?saved=1")
            } catch let error as DomainError {
                guard let message = error.formMessage else { throw error }
                Self.file(message, into: &errors)
            }
        }
        definition.name = form.name ?? ""
        return try await taskForm(
            context: context, task: nil, definition: definition, labelsText: form.labels ?? "", errors: errors,
            status: .unprocessableContent, guidelineRemovals: Set(form.guideline_remove ?? []))
    }

    @Sendable func editTaskPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireManager()
        let task = try await database.task(named: context.parameters.require("task"), visibleTo: user)
        let definition = try await database.definition(of: task)
        let query = request.uri.queryParameters
        var notice = ""
        if query.get("saved") != nil { notice = "Saved." }
        if let imported = query.get("imported").flatMap({ Int($0) }) {
            let updated = query.get("updated").flatMap { Int($0) } ?? 0
            notice = "Imported \(imported) item\(imported == 1 ? "" : "s")" + (updated > 0 ? ", updated \(updated)." : ".")
        }
        return try await taskForm(
            context: context, task: task, definition: definition, labelsText: Self.labelsText(definition.labels),
            errors: TaskFormErrors(), status: .ok, notice: notice, guidelineFromItem: query.get("from_item"))
    }

    @Sendable func updateTask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireManager()
        let task = try await database.task(named: context.parameters.require("task"), visibleTo: user)
        let form = try await FormInput.decode(TaskForm.self, from: request, context: context)
        let existing = try await database.definition(of: task)
        var (definition, errors) = Self.definition(from: form, existing: existing)
        definition.name = task.name
        if errors.isEmpty {
            do {
                try database.updateTask(named: task.name, with: definition, by: user)
                context.logger.info("task updated", metadata: ["task": "\(task.name)", "user": "\(user.name)"])
                return redirect(to: "/tasks/\(task.name)/edit?saved=1")
            } catch let error as DomainError {
                guard let message = error.formMessage else { throw error }
                Self.file(message, into: &errors)
            }
        }
        return try await taskForm(
            context: context, task: task, definition: definition, labelsText: form.labels ?? "", errors: errors,
            status: .unprocessableContent, guidelineRemovals: Set(form.guideline_remove ?? []))
    }

    /// `multipart/form-data` with the files and a `csrf` field; imports all files or none.
    @Sendable func uploadItems(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireManager()
        let task = try await database.task(named: context.parameters.require("task"), visibleTo: user)
        let contentType = request.headers[.contentType] ?? ""
        guard contentType.lowercased().hasPrefix("multipart/form-data") else {
            throw DomainError.invalid("upload the files with the form on the task page")
        }
        let body = Data(buffer: try await request.body.collect(upTo: services.config.maxUploadBytes))
        let fields = try Self.multipartFields(body, contentType: contentType)
        try FormInput.checkCSRF(fields["csrf"], context: context)
        do {
            let files = try ItemUpload.multipartFiles(body, contentType: contentType)
            let report = try await ItemUpload(services: services).importFiles(
                files, into: task, update: fields["update"] == "1", context: context)
            return redirect(to: "/tasks/\(task.name)/edit?imported=\(report.imported)&updated=\(report.updated)")
        } catch let error as DomainError {
            guard let message = error.formMessage else { throw error }
            let definition = try await database.definition(of: task)
            return try await taskForm(
                context: context, task: task, definition: definition, labelsText: Self.labelsText(definition.labels),
                errors: TaskFormErrors(), status: .unprocessableContent, uploadError: message)
        }
    }

    // MARK: - Building the page

    func taskForm(
        context: AppRequestContext, task: LabelingTask?, definition: TaskDefinition, labelsText: String, errors: TaskFormErrors,
        status: HTTPResponse.Status, notice: String = "", uploadError: String = "", guidelineRemovals: Set<String> = [],
        guidelineFromItem: String? = nil
    ) async throws -> Response {
        let accounts = try database.users().filter { $0.role == .annotator }.map(\.name)
        let assigned = Set(definition.annotators)
        // Assigned names that are not annotator accounts still show, so saving does not drop them silently.
        let names = accounts + definition.annotators.filter { !accounts.contains($0) }
        var entries = definition.guidelines.enumerated().map { index, guideline in
            TaskFormPage.GuidelineEntry(
                index: index, number: index + 1, title: guideline.title, ruling: guideline.ruling,
                rulingHTML: SafeMarkdown.html(guideline.ruling), isNew: false,
                removeChecked: guidelineRemovals.contains(String(index)), examples: nil)
        }
        // A contested item on the quality page starts a new ruling with that item as its example.
        let fromItem = guidelineFromItem.flatMap { $0.isEmpty || $0.count > 256 ? nil : $0 }
        entries.append(TaskFormPage.GuidelineEntry(
            index: entries.count, number: entries.count + 1, title: fromItem.map { "Item \($0)" } ?? "", ruling: "",
            rulingHTML: "", isNew: true, removeChecked: false, examples: fromItem))
        var versions: [TaskFormPage.VersionRow] = []
        if let task {
            versions = try await database.guidelineVersions(of: task).map { version in
                TaskFormPage.VersionRow(
                    version: version.version, date: PageDate.string(version.createdAt), guidelines: version.guidelines.count,
                    current: version.version == task.guidelineVersion)
            }
        }
        let page = TaskFormPage(
            chrome: Chrome(title: task.map { "Edit \($0.name)" } ?? "New task", context: context),
            isNew: task == nil,
            action: task.map { "/tasks/\($0.name)/edit" } ?? "/tasks/new",
            name: definition.name, title: definition.title,
            kinds: ItemKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.rawValue, selected: $0 == definition.kind) },
            answers: AnswerType.allCases.map {
                SelectOption(value: $0.rawValue, label: Self.answerLabel($0), selected: $0 == definition.answer)
            },
            labelsText: labelsText,
            overlap: String(definition.overlap), leaseSeconds: String(definition.leaseSeconds),
            goldRate: Self.format(definition.goldRate),
            instructions: definition.instructions,
            instructionsHTML: SafeMarkdown.html(definition.instructions),
            hasPreview: task != nil && !definition.instructions.isEmpty,
            guidelines: entries,
            annotators: names.map { CheckOption(value: $0, checked: assigned.contains($0)) },
            hasAnnotatorAccounts: !names.isEmpty,
            errors: errors.byField, hasErrors: !errors.isEmpty, notice: notice.nonEmpty,
            versions: versions,
            uploadAction: task.map { "/tasks/\($0.name)/items" } ?? "",
            uploadError: uploadError.nonEmpty)
        return try renderer.render(page, template: "tasks/form", status: status)
    }

    static func answerLabel(_ answer: AnswerType) -> String {
        switch answer {
        case .single: "single choice"
        case .multiple: "multiple choice"
        case .rating: "rating (ordered scale)"
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    // MARK: - Reading the form

    /// The labels textarea: one label a line, `name | key | description`.
    static func labelsText(_ labels: [TaskLabel]) -> String {
        labels.map { label in
            var line = label.name
            if label.key != nil || label.description != nil { line += " | " + (label.key ?? "") }
            if let description = label.description, !description.isEmpty {
                line += " | " + description.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            }
            return line
        }.joined(separator: "\n")
    }

    /// Parses the labels textarea; each label remembers its line so problems can name it.
    static func parseLabels(_ text: String) -> (labels: [TaskLabel], lines: [Int], errors: [String]) {
        var labels: [TaskLabel] = []
        var lines: [Int] = []
        var errors: [String] = []
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            let parts = line.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let name = parts[0]
            if name.isEmpty {
                errors.append("line \(offset + 1): the label name (before the first |) is empty")
                continue
            }
            let key = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
            let description = parts.count > 2 && !parts[2].isEmpty ? parts[2] : nil
            labels.append(TaskLabel(name: name, key: key, description: description))
            lines.append(offset + 1)
        }
        return (labels, lines, errors)
    }

    /// Builds a definition from the form and collects every problem under its field.
    static func definition(from form: TaskForm, existing: TaskDefinition?) -> (TaskDefinition, TaskFormErrors) {
        var errors = TaskFormErrors()
        var kind = ItemKind.text
        if let value = ItemKind(rawValue: form.kind ?? "") { kind = value } else {
            errors.add(field: "kind", message: "choose text or image")
        }
        var answer = AnswerType.single
        if let value = AnswerType(rawValue: form.answer ?? "") { answer = value } else {
            errors.add(field: "answer", message: "choose single, multiple or rating")
        }
        let parsed = parseLabels(form.labels ?? "")
        for message in parsed.errors { errors.add(field: "labels", message: message + ".") }
        func integer(_ text: String?, field: String) -> Int {
            if let value = Int((text ?? "").trimmingCharacters(in: .whitespaces)) { return value }
            errors.add(field: field, message: "give a whole number.")
            return 1
        }
        let overlap = integer(form.overlap, field: "overlap")
        let lease = integer(form.lease_seconds, field: "lease_seconds")
        var goldRate = 0.0
        let goldText = (form.gold_rate ?? "").trimmingCharacters(in: .whitespaces)
        if !goldText.isEmpty {
            if let value = Double(goldText), value.isFinite { goldRate = value } else {
                errors.add(field: "gold_rate", message: "give a number between 0 and 1.")
            }
        }
        let removed = Set(form.guideline_remove ?? [])
        let titles = form.guideline_title ?? []
        let rulings = form.guideline_ruling ?? []
        var guidelines: [Guideline] = []
        for index in 0..<max(titles.count, rulings.count) {
            let title = (index < titles.count ? titles[index] : "").trimmingCharacters(in: .whitespacesAndNewlines)
            let ruling = (index < rulings.count ? rulings[index] : "").replacingOccurrences(of: "\r\n", with: "\n")
            if removed.contains(String(index)) { continue }
            if title.isEmpty && ruling.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
            // Example items are not edited here; an existing entry keeps the ones it had, a new one
            // takes the contested item it was started from.
            let isNewEntry = index >= (existing?.guidelines.count ?? 0)
            let examples = isNewEntry
                ? (form.guideline_new_examples ?? "").split(separator: ",").map { String($0) }.filter { !$0.isEmpty }
                : existing.flatMap { index < $0.guidelines.count ? $0.guidelines[index].examples : nil } ?? []
            guidelines.append(Guideline(title: title, ruling: ruling, examples: examples))
        }
        let definition = TaskDefinition(
            name: (form.name ?? "").trimmingCharacters(in: .whitespaces), title: (form.title ?? "").trimmingCharacters(in: .whitespaces),
            kind: kind, answer: answer, labels: parsed.labels, overlap: overlap, leaseSeconds: lease, goldRate: goldRate,
            instructions: (form.instructions ?? "").replacingOccurrences(of: "\r\n", with: "\n"), guidelines: guidelines,
            annotators: form.annotators ?? [])
        var checked = definition
        if let existing { checked.name = existing.name }
        for problem in checked.problems() {
            // Name the textarea line of a label problem rather than its index.
            if problem.field.hasPrefix("labels["),
               let index = Int(problem.field.dropFirst(7).prefix(while: \.isNumber)), index < parsed.lines.count {
                errors.add(field: "labels", message: "line \(parsed.lines[index]): \(problem.message).")
            } else if problem.field.hasPrefix("guidelines["), let index = Int(problem.field.dropFirst(11).prefix(while: \.isNumber)) {
                errors.add(field: "guidelines", message: "guideline \(index + 1): \(problem.message).")
            } else {
                errors.add(field: problem.field, message: problem.message + ".")
            }
        }
        return (definition, errors)
    }

    /// Files a Core "field: message" error under its field.
    static func file(_ message: String, into errors: inout TaskFormErrors) {
        if let colon = message.firstIndex(of: ":") {
            let field = String(message[..<colon])
            if field.range(of: #"^[a-z_]+(\[\d+\](\.[a-z_]+)?)?$"#, options: .regularExpression) != nil {
                errors.add(field: field, message: message[message.index(after: colon)...].trimmingCharacters(in: .whitespaces))
                return
            }
        }
        errors.add(field: "", message: message)
    }

    /// The ordinary (non-file) fields of a multipart form, such as `csrf`.
    static func multipartFields(_ body: Data, contentType: String) throws -> [String: String] {
        guard let boundary = contentType.components(separatedBy: "boundary=").last?
            .trimmingCharacters(in: CharacterSet(charactersIn: "\" ")), !boundary.isEmpty, boundary != contentType
        else { throw DomainError.invalid("the multipart upload has no boundary") }
        var fields: [String: String] = [:]
        let parser = MultipartParser(boundary: boundary)
        var disposition: String?
        var current = Data()
        parser.onHeader = { name, value in
            if name.lowercased() == "content-disposition" { disposition = value }
        }
        parser.onBody = { chunk in
            // Field values are short; file contents are skipped without copying.
            if let disposition, ItemUpload.parameter("filename", in: disposition) == nil, current.count < 4096 {
                current.append(contentsOf: chunk.readableBytesView)
            }
        }
        parser.onPartComplete = {
            if let disposition, ItemUpload.parameter("filename", in: disposition) == nil,
               let name = ItemUpload.parameter("name", in: disposition), fields[name] == nil {
                fields[name] = String(decoding: current, as: UTF8.self)
            }
            disposition = nil
            current = Data()
        }
        do {
            try parser.execute(ByteBuffer(bytes: body))
        } catch {
            throw DomainError.invalid("the multipart upload is malformed")
        }
        return fields
    }
}
