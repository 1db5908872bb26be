/// An exact maximum-weight matching on a few candidate pairs: the Hungarian method with row and
/// column potentials (Kuhn–Munkres, in the shortest-augmenting-path form of Jonker and Volgenant),
/// O(n² m) for n rows ≤ m columns.
///
/// Only rows and columns with a candidate take part; a row may stay unmatched, which is modelled
/// by weight 0 to every column it has no candidate with (weights of candidates are positive). The
/// weights are integers, so every comparison is exact and the result depends on nothing but the
/// input order. Among equal-cost choices the first column in order wins.
struct BoxAssignment {
    private var cost: [Int64] = []
    private var rowPotential: [Int64] = []
    private var columnPotential: [Int64] = []
    private var rowOfColumn: [Int] = []
    private var way: [Int] = []
    private var slack: [Int64] = []
    private var used: [Bool] = []
    private var candidateOf: [Int] = []
    private var rowIndex: [Int] = []
    private var columnIndex: [Int] = []

    /// The matching of largest total weight among the candidates (`rows[k]`, `columns[k]`,
    /// `weights[k]`; offsets into two lists). Returns each matched pair with its candidate's index.
    mutating func solve(rows: [Int32], columns: [Int32], weights: [Int64]) -> [(row: Int, column: Int, candidate: Int)] {
        // Dense numbering of the rows and columns that have candidates, in offset order.
        let rowIds = Self.dense(rows, &rowIndex)
        let columnIds = Self.dense(columns, &columnIndex)
        // The method needs rows ≤ columns: transpose when there are more rows.
        let transposed = rowIds.count > columnIds.count
        let n = transposed ? columnIds.count : rowIds.count
        let m = transposed ? rowIds.count : columnIds.count
        Self.fill(&cost, 0, (n + 1) * (m + 1))
        Self.fill(&candidateOf, -1, (n + 1) * (m + 1))
        for k in weights.indices {
            var r = rowIndex[Int(rows[k])] + 1
            var c = columnIndex[Int(columns[k])] + 1
            if transposed { swap(&r, &c) }
            cost[r * (m + 1) + c] = -weights[k]
            candidateOf[r * (m + 1) + c] = k
        }
        Self.fill(&rowPotential, 0, n + 1)
        Self.fill(&columnPotential, 0, m + 1)
        Self.fill(&rowOfColumn, 0, m + 1)
        Self.fill(&way, 0, m + 1)
        for row in 1...n {
            rowOfColumn[0] = row
            var column0 = 0
            Self.fill(&slack, .max, m + 1)
            Self.fill(&used, false, m + 1)
            repeat {
                used[column0] = true
                let row0 = rowOfColumn[column0]
                var delta = Int64.max
                var column1 = 0
                for column in 1...m where !used[column] {
                    let reduced = cost[row0 * (m + 1) + column] - rowPotential[row0] - columnPotential[column]
                    if reduced < slack[column] {
                        slack[column] = reduced
                        way[column] = column0
                    }
                    if slack[column] < delta {
                        delta = slack[column]
                        column1 = column
                    }
                }
                for column in 0...m {
                    if used[column] {
                        rowPotential[rowOfColumn[column]] += delta
                        columnPotential[column] -= delta
                    } else {
                        slack[column] -= delta
                    }
                }
                column0 = column1
            } while rowOfColumn[column0] != 0
            repeat {
                let previous = way[column0]
                rowOfColumn[column0] = rowOfColumn[previous]
                column0 = previous
            } while column0 != 0
        }
        var pairs: [(row: Int, column: Int, candidate: Int)] = []
        for column in 1...m where rowOfColumn[column] != 0 {
            let candidate = candidateOf[rowOfColumn[column] * (m + 1) + column]
            guard candidate >= 0 else { continue }
            pairs.append((Int(rows[candidate]), Int(columns[candidate]), candidate))
        }
        pairs.sort { $0.row < $1.row }
        return pairs
    }

    /// Empties `buffer` and fills it with `count` copies of `value`, keeping its room: the
    /// assignment runs once per crowded pair of lists, too often to allocate each time.
    @inline(__always) private static func fill<T>(_ buffer: inout [T], _ value: T, _ count: Int) {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: repeatElement(value, count: count))
    }

    /// The distinct offsets in `values`, ascending; `index[offset]` becomes each one's position.
    private static func dense(_ values: [Int32], _ index: inout [Int]) -> [Int32] {
        var distinct = values.sorted()
        // A few offsets each: sorting and dropping repeats beats hashing them.
        var kept = 0
        for position in distinct.indices where kept == 0 || distinct[kept - 1] != distinct[position] {
            distinct[kept] = distinct[position]
            kept += 1
        }
        distinct.removeLast(distinct.count - kept)
        let size = Int(distinct.last ?? 0) + 1
        if index.count < size { index = [Int](repeating: -1, count: size) }
        for (position, value) in distinct.enumerated() { index[Int(value)] = position }
        return distinct
    }
}
