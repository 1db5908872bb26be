import Foundation
import TextFormats

extension AgreementReport {
    /// Alpha per guideline version and over time windows.
    static func trends(
        _ columns: AnnotationColumns, _ prepared: PreparedAnnotations, table: RatingTable
    ) -> (
        versions: [VersionAgreement], windows: [TimeWindowAgreement]
    ) {
        var lastTime = [Double](repeating: -.infinity, count: prepared.itemNames.count)
        var anyTime = false
        // A missing time is NaN: the test below skips it.
        for (index, time) in columns.recordTime.enumerated() where !time.isNaN {
            anyTime = true
            let item = Int(prepared.recordItem[index])
            lastTime[item] = max(lastTime[item], time)
        }
        let versionRows = versionAgreements(columns, prepared)
        guard anyTime else { return (versionRows, []) }
        // Items in the order of their last annotation, cut into up to 20 windows of equal size.
        let timed = RadixSort.order(lastTime.indices.filter { lastTime[$0] > -.infinity }, by: lastTime)
        let windowCount = min(20, max(1, timed.count / 10))
        var windowOfItem = [Int](repeating: -1, count: prepared.itemNames.count)
        for (rank, item) in timed.enumerated() { windowOfItem[item] = rank * windowCount / timed.count }
        // Whole items fall in one window, so per-unit nominal sums can be added up by window.
        var observed = [Double](repeating: 0, count: windowCount)
        var pairable = [Double](repeating: 0, count: windowCount)
        var frequencies = [Double](repeating: 0, count: windowCount * table.categoryCount)
        for unit in 0..<table.unitCount {
            let window = windowOfItem[prepared.item(ofUnit: unit)]
            let m = table.size(unit)
            guard window >= 0, m >= 2 else { continue }
            var squares = 0.0
            for run in Int(table.runStart[unit])..<Int(table.runStart[unit + 1]) {
                let count = Double(table.runCount[run])
                squares += count * count
                frequencies[window * table.categoryCount + Int(table.runCategory[run])] += count
            }
            observed[window] += (Double(m * m) - squares) / Double(m - 1)
            pairable[window] += Double(m)
        }
        var windows: [TimeWindowAgreement] = []
        var start = 0
        for window in 0..<windowCount {
            var end = start
            while end < timed.count, windowOfItem[timed[end]] == window { end += 1 }
            guard end > start else { continue }
            var squares = 0.0
            for category in 0..<table.categoryCount {
                let frequency = frequencies[window * table.categoryCount + category]
                squares += frequency * frequency
            }
            let parts = Krippendorff.Parts(
                observed: observed[window], expected: pairable[window] * pairable[window] - squares,
                pairable: pairable[window])
            windows.append(
                TimeWindowAgreement(
                    until: ISO8601.wholeSeconds(Date(timeIntervalSince1970: lastTime[timed[end - 1]])), items: end - start,
                    alpha: parts.alpha.number))
            start = end
        }
        return (versionRows, windows)
    }

    /// Nominal alpha per guideline version from one table whose units are (item, version) pairs,
    /// instead of one filtered table per version.
    static func versionAgreements(
        _ columns: AnnotationColumns, _ prepared: PreparedAnnotations
    )
        -> [VersionAgreement]
    {
        let count = columns.count
        let order = columns.versions.indices.sorted { columns.versions[$0] < columns.versions[$1] }
        let sorted = order.map { columns.versions[$0] }
        guard !sorted.isEmpty else { return [] }
        // The columns number versions by first appearance; slots number them in version order.
        var slotOfVersion = [Int32](repeating: 0, count: order.count)
        for (slot, version) in order.enumerated() { slotOfVersion[version] = Int32(slot) }
        let width = Int32(sorted.count)
        let slotOfRecord = columns.recordVersion.map { $0 < 0 ? -1 : slotOfVersion[Int($0)] }
        let table = prepared.ratingTable(
            keep: { slotOfRecord[$0] >= 0 }, unitOf: { index, unit in unit * width + slotOfRecord[index] })
        var observed = [Double](repeating: 0, count: sorted.count)
        var pairable = [Double](repeating: 0, count: sorted.count)
        var items = [Int](repeating: 0, count: sorted.count)
        var annotations = [Int](repeating: 0, count: sorted.count)
        let size = table.categoryCount
        var frequencies = [Double](repeating: 0, count: sorted.count * size)
        for unit in 0..<table.unitCount {
            let m = table.size(unit)
            guard m >= 1 else { continue }
            let version = unit % sorted.count
            annotations[version] += m
            if !prepared.multiple || unit / sorted.count % max(prepared.labels.count, 1) == 0 { items[version] += 1 }
            guard m >= 2 else { continue }
            var squares = 0.0
            for run in Int(table.runStart[unit])..<Int(table.runStart[unit + 1]) {
                let runCount = Double(table.runCount[run])
                squares += runCount * runCount
                frequencies[version * size + Int(table.runCategory[run])] += runCount
            }
            observed[version] += (Double(m * m) - squares) / Double(m - 1)
            pairable[version] += Double(m)
        }
        if prepared.multiple {
            // Binary units repeat each annotation once per label; count annotations, not decisions.
            annotations = [Int](repeating: 0, count: sorted.count)
            for index in 0..<count where slotOfRecord[index] >= 0 { annotations[Int(slotOfRecord[index])] += 1 }
        }
        return sorted.indices.map { version in
            var squares = 0.0
            for category in 0..<size {
                let frequency = frequencies[version * size + category]
                squares += frequency * frequency
            }
            let parts = Krippendorff.Parts(
                observed: observed[version], expected: pairable[version] * pairable[version] - squares,
                pairable: pairable[version])
            return VersionAgreement(
                guidelineVersion: sorted[version], items: items[version], annotations: annotations[version],
                alpha: parts.alpha.number)
        }
    }
}
