import Foundation
import LabelbenchCore

/// One item under review: its content, gold answer, every label given, the ruling and the form to make one.
struct ReviewPage {
    let chrome: Chrome
    let taskName: String
    let taskTitle: String
    let itemID: String
    let content: ItemContent
    let gold: String
    let hasGold: Bool
    let labels: [GivenLabel]
    let hasLabels: Bool
    let ruled: RulingFacts?
    let choices: [QueueItemPage.Choice]
    let isMultiple: Bool
    let note: String
    let error: String?
    let guidelineVersion: Int
    /// Every flag of the item, with the actions of the open ones.
    var flags: FlagListView? = nil

    struct GivenLabel {
        let annotator: String
        let label: String
        let guidelineVersion: Int
        let seconds: String
        /// Given under an older guideline version than the one in force.
        let outdated: Bool
    }

    init(chrome: Chrome, task: LabelingTask, review: ItemReview, error: String?, note: String?) {
        self.chrome = chrome
        taskName = task.name
        taskTitle = task.title
        itemID = review.item.externalID
        content = ItemContent(review.item)
        gold = review.gold?.display ?? ""
        hasGold = review.gold != nil
        labels = review.labels.map {
            GivenLabel(
                annotator: $0.annotator, label: $0.answer.display, guidelineVersion: $0.guidelineVersion,
                seconds: QualityPage.seconds($0.seconds),
                outdated: $0.guidelineVersion < task.guidelineVersion)
        }
        hasLabels = !review.labels.isEmpty
        let ruling = review.adjudication
        ruled = ruling.map { RulingFacts($0, summary: $0.answer.display) }
        let multiple = task.answer == .multiple
        let current = Set(ruling?.answer.labels ?? [])
        choices = task.labels.enumerated().map { index, label in
            QueueItemPage.Choice(
                id: "ruling-\(index)", inputType: multiple ? "checkbox" : "radio", inputName: multiple ? "label[]" : "label",
                value: label.name, key: label.key ?? "", hasKey: false,
                descriptionHTML: SafeMarkdown.html(label.description ?? ""), hasDescription: !(label.description ?? "").isEmpty,
                checked: current.contains(label.name))
        }
        isMultiple = multiple
        self.note = note ?? ruling?.note ?? ""
        self.error = error
        guidelineVersion = task.guidelineVersion
    }
}
