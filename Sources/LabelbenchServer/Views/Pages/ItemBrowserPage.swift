import Foundation
import LabelbenchCore

/// `/tasks/TASK/items`: the filter form as the query string left it, one row per item, and the next page's link.
struct ItemBrowserPage {
    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Row {
        let id: String
        let reviewURL: String
        let state: String
        let labels: String
        let agreement: String
        let annotators: String
        let flags: Int
    }

    let chrome: Chrome
    let task: String
    let title: String
    let states: [Option]
    let sorts: [Option]
    let label: String
    let annotator: String
    let agreementBelow: String
    /// The meta conditions as the form's field shows them: `KEY=VALUE`, one field each, plus an empty one.
    let meta: [String]
    let search: String
    let limit: String
    let rows: [Row]
    let hasRows: Bool
    let nextURL: String?
    let firstURL: String?
    let error: String?

    init(chrome: Chrome, task: LabelingTask, query: ItemQuery, page: ItemPage?, error: String? = nil) {
        self.chrome = chrome
        self.task = task.name
        title = task.title
        states =
            [Option(value: "", label: "any state", selected: query.state == nil)]
            + ItemState.allCases.map {
                Option(
                    value: $0.rawValue, label: $0.rawValue.replacingOccurrences(of: "_", with: " "), selected: query.state == $0)
            }
        sorts = [
            Option(value: "id", label: "id", selected: query.sort == .id),
            Option(value: "agreement", label: "agreement, lowest first", selected: query.sort == .agreement),
        ]
        label = query.label ?? ""
        annotator = query.annotator ?? ""
        agreementBelow = query.agreementBelow.map { String($0) } ?? ""
        meta = query.meta.map { "\($0.key)=\($0.value)" } + [""]
        search = query.text ?? ""
        limit = query.limit == ItemQuery.defaultLimit ? "" : String(query.limit)
        rows = (page?.items ?? []).map { item in
            Row(
                id: item.id, reviewURL: ReviewPageController.path(task: task.name, item: item.id),
                state: item.state.rawValue.replacingOccurrences(of: "_", with: " "),
                labels: item.labels.sorted { $0.key < $1.key }.map { "\($0.key) × \($0.value)" }.joined(separator: ", "),
                agreement: item.agreement.map { String(format: "%.2f", $0) } ?? "–",
                annotators: item.annotators.joined(separator: ", "), flags: item.flags)
        }
        hasRows = !rows.isEmpty
        let path = "/tasks/\(URLText.component(task.name))/items"
        nextURL = page?.next.map { path + "?" + ItemBrowseQuery.string(query, cursor: $0) }
        firstURL = query.cursor == nil ? nil : path + "?" + ItemBrowseQuery.string(query, cursor: nil)
        self.error = error
    }
}
