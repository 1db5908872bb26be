import Foundation

extension AgreementReport {
    /// Alpha per guideline version and over time windows.
    static func trends(_ records: [AnnotationRecord], _ prepared: PreparedAnnotations, table: RatingTable) -> (
        versions: [VersionAgreement], windows: [TimeWindowAgreement]
    ) {
        var versionOfRecord = [Int](repeating: Int.min, count: records.count)
        var lastTime = [Double](repeating: -.infinity, count: prepared.itemNames.count)
        var anyTime = false
        var versions = Set<Int>()
        for (index, record) in records.enumerated() {
            if let version = record.guidelineVersion {
                versionOfRecord[index] = version
                versions.insert(version)
            }
            if let date = record.createdAt {
                anyTime = true
                let item = Int(prepared.recordItem[index])
                lastTime[item] = max(lastTime[item], date.timeIntervalSince1970)
            }
        }
        var versionRows: [VersionAgreement] = []
        var seen = [Int](repeating: Int.min, count: prepared.itemNames.count)
        for version in versions.sorted() {
            let subset =
                versions.count == 1 && !versionOfRecord.contains(Int.min)
                ? table : prepared.ratingTable { versionOfRecord[$0] == version }
            var itemCount = 0
            var count = 0
            for index in records.indices where versionOfRecord[index] == version {
                let item = Int(prepared.recordItem[index])
                if seen[item] != version {
                    seen[item] = version
                    itemCount += 1
                }
                count += 1
            }
            versionRows.append(
                VersionAgreement(
                    guidelineVersion: version, items: itemCount, annotations: count,
                    alpha: Krippendorff.nominalParts(subset).alpha.number))
        }
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
                    until: ISODate.format(Date(timeIntervalSince1970: lastTime[timed[end - 1]])), items: end - start,
                    alpha: parts.alpha.number))
            start = end
        }
        return (versionRows, windows)
    }
}
