import Agreement
import Foundation
import LabelbenchCore

/// The task quality page: headline agreement, per label and guideline version, contested items,
/// the annotator table, confusion heat maps and agreement over time (SVG built from this model).
struct QualityPage {
    let chrome: Chrome
    let task: String
    let title: String
    let items: Int
    let annotations: Int
    let pairableItems: Int
    let alpha: String
    let alphaInterval: String
    let percentAgreement: String
    let fleiss: String
    let gwet: String
    let perLabel: [Row]
    let perVersion: [Row]
    let contested: [Contested]
    let annotators: [AnnotatorRow]
    let heatmaps: [Heatmap]
    let trend: Trend?
    let notes: [String]
    let hasAnnotations: Bool

    struct Row {
        let name: String
        let value: String
        let n: Int
        /// Width of the bar in percent of the cell, for a CSS-free SVG bar.
        let bar: Int
    }

    struct Contested {
        let item: String
        /// The item id percent-encoded for the "write a guideline" link.
        let itemQuery: String
        let agreement: String
        let labels: String
        /// The practitioner's ruling on the item, if any.
        let ruling: String?
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

    struct Heatmap {
        let annotator: String
        let size: Int
        /// The drawing plus room for the axis labels (stored: Mustache reads stored properties only).
        let box: Int
        let labels: [AxisLabel]
        let cells: [Cell]
    }

    struct AxisLabel {
        let name: String
        let position: Int
    }

    struct Cell {
        let x: Int
        let y: Int
        let opacity: String
        let title: String
    }

    struct Trend {
        let points: String
        let dots: [Dot]
        let width: Int
        let height: Int
    }

    struct Dot {
        let x: Int
        let y: Int
        let title: String
    }

    static func format(_ value: Double?) -> String {
        value.map { String(format: "%.3f", $0) } ?? "—"
    }

    /// `rulings`: the practitioner's ruling per item id, shown beside contested items.
    init(chrome: Chrome, task: LabelingTask, report: AgreementReport, skills: AggregationResult, rulings: [String: String] = [:]) {
        self.chrome = chrome
        self.task = task.name
        title = task.title
        items = report.items
        annotations = report.annotations
        hasAnnotations = report.annotations > 0
        pairableItems = report.perItem.count
        alpha = Self.format(report.krippendorffAlpha.nominal)
        alphaInterval = report.alphaCI95.map { "[\(Self.format($0.first)), \(Self.format($0.last))]" } ?? "—"
        percentAgreement = Self.format(report.percentAgreement)
        fleiss = Self.format(report.fleissKappa ?? report.fleissKappaGeneralized)
        gwet = Self.format(report.gwetAC1)
        perLabel = report.perLabel.map { Row(name: $0.label, value: Self.format($0.alpha), n: $0.n, bar: Self.bar($0.alpha)) }
        perVersion = report.perGuidelineVersion.map {
            Row(name: "v\($0.guidelineVersion)", value: Self.format($0.alpha), n: $0.items, bar: Self.bar($0.alpha))
        }
        contested = report.perItem
            .filter { $0.agreement != nil }
            .sorted { ($0.agreement ?? 1, $0.item) < ($1.agreement ?? 1, $1.item) }
            .prefix(20)
            .map { item in
                Contested(
                    item: item.item,
                    itemQuery: item.item.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "",
                    agreement: Self.format(item.agreement),
                    labels: item.labels.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) ×\($0.value)" }
                        .joined(separator: ", "),
                    ruling: rulings[item.item])
            }
        let skillByName = Dictionary(skills.annotators.map { ($0.annotator, $0) }, uniquingKeysWith: { first, _ in first })
        annotators = report.annotators.map { summary in
            AnnotatorRow(
                name: summary.annotator, annotations: summary.annotations,
                medianSeconds: summary.medianSeconds.map { String(format: "%.1f s", $0) } ?? "—",
                tooFast: summary.tooFast ?? false, goldAccuracy: Self.format(summary.goldAccuracy),
                peers: Self.format(summary.agreementWithPeers), flagged: summary.bias.flagged,
                overused: summary.bias.overused ?? "", divergence: Self.format(summary.bias.divergence),
                skill: Self.format(skillByName[summary.annotator]?.skill))
        }
        heatmaps = skills.annotators.map { Self.heatmap($0, labels: task.labelNames) }
        trend = Self.trend(report.overTime)
        notes = report.notes
    }

    private static func bar(_ value: Double?) -> Int {
        Int((max(0, min(1, value ?? 0)) * 100).rounded())
    }

    static let cellSize = 28

    /// Rows are the consensus (true) label, columns the label this annotator gave; shade is P(given | true).
    private static func heatmap(_ skill: AnnotatorSkill, labels: [String]) -> Heatmap {
        var cells: [Cell] = []
        for (row, truth) in labels.enumerated() {
            for (column, given) in labels.enumerated() {
                let p = skill.confusion[truth]?[given] ?? 0
                cells.append(Cell(
                    x: column * cellSize, y: row * cellSize, opacity: String(format: "%.2f", 0.05 + 0.95 * p),
                    title: "true \(truth) → given \(given): \(String(format: "%.2f", p))"))
            }
        }
        return Heatmap(
            annotator: skill.annotator, size: labels.count * cellSize, box: labels.count * cellSize + 90,
            labels: labels.enumerated().map { AxisLabel(name: $1, position: $0 * cellSize + cellSize / 2) }, cells: cells)
    }

    /// A polyline of alpha per time window; alpha is clamped to [-1, 1] on a 0…160 px axis.
    private static func trend(_ windows: [TimeWindowAgreement]) -> Trend? {
        let points = windows.enumerated().compactMap { index, window -> (Int, Double, TimeWindowAgreement)? in
            window.alpha.map { (index, $0, window) }
        }
        guard points.count >= 2 else { return nil }
        let width = 600
        let height = 160
        let step = Double(width - 20) / Double(max(windows.count - 1, 1))
        let dots = points.map { index, alpha, window in
            Dot(
                x: 10 + Int(Double(index) * step), y: Int(Double(height) * (1 - (max(-1, min(1, alpha)) + 1) / 2)),
                title: "until \(window.until): alpha \(format(alpha)) over \(window.items) items")
        }
        return Trend(points: dots.map { "\($0.x),\($0.y)" }.joined(separator: " "), dots: dots, width: width, height: height)
    }
}
