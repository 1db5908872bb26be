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
    let leaseSeconds: String
    let goldRate: String
    let instructions: String
    let instructionsHTML: String
    let hasPreview: Bool
    let guidelines: [GuidelineEntry]
    let guidelineCount: Int
    /// The contested item(s) a new guideline was started from, sent along as its examples.
    let newGuidelineExamples: String?
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
