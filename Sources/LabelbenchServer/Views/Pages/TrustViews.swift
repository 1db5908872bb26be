import Agreement
import Foundation
import LabelbenchCore

/// The queue's note after a wrong answer to a gold item: the answer given, the one expected, and the
/// item's reason as sanitized Markdown.
struct GoldFeedbackView {
    let given: String
    let expected: String
    let reasonHTML: String
    let hasReason: Bool

    init(_ feedback: GoldFeedback, in task: LabelingTask) {
        given = Self.words(feedback.given)
        expected = Self.words(feedback.expected)
        reasonHTML = SafeMarkdown.html(feedback.reason ?? "")
        hasReason = !(feedback.reason ?? "").isEmpty
    }

    /// An answer in words: labels by name, spans by label and character range, boxes by label and place.
    static func words(_ answer: Answer) -> String {
        switch answer {
        case .one(let label): return label
        case .many(let labels): return labels.isEmpty ? "no label" : labels.joined(separator: ", ")
        case .spans(let spans):
            return spans.isEmpty
                ? "no spans" : spans.map { "\($0.label) at characters \($0.start)–\($0.end)" }.joined(separator: "; ")
        case .boxes(let boxes):
            return boxes.isEmpty
                ? "no boxes" : boxes.map { "\($0.label) at x \($0.x), y \($0.y), \($0.w) × \($0.h)" }.joined(separator: "; ")
        }
    }
}

/// The queue page of an annotator paused on the task (`queue/paused`).
struct QueuePausedPage {
    let chrome: Chrome
    let taskTitle: String
    let message: String
    let goldFeedback: GoldFeedbackView?
}

/// The quality page's trust section (`quality/trust`): each annotator's gold accuracy since their last
/// resume with its Wilson interval, who is paused (with a Resume button), and every pause and resume.
struct TrustSectionView {
    struct AnnotatorRow {
        let annotator: String
        let gold: String
        let accuracy: String
        let interval: String
        let paused: Bool
        let pausedSince: String
        let untrusted: Int
        let hasUntrusted: Bool
        let resumeAction: String
    }

    struct EventRow {
        let what: String
        let annotator: String
        let at: String
        let by: String
        let accuracy: String
    }

    let setting: String
    let trustRows: [AnnotatorRow]
    let hasTrustRows: Bool
    let trustEvents: [EventRow]
    let hasTrustEvents: Bool

    init(task: LabelingTask, annotators: [AnnotatorTrust], events: [TrustEvent]) {
        setting =
            task.minTrust > 0
            ? "Annotators are paused when their gold accuracy is under \(Self.percent(task.minTrust)) after "
                + "\(task.minGoldSeen) gold answers since their last resume."
            : "Pausing is off (min_trust 0): gold accuracy is shown but nobody is paused."
        trustRows = annotators.map { row in
            AnnotatorRow(
                annotator: row.annotator, gold: "\(row.accuracy.correct) of \(row.accuracy.seen)",
                accuracy: row.accuracy.accuracy.map(Self.percent) ?? "–",
                interval: row.accuracy.interval95.map { "\(Self.percent($0[0]))–\(Self.percent($0[1]))" } ?? "–",
                paused: row.pausedAt != nil, pausedSince: row.pausedAt.map(PageDate.string) ?? "",
                untrusted: row.untrustedAnnotations, hasUntrusted: row.untrustedAnnotations > 0,
                resumeAction: "/tasks/\(task.name)/annotators/\(Self.pathSegment(row.annotator))/resume")
        }
        hasTrustRows = !trustRows.isEmpty
        trustEvents = events.map { event in
            EventRow(
                what: event.kind == .pause
                    ? "paused" : event.countEarlier ? "resumed, earlier work counted again" : "resumed",
                annotator: event.annotator, at: PageDate.string(event.at), by: event.by ?? "the gold check",
                accuracy: "\(event.accuracy.correct) of \(event.accuracy.seen)"
                    + (event.accuracy.accuracy.map { " (\(Self.percent($0)))" } ?? ""))
        }
        hasTrustEvents = !trustEvents.isEmpty
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    static func pathSegment(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? name
    }
}
