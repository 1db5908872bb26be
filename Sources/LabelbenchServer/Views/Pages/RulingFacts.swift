import Foundation
import LabelbenchCore

/// A ruling as the review pages state it: what it holds, who made it, under which guideline
/// version, when and why.
struct RulingFacts {
    /// The label ruled, or how many marks the ruling holds ("2 spans").
    let summary: String
    /// Nil when the ruling has no note (or only spaces), so the page shows no empty quotes.
    let rulingNote: String?
    let by: String
    let version: Int
    let at: String

    init(_ ruling: Adjudication, summary: String) {
        self.summary = summary
        rulingNote = ruling.note.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty }
        by = ruling.adjudicator
        version = ruling.guidelineVersion
        at = PageDate.string(ruling.createdAt)
    }
}
