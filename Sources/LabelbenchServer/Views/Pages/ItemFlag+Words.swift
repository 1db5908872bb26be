import LabelbenchCore

extension ItemFlag.Reason {
    /// How the pages name the reason.
    var words: String {
        switch self {
        case .notCovered: "not covered by the instructions"
        case .ambiguous: "ambiguous"
        case .broken: "broken"
        }
    }

    /// The choice in the queue's flag form, with what it means.
    var choice: String {
        switch self {
        case .notCovered: "Not covered: the instructions and guidelines don't say"
        case .ambiguous: "Ambiguous: more than one label fits"
        case .broken: "Broken: unreadable, empty or the wrong file"
        }
    }
}

extension ItemFlag {
    /// "guideline v4 by pat, 2026-12-05 17:30 UTC": how and by whom a resolved flag was settled.
    var resolutionWords: String? {
        guard let resolution else { return nil }
        let how =
            switch resolution {
            case .guideline: "new guideline" + (guidelineVersion.map { " (v\($0))" } ?? "")
            case .ruled: "ruled on the item"
            case .dismissed: "dismissed"
            }
        return how + " by " + (resolvedBy ?? "?") + (resolvedAt.map { ", " + PageDate.string($0) } ?? "")
    }
}
