import LabelbenchCore

/// The queue's flag form for the item on screen (or the answer being changed): a reason and a note,
/// and, when the annotator flagged the item already, what they said (the form then amends it).
struct QueueFlagForm {
    let flagAction: String
    let flagItem: String
    /// `previous` when the form is on the "change an answer" page, so flagging returns there.
    let flagBack: String?
    let flagReasons: [SelectOption]
    let flagNote: String
    let isFlagged: Bool
    let flaggedWords: String
    let flaggedAt: String

    init(task: LabelingTask, item: String, open: ItemFlag?, back: String? = nil) {
        flagAction = "/queue/\(task.name)/flag"
        flagItem = item
        flagBack = back
        flagReasons =
            [SelectOption(value: "", label: "Choose a reason", selected: open == nil)]
            + ItemFlag.Reason.allCases.map { SelectOption(value: $0.rawValue, label: $0.choice, selected: $0 == open?.reason) }
        flagNote = open?.note ?? ""
        isFlagged = open != nil
        flaggedWords = open?.reason.words ?? ""
        flaggedAt = open.map { PageDate.string($0.createdAt) } ?? ""
    }
}
