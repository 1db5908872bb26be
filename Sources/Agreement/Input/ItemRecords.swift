/// An item's annotations side by side: record indices grouped by item with a counting sort, in
/// file order inside each item.
struct ItemRecords {
    /// Records of item `i` are `records[start[i]..<start[i + 1]]`.
    let start: [Int]
    let records: [Int32]

    init(_ columns: AnnotationColumns) {
        let itemCount = columns.itemNames.count
        var start = [Int](repeating: 0, count: itemCount + 1)
        for item in columns.recordItem { start[Int(item) + 1] += 1 }
        for index in 0..<itemCount { start[index + 1] += start[index] }
        var next = start
        var records = [Int32](repeating: 0, count: columns.count)
        for (record, item) in columns.recordItem.enumerated() {
            records[next[Int(item)]] = Int32(record)
            next[Int(item)] += 1
        }
        self.start = start
        self.records = records
    }

    var itemCount: Int { start.count - 1 }

    /// The records of one item.
    @inline(__always) func records(of item: Int) -> ArraySlice<Int32> { records[start[item]..<start[item + 1]] }
}
