import LabelbenchCore

/// The flags shown on the quality page (every open flag of the task) and on an item's review page
/// (every flag of the item, resolved ones with who settled them and how), each open one with its
/// actions: write a guideline from it, or resolve it as ruled or dismissed.
struct FlagListView {
    struct Row {
        let flagID: Int64
        let flagItem: String
        let reviewURL: String
        let guidelineURL: String
        let flagReason: String
        let flagNote: String?
        let flaggedBy: String
        let flaggedAt: String
        let isOpen: Bool
        let flagResolved: String?
    }

    let flagTask: String
    let flagRows: [Row]
    let hasFlags: Bool
    /// Where resolving returns: `quality` or `review`.
    let flagBack: String
    /// The quality page lists items; the review page is about one.
    let showsItems: Bool
    let flagHeading: String
    /// Said when the page shows only the first of many open flags.
    let flagsMore: String?

    /// The open flags of the task on its quality page; `total` counts them all.
    init(qualityOf task: LabelingTask, open flags: [ItemFlag], total: Int) {
        self.init(
            task: task, flags: flags, back: "quality", showsItems: true, open: total,
            more: total > flags.count
                ? "Showing the first \(flags.count) of \(total) open flags; GET /api/v1/tasks/\(task.name)/flags lists them all."
                : nil)
    }

    /// Every flag of one item, on its review page.
    init(reviewOf task: LabelingTask, flags: [ItemFlag]) {
        self.init(task: task, flags: flags, back: "review", showsItems: false, open: flags.filter(\.isOpen).count, more: nil)
    }

    private init(task: LabelingTask, flags: [ItemFlag], back: String, showsItems: Bool, open: Int, more: String?) {
        flagTask = task.name
        flagRows = flags.map { flag in
            Row(
                flagID: flag.id, flagItem: flag.item, reviewURL: ReviewPageController.path(task: task.name, item: flag.item),
                guidelineURL: "/tasks/\(task.name)/edit?from_flag=\(flag.id)#guidelines", flagReason: flag.reason.words,
                flagNote: flag.note, flaggedBy: flag.flaggedBy, flaggedAt: PageDate.string(flag.createdAt), isOpen: flag.isOpen,
                flagResolved: flag.resolutionWords)
        }
        hasFlags = !flags.isEmpty
        flagBack = back
        self.showsItems = showsItems
        flagHeading = open == 0 ? "Flags" : "Flags (\(open) open)"
        flagsMore = more
    }
}
