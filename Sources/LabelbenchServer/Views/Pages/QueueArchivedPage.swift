/// `/queue/TASK` of an archived task: it serves no items until a practitioner restores it.
struct QueueArchivedPage {
    let chrome: Chrome
    let taskTitle: String
}
