import Agreement
import Foundation
import LabelbenchCore

/// How far along a progress bar is, and whether there is anything to show: a task without
/// items has no bar at all rather than a full one.
struct ProgressBar {
    let done: Int
    let total: Int
    let percent: Int
    let hasWork: Bool

    init(done: Int, total: Int) {
        self.done = done
        self.total = total
        percent = total == 0 ? 0 : min(100, done * 100 / total)
        hasWork = total > 0
    }

    init(_ progress: QueueProgress) {
        self.init(done: progress.done, total: progress.done + progress.remaining)
    }
}

/// The annotator's list of tasks with progress, searchable, sortable and paged.
struct QueueListPage {
    struct Row {
        let name: String
        let title: String
        let kind: String
        let done: Int
        let remaining: Int
        let bar: ProgressBar
    }

    let chrome: Chrome
    let tasks: [Row]
    let hasTasks: Bool
    let controls: ListControls
    /// A search is active, so an empty list means "nothing matches", not "nothing assigned".
    let searching: Bool

    static let sortLabels: [QueueListSort: String] = [.name: "Name", .title: "Title", .remaining: "Most remaining"]

    init(chrome: Chrome, page: ListPage<QueueOverviewRow>, query: ListQuery<QueueListSort>) {
        self.chrome = chrome
        tasks = page.rows.map { row in
            Row(
                name: row.task.name, title: row.task.title, kind: row.task.kind.rawValue, done: row.progress.done,
                remaining: row.progress.remaining, bar: ProgressBar(row.progress))
        }
        hasTasks = !tasks.isEmpty
        controls = ListControls(
            path: "/queue", query: query, page: page, labels: Self.sortLabels, searchLabel: "Search your tasks")
        searching = !query.search.isEmpty
    }
}

/// One item to label, or the reason there is none.
struct QueueItemPage {
    /// One label choice: a radio button (single, rating) or a checkbox (multiple).
    struct Choice {
        let id: String
        let inputType: String
        let inputName: String
        let value: String
        let key: String
        let hasKey: Bool
        let descriptionHTML: String
        let hasDescription: Bool
        let checked: Bool
    }

    /// An edge-case ruling as the annotator sees it.
    struct GuidelineView {
        let title: String
        let rulingHTML: String
    }

    let chrome: Chrome
    let taskName: String
    let taskTitle: String
    /// After a wrong answer to a gold item: what was given, what was expected and why.
    var goldFeedback: GoldFeedbackView? = nil
    let hasItem: Bool
    let itemID: String
    let leaseToken: String
    let started: String
    let expiresAt: String
    /// Nil on the idle page.
    let content: ItemContent?
    let choices: [Choice]
    let isMultiple: Bool
    let instructionsHTML: String
    let hasInstructions: Bool
    let guidelines: [GuidelineView]
    let hasGuidelines: Bool
    let guidelineVersion: Int
    let done: Int
    let remaining: Int
    let bar: ProgressBar
    let error: String?
    let idleMessage: String
    let waiting: Bool
    /// The annotator has a recent answer they may still change ("Previous").
    let canGoBack: Bool
    /// A span task's marking controls, in place of the choices.
    let spanEditor: QueueSpanEditor?
    /// A box task's image, boxes and rows, in place of the item and the choices.
    let boxes: BoxAnswerView?
    /// The flag form for the item on screen (none on the idle page).
    var flag: QueueFlagForm? = nil

    /// The page when nothing is left for the annotator now.
    init(idle: QueueIdle, task: LabelingTask, progress: QueueProgress, canGoBack: Bool, chrome: Chrome, error: String) {
        var message = "Nothing left for you in this task."
        if idle.waiting > 0 {
            let when = idle.retryAt.map { " after " + PageDate.string($0) } ?? " later"
            message = "\(idle.waiting) item\(idle.waiting == 1 ? " is" : "s are") being labeled by others; check back\(when)."
        }
        self.chrome = chrome
        taskName = task.name
        taskTitle = task.title
        hasItem = false
        itemID = ""
        leaseToken = ""
        started = ""
        expiresAt = ""
        content = nil
        choices = []
        isMultiple = false
        instructionsHTML = ""
        hasInstructions = false
        guidelines = []
        hasGuidelines = false
        guidelineVersion = task.guidelineVersion
        done = progress.done
        remaining = progress.remaining
        bar = ProgressBar(progress)
        self.error = error.nonEmpty
        idleMessage = message
        waiting = idle.waiting > 0
        self.canGoBack = canGoBack
        spanEditor = nil
        boxes = nil
    }

    /// The page for a leased item, shown with the guideline version it was leased under.
    init(
        lease: Lease, version: GuidelineVersion?, task: LabelingTask, progress: QueueProgress, canGoBack: Bool,
        chosen: Set<String>, spanDraft: SpanDraft? = nil, boxDraft: BoxDraft? = nil,
        chrome: Chrome, error: String
    ) {
        let instructions = version?.instructions ?? ""
        self.chrome = chrome
        taskName = task.name
        taskTitle = task.title
        hasItem = true
        itemID = lease.item.externalID
        leaseToken = lease.token
        started = String(Int(Date().timeIntervalSince1970))
        expiresAt = PageDate.string(lease.expiresAt)
        content = ItemContent(lease.item)
        choices = Self.choices(for: task, chosen: chosen)
        isMultiple = task.answer == .multiple
        instructionsHTML = SafeMarkdown.html(instructions)
        hasInstructions = !instructions.isEmpty
        guidelines = (version?.guidelines ?? []).map { GuidelineView(title: $0.title, rulingHTML: SafeMarkdown.html($0.ruling)) }
        hasGuidelines = !guidelines.isEmpty
        guidelineVersion = lease.guidelineVersion
        done = progress.done
        remaining = progress.remaining
        bar = ProgressBar(progress)
        self.error = error.nonEmpty
        idleMessage = ""
        waiting = false
        self.canGoBack = canGoBack
        spanEditor =
            task.answer == .spans
            ? QueueSpanEditor(task: task, text: lease.item.text ?? "", draft: spanDraft ?? .empty) : nil
        boxes =
            task.answer == .boxes
            ? BoxAnswerView(
                task: task, image: ItemContent(lease.item), action: "/queue/\(task.name)", revising: false,
                form: boxDraft?.form ?? BoxForm(), refused: boxDraft?.refused) : nil
    }

    /// The task's labels as form inputs, `chosen` ticked.
    static func choices(for task: LabelingTask, chosen: Set<String>) -> [Choice] {
        let multiple = task.answer == .multiple
        return task.labels.enumerated().map { index, label in
            Choice(
                id: "label-\(index)", inputType: multiple ? "checkbox" : "radio", inputName: multiple ? "label[]" : "label",
                value: label.name, key: label.key ?? "", hasKey: !(label.key ?? "").isEmpty,
                descriptionHTML: SafeMarkdown.html(label.description ?? ""), hasDescription: !(label.description ?? "").isEmpty,
                checked: chosen.contains(label.name))
        }
    }
}

/// "Previous": one of the annotator's recent answers with its choices, to change it.
struct QueuePreviousPage {
    let chrome: Chrome
    let taskName: String
    let taskTitle: String
    let hasAnswer: Bool
    let itemID: String
    let content: ItemContent?
    let choices: [QueueItemPage.Choice]
    let isMultiple: Bool
    let revisableUntil: String
    let hasEarlier: Bool
    let earlierURL: String
    let error: String?
    /// A span task's marking controls, showing the stored spans (or the draft shown again).
    let spanEditor: QueueSpanEditor?
    /// A box task's image with the stored boxes (or the rows shown again).
    let boxes: BoxAnswerView?
    /// The flag form for the answer's item, to flag it after answering.
    var flag: QueueFlagForm? = nil

    init(
        chrome: Chrome, task: LabelingTask, revisable: RevisableAnswer?, error: String?, spanDraft: SpanDraft? = nil,
        boxDraft: BoxDraft? = nil
    ) {
        self.chrome = chrome
        taskName = task.name
        taskTitle = task.title
        hasAnswer = revisable != nil
        itemID = revisable?.item.externalID ?? ""
        content = revisable.map { ItemContent($0.item) }
        choices = revisable.map { QueueItemPage.choices(for: task, chosen: Set($0.answer.labels)) } ?? []
        isMultiple = task.answer == .multiple
        revisableUntil = revisable.map { PageDate.string($0.revisableUntil) } ?? ""
        hasEarlier = revisable?.earlierItemID != nil
        earlierURL = revisable?.earlierItemID.map { "/queue/\(task.name)/previous?item=" + URLText.component($0) } ?? ""
        self.error = error
        spanEditor = revisable.flatMap { revisable in
            guard task.answer == .spans else { return nil }
            let text = revisable.item.text ?? ""
            let stored: [Span] = if case .spans(let spans) = revisable.answer { spans } else { [] }
            return QueueSpanEditor(task: task, text: text, draft: spanDraft ?? .stored(stored, text: text))
        }
        boxes = revisable.flatMap { revisable in
            guard task.answer == .boxes else { return nil }
            let stored: [Box] = if case .boxes(let boxes) = revisable.answer { boxes } else { [] }
            return BoxAnswerView(
                task: task, image: ItemContent(revisable.item), action: "/queue/\(task.name)/previous", revising: true,
                form: boxDraft?.form ?? BoxForm(boxes: stored), refused: boxDraft?.refused)
        }
    }
}

/// Shown when an answer clashes with stored state (409): a friendly way back to the queue.
struct QueueConflictPage {
    let chrome: Chrome
    let taskName: String
    let message: String
}
