import Foundation
import LabelbenchCore

/// The practitioner's task list: searchable, sortable, paged, with each task's progress.
struct TaskListPage {
    struct Row {
        let name: String
        let title: String
        let kind: String
        let answer: String
        let annotations: Int
        /// "1 item", "40 items" (and the same for answers): counts as a sentence says them.
        let itemsText: String
        let annotationsText: String
        let neededText: String
        let bar: ProgressBar
        let stalled: Int
        let hasStalled: Bool
        let guidelineVersion: Int
        /// "alice 40 · bob 38", or "nobody assigned".
        let annotators: String
        let isFinished: Bool
        let isArchived: Bool
    }

    let chrome: Chrome
    let tasks: [Row]
    let hasTasks: Bool
    let controls: ListControls
    let searching: Bool
    let showsArchived: Bool

    static let sortLabels: [TaskListSort: String] = [
        .name: "Name", .title: "Title", .newest: "Newest first", .items: "Most items", .progress: "Least done first",
    ]

    init(chrome: Chrome, page: ListPage<TaskProgress>, query: ListQuery<TaskListSort>, shelf: TaskShelf) {
        self.chrome = chrome
        tasks = page.rows.map { Row($0) }
        hasTasks = !tasks.isEmpty
        controls = ListControls(path: "/tasks", query: query, page: page, labels: Self.sortLabels, searchLabel: "Search tasks")
        searching = !query.search.isEmpty
        showsArchived = shelf == .archived
    }
}

extension TaskListPage.Row {
    init(_ progress: TaskProgress) {
        name = progress.task.name
        title = progress.task.title
        kind = progress.task.kind.rawValue
        answer = progress.task.answer.rawValue
        annotations = progress.annotations
        itemsText = counted(progress.items, "item")
        annotationsText = counted(progress.annotations, "answer")
        neededText = counted(progress.needed, "answer")
        bar = ProgressBar(done: progress.annotations, total: progress.needed)
        stalled = progress.stalled
        hasStalled = progress.stalled > 0
        guidelineVersion = progress.task.guidelineVersion
        annotators =
            progress.annotators.isEmpty
            ? "nobody assigned" : progress.annotators.map { "\($0.name) \($0.annotations)" }.joined(separator: " · ")
        isFinished = progress.isFinished
        isArchived = progress.archivedAt != nil
    }
}

/// One task's progress: answers per annotator and the items that cannot be finished as things stand.
struct TaskProgressPage {
    struct AnnotatorRow {
        let name: String
        let annotations: Int
        let bar: ProgressBar
    }

    struct StalledRow {
        let itemID: String
        let reviewURL: String
        let answers: Int
        let reasons: String
        let hasReasons: Bool
    }

    let chrome: Chrome
    let task: TaskListPage.Row
    let annotators: [AnnotatorRow]
    let hasAnnotators: Bool
    let stalled: [StalledRow]
    let hasStalled: Bool
    /// How the answers needed are counted: "40 items × overlap 3", or the adaptive rule and its ceiling.
    let neededBasis: String

    init(chrome: Chrome, progress: TaskProgress, stalled: [StalledItem]) {
        self.chrome = chrome
        task = TaskListPage.Row(progress)
        annotators = progress.annotators.map {
            AnnotatorRow(
                name: $0.name, annotations: $0.annotations, bar: ProgressBar(done: $0.annotations, total: progress.items))
        }
        hasAnnotators = !annotators.isEmpty
        self.stalled = stalled.map {
            StalledRow(
                itemID: $0.itemID, reviewURL: "/tasks/\(progress.task.name)/review?item=" + URLText.component($0.itemID),
                answers: $0.answers, reasons: $0.skipReasons.joined(separator: " · "), hasReasons: !$0.skipReasons.isEmpty)
        }
        hasStalled = !stalled.isEmpty
        if let adaptive = progress.task.adaptiveOverlap, let most = progress.neededAtMost {
            let percent = "\(String(format: "%.10g", adaptive.confidence * 100)) %"
            let until =
                progress.task.consensus == .dawidSkene
                ? "its top label's Dawid–Skene probability is below \(percent)" : "fewer than \(percent) agree"
            neededBasis =
                "adaptive overlap: each item goes to \(adaptive.min) annotators, then to one more at a time while \(until), "
                + "up to \(adaptive.max); these are the answers needed as far as is known now, at most \(counted(most, "answer"))"
        } else {
            neededBasis = "\(counted(progress.items, "item")) × overlap \(progress.task.overlap)"
        }
    }
}

/// "Delete this task?": what would go, and the name to type to confirm.
struct TaskDeletePage {
    let chrome: Chrome
    let task: TaskListPage.Row
    let error: String?

    init(chrome: Chrome, progress: TaskProgress, error: String?) {
        self.chrome = chrome
        task = TaskListPage.Row(progress)
        self.error = error
    }
}

/// The task's Export form: collection name, aliases, aggregation method, format and options.
struct TaskExportPage {
    let chrome: Chrome
    let taskName: String
    let taskTitle: String
    let name: String
    let aliases: String
    let methods: [SelectOption]
    let formats: [SelectOption]
    let includeUnlabeled: Bool
    let pseudonymize: Bool
    let force: Bool
    let reason: String
    /// The task's protected aliases, named beside the reason field.
    let protectedAliases: String
    let error: String?

    init(chrome: Chrome, task: LabelingTask, form: ExportForm, error: String?) {
        self.chrome = chrome
        taskName = task.name
        taskTitle = task.title
        name = form.name ?? task.name
        aliases = form.aliases ?? ""
        methods = [("majority", "Majority vote"), ("dawid-skene", "Dawid–Skene (weights annotators by accuracy)")].map {
            SelectOption(value: $0.0, label: $0.1, selected: (form.method ?? task.consensus.rawValue) == $0.0)
        }
        formats = ExportForm.formatChoices(for: task, selected: form.format)
        includeUnlabeled = form.includeUnlabeled != nil
        pseudonymize = form.pseudonymize != nil
        force = form.force != nil
        reason = form.reason ?? ""
        protectedAliases = task.protectedAliases.isEmpty ? "none" : task.protectedAliases.joined(separator: ", ")
        self.error = error
    }
}
