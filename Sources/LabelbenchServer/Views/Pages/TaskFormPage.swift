import LabelbenchCore

/// The task form, for a new task and for editing one; on the edit page also the item upload and
/// the guideline version history, reachable from the section links at the top.
struct TaskFormPage {
    /// One label row: plain inputs, with buttons that move it up or remove it (they work without JavaScript).
    struct LabelRow {
        let index: Int
        let number: Int
        let name: String
        let key: String
        let description: String
        let canMoveUp: Bool
        /// The empty row at the end has nothing to remove.
        let canRemove: Bool
        let error: String?
    }

    /// One guideline entry of the form; the last one is empty, for adding a new guideline.
    struct GuidelineEntry {
        let index: Int
        let number: Int
        let title: String
        let ruling: String
        let isNew: Bool
        /// Shown unfolded: the new entry, or one with a problem.
        let isOpen: Bool
        let removeChecked: Bool
        let error: String?
        /// The contested item a new entry was started from, shown as its example.
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
    let labelRows: [LabelRow]
    let overlap: String
    /// Adaptive overlap is chosen; its fields show the task's setting (or the suggested 2, 5 and 90 %).
    let overlapAdaptive: Bool
    let overlapMin: String
    let overlapMax: String
    let overlapConfidence: String
    /// The consensus method, a plain select.
    let consensusMethods: [SelectOption]
    let leaseSeconds: String
    let goldRate: String
    /// The quality gate thresholds (blank: no gate) and the protected aliases, as typed or as stored.
    let gates: TaskForm.GateFields
    /// `min_trust` and `min_gold_seen`, as typed or as stored.
    let trust: TaskForm.TrustFields
    let instructions: String
    let instructionsHTML: String
    let hasPreview: Bool
    let guidelines: [GuidelineEntry]
    let guidelineCount: Int
    /// The contested item(s) a new guideline was started from, sent along as its examples.
    let newGuidelineExamples: String?
    /// The flag a new guideline was started from.
    var fromFlag: GuidelineFlagOrigin? = nil
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

extension TaskFormPage {
    /// The form showing `definition`, with what the page reads besides in `authoring`. `reshown` is a
    /// posted form shown again (after a row button, or with its problems): its label rows and guideline
    /// entries are shown as typed.
    init(
        chrome: Chrome, task: LabelingTask?, definition: TaskDefinition, authoring: TaskAuthoring, reshown: TaskForm?,
        errors: TaskFormErrors, notice: String, uploadError: String, guidelineFromItem: String?
    ) {
        let accounts = authoring.annotatorAccounts
        let assigned = Set(definition.annotators)
        // Assigned names that are not annotator accounts still show, so saving does not drop them silently.
        let names = accounts + definition.annotators.filter { !accounts.contains($0) }
        self.chrome = chrome
        isNew = task == nil
        action = task.map { "/tasks/\($0.name)/edit" } ?? "/tasks/new"
        name = definition.name
        title = definition.title
        kinds = ItemKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.rawValue, selected: $0 == definition.kind) }
        answers = AnswerType.allCases.map {
            SelectOption(value: $0.rawValue, label: Self.answerLabel($0), selected: $0 == definition.answer)
        }
        labelRows = Self.labelRows(
            reshown?.editedRows()
                ?? definition.labels.map {
                    TaskForm.LabelRow(name: $0.name, key: $0.key ?? "", description: $0.description ?? "")
                }, errors: errors)
        let adaptive: AdaptiveOverlap? = if case .adaptive(let setting) = definition.overlap { setting } else { nil }
        overlap = reshown?.overlap ?? String(definition.overlap.first)
        overlapAdaptive = reshown.map { $0.overlapMode == "adaptive" } ?? (adaptive != nil)
        overlapMin = reshown?.overlapMin ?? String(adaptive?.min ?? 2)
        overlapMax = reshown?.overlapMax ?? String(adaptive?.max ?? 5)
        overlapConfidence = reshown?.overlapConfidence ?? String(format: "%.10g", (adaptive?.confidence ?? 0.9) * 100)
        consensusMethods = ConsensusMethod.allCases.map {
            SelectOption(value: $0.rawValue, label: Self.consensusLabel($0), selected: $0 == definition.consensus)
        }
        leaseSeconds = reshown?.leaseSeconds ?? String(definition.leaseSeconds)
        goldRate = reshown?.goldRate ?? Self.format(definition.goldRate)
        gates = reshown?.gateFields ?? TaskForm.GateFields(definition)
        trust = reshown?.trustFields ?? TaskForm.TrustFields(definition)
        instructions = definition.instructions
        instructionsHTML = SafeMarkdown.html(definition.instructions)
        hasPreview = task != nil && !definition.instructions.isEmpty
        guidelines = Self.guidelineEntries(definition: definition, reshown: reshown, errors: errors, fromItem: guidelineFromItem)
        guidelineCount = definition.guidelines.count
        newGuidelineExamples = Self.exampleItems(guidelineFromItem ?? reshown?.newGuidelineExamples)
        annotators = names.map { CheckOption(value: $0, checked: assigned.contains($0)) }
        hasAnnotatorAccounts = !names.isEmpty
        self.errors = errors.templateValues
        hasErrors = !errors.isEmpty
        self.notice = notice.nonEmpty
        versions = authoring.versions.map { version in
            VersionRow(
                version: version.version, date: PageDate.string(version.createdAt), guidelines: version.guidelines.count,
                current: version.version == task?.guidelineVersion)
        }
        uploadAction = task.map { "/tasks/\($0.name)/items" } ?? ""
        self.uploadError = uploadError.nonEmpty
    }

    /// The label rows with their messages, plus one empty row to type a new label into.
    static func labelRows(_ rows: [TaskForm.LabelRow], errors: TaskFormErrors) -> [LabelRow] {
        let shown = rows.last?.isBlank == true ? rows : rows + [TaskForm.LabelRow()]
        return shown.enumerated().map { index, row in
            LabelRow(
                index: index, number: index + 1, name: row.name, key: row.key, description: row.description,
                canMoveUp: index > 0 && index < rows.count, canRemove: index < rows.count, error: errors.byLabelRow[index])
        }
    }

    /// The guidelines as saved (or as posted, when the form is shown again), then an empty entry to add one.
    static func guidelineEntries(
        definition: TaskDefinition, reshown: TaskForm?, errors: TaskFormErrors, fromItem: String?
    ) -> [GuidelineEntry] {
        let titles = reshown?.guidelineTitles ?? definition.guidelines.map(\.title)
        let rulings = reshown?.guidelineRulings ?? definition.guidelines.map(\.ruling)
        var entries: [GuidelineEntry] = []
        for index in 0..<max(titles.count, rulings.count) {
            let title = index < titles.count ? titles[index] : ""
            let ruling = index < rulings.count ? rulings[index] : ""
            // A posted entry left empty was the "add" entry; a fresh one replaces it below.
            if reshown != nil && title.isEmpty && ruling.isEmpty { continue }
            let error = errors.byGuideline[index]
            entries.append(
                GuidelineEntry(
                    index: entries.count, number: entries.count + 1, title: title, ruling: ruling, isNew: false,
                    isOpen: error != nil, removeChecked: reshown?.guidelineRemovals.contains(String(index)) ?? false,
                    error: error, examples: nil))
        }
        // A contested item on the quality page starts a new ruling with that item as its example.
        let item = reshown == nil ? exampleItems(fromItem) : nil
        entries.append(
            GuidelineEntry(
                index: entries.count, number: entries.count + 1, title: item.map { "Item \($0)" } ?? "", ruling: "",
                isNew: true, isOpen: true, removeChecked: false, error: nil, examples: item))
        return entries
    }

    /// The example items a new guideline carries: the contested item it was started from, kept when the form is shown again.
    static func exampleItems(_ text: String?) -> String? {
        text.flatMap { $0.isEmpty || $0.count > 256 ? nil : $0 }
    }

    static func answerLabel(_ answer: AnswerType) -> String {
        switch answer {
        case .single: "single choice"
        case .multiple: "multiple choice"
        case .rating: "rating (ordered scale)"
        case .spans: "spans (mark ranges of a text)"
        case .boxes: "boxes (mark objects on an image)"
        }
    }

    static func consensusLabel(_ method: ConsensusMethod) -> String {
        switch method {
        case .majority: "majority share (every answer counts alike)"
        case .dawidSkene: "Dawid–Skene (answers weighed by each annotator's estimated accuracy)"
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
