import LabelbenchCore

/// The flag a new guideline on the task form was started from: shown above the new entry, and sent
/// back with the form so that saving the guideline resolves the flag.
struct GuidelineFlagOrigin {
    let flagID: Int64
    let flagItem: String
    let flaggedBy: String
    let flagReason: String
    let flagNote: String?
    let flagIsOpen: Bool
    let flagResolved: String?

    init(_ flag: ItemFlag) {
        flagID = flag.id
        flagItem = flag.item
        flaggedBy = flag.flaggedBy
        flagReason = flag.reason.words
        flagNote = flag.note
        flagIsOpen = flag.isOpen
        flagResolved = flag.resolutionWords
    }
}
