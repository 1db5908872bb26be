import Foundation

extension AnnotationFile {
    /// Reads a file for an agreement report: `readColumns`, refusing a file in which an annotator
    /// labels an item twice.
    ///
    /// Agreement counts pairs of different annotators; a repeated (item, annotator) pair would pair
    /// an annotator with themself, and no choice between the two lines is safe to make silently. The
    /// error names both lines. Aggregation reads repeats as votes and uses `readColumns`.
    public static func readForAgreement(_ url: URL) throws -> AnnotationColumns {
        let columns = try readColumns(url)
        guard let repeated = columns.firstRepeatedPair() else { return columns }
        let lines = try lineNumbers(ofRecords: [repeated.earlier, repeated.later], in: url)
        throw AnnotationFileError(
            line: lines[1],
            message: "annotator \(quoted(columns.annotatorNames[Int(columns.recordAnnotator[repeated.later])])) "
                + "already labeled item \(quoted(columns.itemNames[Int(columns.recordItem[repeated.later])])) "
                + "on line \(lines[0]); agreement needs one annotation per item and annotator")
    }

    /// The 1-based line numbers of the records at `indices` (ascending), counting the blank lines
    /// `readColumns` skips; read again only to word an error.
    static func lineNumbers(ofRecords indices: [Int], in url: URL) throws -> [Int] {
        lineNumbers(ofRecords: indices, in: try Data(contentsOf: url))
    }

    /// The 1-based line numbers of the records at `indices` (ascending) in JSONL bytes.
    static func lineNumbers(ofRecords indices: [Int], in data: Data) -> [Int] {
        var numbers: [Int] = []
        var record = 0
        var line = 0
        var blank = true
        var pending = indices[...]
        for byte in data + [0x0A] {
            if byte == 0x0A {
                line += 1
                if !blank {
                    if record == pending.first {
                        numbers.append(line)
                        pending.removeFirst()
                        if pending.isEmpty { return numbers }
                    }
                    record += 1
                }
                blank = true
            } else if byte != 0x20 && byte != 0x09 && byte != 0x0D {
                blank = false
            }
        }
        return numbers + pending.map { _ in 0 }
    }

    private static func quoted(_ name: String) -> String { "\"\(name)\"" }
}

/// Two records with the same item and annotator, by index in the columns (`earlier < later`).
struct RepeatedPair: Equatable {
    let earlier: Int
    let later: Int
}

extension AnnotationColumns {
    /// The first record (in order) whose item and annotator an earlier record already has.
    ///
    /// Records are grouped by item with a counting sort, then each group is checked against a stamp
    /// per annotator: linear time and no hashing, so the check costs little beside the parse.
    func firstRepeatedPair() -> RepeatedPair? {
        let itemCount = items.names.count
        var start = [Int](repeating: 0, count: itemCount + 1)
        for item in recordItem { start[Int(item) + 1] += 1 }
        for index in 0..<itemCount { start[index + 1] += start[index] }
        var next = start
        var byItem = [Int](repeating: 0, count: recordItem.count)
        for (record, item) in recordItem.enumerated() {
            byItem[next[Int(item)]] = record
            next[Int(item)] += 1
        }
        var stamp = [Int](repeating: -1, count: annotators.names.count)
        var seenAt = [Int](repeating: 0, count: annotators.names.count)
        var found: RepeatedPair?
        for item in 0..<itemCount {
            for record in byItem[start[item]..<start[item + 1]] {
                let annotator = Int(recordAnnotator[record])
                if stamp[annotator] == item {
                    if found.map({ record < $0.later }) ?? true {
                        found = RepeatedPair(earlier: seenAt[annotator], later: record)
                    }
                } else {
                    stamp[annotator] = item
                    seenAt[annotator] = record
                }
            }
        }
        return found
    }
}
