import Agreement
import Foundation

/// Agreement over time as an SVG line chart: alpha per window of items, with axes, tick labels and values.
struct TrendChart {
    struct Tick {
        let y: Int
        let label: String
    }

    struct Point {
        let x: Int
        let y: Int
        let value: String
        /// Values are written beside the points when there are few enough to read.
        let labeled: Bool
        /// The value's text anchor: the first and last keep inside the plot.
        let anchor: String
        let title: String
    }

    struct DateTick {
        let x: Int
        let label: String
        let anchor: String
    }

    /// `wide` or `narrow`: which screens show this drawing (a CSS class).
    let size: String
    let width: Int
    let height: Int
    let plotLeft: Int
    let plotRight: Int
    let plotTop: Int
    let plotBottom: Int
    let line: String
    let points: [Point]
    let ticks: [Tick]
    let dates: [DateTick]
    /// The y of alpha = 0 when the axis runs below it, so chance level is marked.
    let zeroY: Int?

    /// One window of items: when its last annotation was made, how many items, and their alpha.
    struct Window {
        let until: String
        let items: Int
        let alpha: Double?
    }

    /// Nil with fewer than two windows that have an alpha. `width` is in the drawing's units, which
    /// the page shows one to one with CSS pixels, so text stays legible: a narrow chart labels fewer points.
    init?(_ windows: [Window], width: Int, height: Int) {
        let defined = windows.enumerated().compactMap { index, window in window.alpha.map { (index, $0, window) } }
        guard defined.count >= 2 else { return nil }
        self.width = width
        self.height = height
        size = width >= 480 ? "wide" : "narrow"
        plotLeft = 44
        plotRight = width - 20
        plotTop = 24
        plotBottom = height - 44
        // The axis runs from 0 to 1 unless some window falls below chance.
        let lowest = defined.map(\.1).min() ?? 0
        let floor = lowest < 0 ? max(-1, (lowest * 2).rounded(.down) / 2) : 0
        let span = 1 - floor
        let (top, bottom, left, right) = (plotTop, plotBottom, plotLeft, plotRight)
        func y(_ alpha: Double) -> Int { bottom - Int((max(floor, min(1, alpha)) - floor) / span * Double(bottom - top)) }
        let step = Double(right - left) / Double(max(windows.count - 1, 1))
        func x(_ index: Int) -> Int { left + Int(Double(index) * step) }
        let tickStep = span > 1 ? 0.5 : 0.2
        ticks = stride(from: floor, through: 1.0001, by: tickStep).map { Tick(y: y($0), label: String(format: "%.1f", $0)) }
        zeroY = floor < 0 ? y(0) : nil
        // About one value label per 70 units of width.
        let labelCount = max(2, (right - left) / 70)
        let labelEvery = defined.count <= labelCount ? 1 : Int((Double(defined.count) / Double(labelCount)).rounded(.up))
        points = defined.enumerated().map { position, entry in
            let (index, alpha, window) = entry
            return Point(
                x: x(index), y: y(alpha), value: String(format: "%.2f", alpha),
                labeled: position % labelEvery == 0 || position == defined.count - 1,
                anchor: position == 0 ? "start" : position == defined.count - 1 ? "end" : "middle",
                title: "Items up to \(Self.day(window.until)): alpha \(String(format: "%.3f", alpha)) over \(window.items) items")
        }
        line = points.map { "\($0.x),\($0.y)" }.joined(separator: " ")
        let last = windows.count - 1
        // Labels imported at once share one minute: the count of items so far then tells the windows apart.
        let itemsSoFar = windows.reduce(into: [Int]()) { $0.append(($0.last ?? 0) + $1.items) }
        let oneMinute = Self.day(windows[0].until) == Self.day(windows[last].until)
        func label(_ index: Int) -> String { oneMinute ? "\(itemsSoFar[index]) items" : Self.day(windows[index].until) }
        var dates = [DateTick(x: x(0), label: label(0), anchor: "start")]
        if last >= 4 && width >= 480 {
            dates.append(DateTick(x: x(last / 2), label: label(last / 2), anchor: "middle"))
        }
        dates.append(DateTick(x: x(last), label: label(last), anchor: "end"))
        self.dates = dates
    }

    /// "2026-05-04T13:02:11Z" → "2026-05-04 13:02".
    static func day(_ iso: String) -> String {
        String(iso.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}

/// One annotator's confusion against the consensus as an SVG heat map with the share in every cell.
struct ConfusionChart {
    struct AxisLabel {
        let name: String
        let full: String
        let position: Int
    }

    struct Cell {
        let x: Int
        let y: Int
        let textX: Int
        let textY: Int
        let opacity: String
        let value: String
        /// Light text on the darker cells.
        let dark: Bool
        let title: String
    }

    let annotator: String
    let cellSize: Int
    let left: Int
    let top: Int
    let width: Int
    let height: Int
    let labels: [AxisLabel]
    let cells: [Cell]

    /// Rows are the consensus (true) label, columns the label this annotator gave; a cell is P(given | true).
    init(_ skill: AnnotatorSkill, labels names: [String]) {
        annotator = skill.annotator
        cellSize = 44
        let shown = names.map { $0.count > 18 ? String($0.prefix(17)) + "…" : $0 }
        let longest = shown.map(\.count).max() ?? 1
        // Room for the row names on the left and the slanted column names on top (about 7 units a character).
        left = 12 + longest * 7
        top = 12 + Int(Double(longest * 7) * 0.72)
        width = left + names.count * cellSize + Int(Double(longest * 7) * 0.72)
        height = top + names.count * cellSize + 8
        let size = cellSize
        labels = names.indices.map { AxisLabel(name: shown[$0], full: names[$0], position: $0 * size + size / 2) }
        var cells: [Cell] = []
        for (row, truth) in names.enumerated() {
            for (column, given) in names.enumerated() {
                let p = skill.confusion[truth]?[given] ?? 0
                cells.append(
                    Cell(
                        x: column * size, y: row * size, textX: column * size + size / 2, textY: row * size + size / 2,
                        opacity: String(format: "%.2f", 0.04 + 0.96 * p), value: String(format: "%.2f", p), dark: p > 0.55,
                        title: "consensus \(truth), given \(given): \(String(format: "%.2f", p))"))
            }
        }
        self.cells = cells
    }
}
