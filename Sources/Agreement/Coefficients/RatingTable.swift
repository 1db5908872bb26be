/// Ratings grouped by unit and, inside a unit, by category: the layout every coefficient reads.
///
/// Flat `Int32` arrays instead of dictionaries keep a million annotations in a few
/// megabytes and let each statistic be one linear pass.
struct RatingTable: Sendable {
    let unitCount: Int
    let categoryCount: Int
    /// Ratings of unit `u` are `unitStart[u]..<unitStart[u + 1]`, sorted by category.
    let unitStart: [Int32]
    let raters: [Int32]
    let categories: [Int32]
    /// Runs of equal categories: unit `u` owns runs `runStart[u]..<runStart[u + 1]`.
    let runStart: [Int32]
    let runCategory: [Int32]
    let runCount: [Int32]

    /// Builds the table with two stable counting sorts (by category, then by unit).
    init(units: [Int32], raters: [Int32], categories: [Int32], unitCount: Int, categoryCount: Int) {
        self.unitCount = unitCount
        self.categoryCount = categoryCount
        let count = units.count
        // Sort by category first so the stable sort by unit leaves categories ordered inside units.
        var categoryStart = [Int32](repeating: 0, count: categoryCount + 1)
        for category in categories { categoryStart[Int(category) + 1] += 1 }
        for index in 0..<categoryCount { categoryStart[index + 1] += categoryStart[index] }
        var byCategory = [Int32](repeating: 0, count: count)
        for index in 0..<count {
            let category = Int(categories[index])
            byCategory[Int(categoryStart[category])] = Int32(index)
            categoryStart[category] += 1
        }
        var start = [Int32](repeating: 0, count: unitCount + 1)
        for unit in units { start[Int(unit) + 1] += 1 }
        for index in 0..<unitCount { start[index + 1] += start[index] }
        var cursor = start
        var sortedRaters = [Int32](repeating: 0, count: count)
        var sortedCategories = [Int32](repeating: 0, count: count)
        for original in byCategory {
            let unit = Int(units[Int(original)])
            let slot = Int(cursor[unit])
            sortedRaters[slot] = raters[Int(original)]
            sortedCategories[slot] = categories[Int(original)]
            cursor[unit] += 1
        }
        var runStart = [Int32](repeating: 0, count: unitCount + 1)
        var runCategory: [Int32] = []
        var runCount: [Int32] = []
        runCategory.reserveCapacity(count)
        runCount.reserveCapacity(count)
        for unit in 0..<unitCount {
            var index = Int(start[unit])
            let end = Int(start[unit + 1])
            while index < end {
                let category = sortedCategories[index]
                var length: Int32 = 0
                while index < end, sortedCategories[index] == category {
                    length += 1
                    index += 1
                }
                runCategory.append(category)
                runCount.append(length)
            }
            runStart[unit + 1] = Int32(runCategory.count)
        }
        self.unitStart = start
        self.raters = sortedRaters
        self.categories = sortedCategories
        self.runStart = runStart
        self.runCategory = runCategory
        self.runCount = runCount
    }

    /// Number of ratings of a unit.
    @inline(__always) func size(_ unit: Int) -> Int { Int(unitStart[unit + 1] - unitStart[unit]) }

    /// Ratings that sit in units with at least two ratings (Krippendorff's n).
    var pairableCount: Int {
        var total = 0
        for unit in 0..<unitCount where size(unit) >= 2 { total += size(unit) }
        return total
    }
}
