/// The annotator's list of tasks with progress.
struct QueueListPage {
    struct Row {
        let name: String
        let title: String
        let kind: String
        let done: Int
        let remaining: Int
        let percent: Int
    }

    let chrome: Chrome
    let tasks: [Row]
    let hasTasks: Bool
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
    let percent: Int
    let error: String?
    let idleMessage: String
    let waiting: Bool
}

/// Shown when an answer clashes with stored state (409): a friendly way back to the queue.
struct QueueConflictPage {
    let chrome: Chrome
    let taskName: String
    let message: String
}
