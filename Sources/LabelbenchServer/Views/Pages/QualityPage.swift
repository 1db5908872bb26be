import Agreement
import Foundation
import LabelbenchCore

/// The task quality page: headline agreement, per label and guideline version, contested items,
/// the annotator table, confusion heat maps and agreement over time (SVG built from this model).
struct QualityPage {
    let chrome: Chrome
    let task: String
    let title: String
    let cards: [Card]
    let perLabel: [Row]
    let perVersion: [Row]
    let contested: Contested
    let annotators: [AnnotatorRow]
    let heatmaps: [ConfusionChart]
    /// The same chart drawn for a wide and for a phone-sized screen; CSS shows one of them.
    let trend: TrendChart?
    let narrowTrend: TrendChart?
    let notes: [String]
    let hasNotes: Bool
    let hasAnnotations: Bool
    /// The open flags of the task, with their actions.
    var flags: FlagListView? = nil
    /// Each annotator's gold accuracy, who is paused, and every pause and resume.
    var trust: TrustSectionView? = nil

    /// One headline figure: its name, value and what it means.
    struct Card {
        let name: String
        let value: String
        let note: String
    }

    struct Row {
        let name: String
        let value: String
        let n: Int
        /// Width of the bar in percent of the cell.
        let bar: Int
    }

    /// The contested items: one page of them, how many there are, and the threshold chosen.
    struct Contested {
        let rows: [ContestedItem<String>]
        let hasRows: Bool
        let count: Int
        let summary: String
        let thresholds: [SelectOption]
        let previous: String?
        let next: String?
        let pageText: String
    }

    struct AnnotatorRow {
        let name: String
        let annotations: Int
        let medianSeconds: String
        let tooFast: Bool
        let goldAccuracy: String
        let peers: String
        let flagged: Bool
        let overused: String
        let divergence: String
        let skill: String
    }

    static func format(_ value: Double?) -> String {
        value.map { String(format: "%.3f", $0) } ?? "—"
    }

    /// A time taken, "12.5 s", or "—" when none was recorded.
    static func seconds(_ value: Double?) -> String {
        value.map { String(format: "%.1f s", $0) } ?? "—"
    }

    /// Width of a value's bar in percent of its cell; values outside 0...1 are clamped.
    static func bar(_ value: Double?) -> Int {
        Int((max(0, min(1, value ?? 0)) * 100).rounded())
    }

    init(chrome: Chrome, task: LabelingTask, quality: TaskQuality) {
        let report = quality.report
        self.chrome = chrome
        self.task = task.name
        title = task.title
        hasAnnotations = report.annotations > 0
        cards = Self.cards(report, contested: quality.contestedCount)
        perLabel = report.perLabel.map { Row(name: $0.label, value: Self.format($0.alpha), n: $0.n, bar: Self.bar($0.alpha)) }
        perVersion = report.perGuidelineVersion.map {
            Row(name: "v\($0.guidelineVersion)", value: Self.format($0.alpha), n: $0.items, bar: Self.bar($0.alpha))
        }
        contested = Self.contested(quality, task: task.name)
        annotators = Self.annotatorRows(quality)
        heatmaps = quality.skills.annotators.map { ConfusionChart($0, labels: task.labelNames) }
        let windows = report.overTime.map { TrendChart.Window(until: $0.until, items: $0.items, alpha: $0.alpha) }
        trend = TrendChart(windows, width: 720, height: 260)
        narrowTrend = TrendChart(windows, width: 340, height: 220)
        notes = QualityNotes.sentences(report.notes, generalisedFleissShown: report.fleissKappa == nil)
        hasNotes = !notes.isEmpty
    }

    /// The annotator table of every quality page; `skill` is the annotator's agreement with the consensus.
    static func annotatorRows(_ quality: TaskQuality) -> [AnnotatorRow] {
        let skillByName = Dictionary(
            quality.skills.annotators.map { ($0.annotator, $0) }, uniquingKeysWith: { first, _ in first })
        return quality.report.annotators.map { summary in
            AnnotatorRow(
                name: summary.annotator, annotations: summary.annotations, medianSeconds: seconds(summary.medianSeconds),
                tooFast: summary.tooFast ?? false, goldAccuracy: format(summary.goldAccuracy),
                peers: format(summary.agreementWithPeers), flagged: summary.bias.flagged,
                overused: summary.bias.overused ?? "", divergence: format(summary.bias.divergence),
                skill: format(skillByName[summary.annotator]?.skill))
        }
    }

    /// The headline figures, each named for what it is.
    private static func cards(_ report: AgreementReport, contested: Int) -> [Card] {
        let fleiss =
            report.fleissKappa.map {
                Card(
                    name: "Fleiss' kappa", value: format($0),
                    note: "chance-corrected agreement; every item has the same number of annotations")
            }
            ?? Card(
                name: "Fleiss' kappa, generalised", value: format(report.fleissKappaGeneralized),
                note: "chance-corrected agreement for items with different numbers of annotations")
        return [
            Card(
                name: "Krippendorff's alpha", value: format(report.krippendorffAlpha.nominal),
                note: "95% interval " + (report.alphaCI95.map { "\(format($0.first)) to \(format($0.last))" } ?? "not available")
                    + " · 1 is perfect agreement, 0 is chance"),
            Card(
                name: "Percent agreement", value: report.percentAgreement.map { String(format: "%.1f%%", $0 * 100) } ?? "—",
                note: "share of annotator pairs that agree, averaged over items"),
            fleiss,
            Card(
                name: "Gwet's AC1", value: format(report.gwetAC1),
                note: "chance-corrected; steadier than kappa when one label dominates"),
            Card(name: "Items labeled", value: String(report.items), note: "\(report.annotations) annotations in all"),
            Card(name: "Contested items", value: String(contested), note: "items below the agreement threshold chosen below"),
        ]
    }

    /// One page of contested items with the pager and the threshold choice; `measure` names the
    /// per-item figure (the share of agreeing pairs, or a span task's exact F1).
    static func contested(_ quality: TaskQuality, task: String, measure: String = "agreement") -> Contested {
        let query = quality.query
        let pages = max(1, (quality.contestedCount + query.perPage - 1) / query.perPage)
        let threshold = query.below >= 1 ? "any disagreement" : "\(measure) below \(String(format: "%.2f", query.below))"
        func link(page: Int) -> String { "/tasks/\(task)/quality?below=\(query.below)&page=\(page)#contested" }
        let first = (query.page - 1) * query.perPage + 1
        return Contested(
            rows: quality.contested.map { item in
                // The labels given, most given first: "pos ×2, neg ×1".
                ContestedItem(
                    item, ruling: quality.rulings[item.item]?.display,
                    detail: item.labels.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) ×\($0.value)" }
                        .joined(separator: ", "))
            },
            hasRows: !quality.contested.isEmpty,
            count: quality.contestedCount,
            summary: quality.contestedCount == 0
                ? "No items with \(threshold)."
                : "\(quality.contestedCount) item\(quality.contestedCount == 1 ? "" : "s") with \(threshold); showing "
                    + "\(first)–\(first + quality.contested.count - 1), lowest \(measure) first.",
            thresholds: ContestedItemsQuery.thresholds.map { value in
                SelectOption(
                    value: String(value), label: value >= 1 ? "any disagreement" : "below \(String(format: "%.2f", value))",
                    selected: abs(value - query.below) < 0.005)
            },
            previous: query.page > 1 ? link(page: min(query.page - 1, pages)) : nil,
            next: query.page < pages ? link(page: query.page + 1) : nil,
            pageText: "Page \(min(query.page, pages)) of \(pages)")
    }
}
