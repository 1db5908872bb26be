import Foundation
import Testing

@testable import Agreement

/// The columnar input: built row by row, read from a file, and giving the same reports as records.
@Suite struct AnnotationColumnsTests {
    static func mixedRecords() -> [AnnotationRecord] {
        var records = PropertyTests.sample()
        for index in records.indices {
            if index % 3 == 0 { records[index].guidelineVersion = [2, 1, 10][index % 9 / 3] }
            if index % 4 != 1 { records[index].createdAt = Date(timeIntervalSince1970: 1_772_366_400 + Double(index)) }
            if index % 5 == 2 { records[index].seconds = nil }
        }
        return records
    }

    @Test func appendedRowsReadBackAsTheSameRecords() {
        let records =
            Self.mixedRecords() + [
                AnnotationRecord(item: "x", annotator: "é ✓", label: .number(2.5), seconds: -1, guidelineVersion: -3),
                AnnotationRecord(item: "x", annotator: "b", label: .strings(["car", "bus"])),
            ]
        var columns = AnnotationColumns()
        for record in records {
            columns.append(
                item: record.item, annotator: record.annotator, label: record.label, seconds: record.seconds,
                guidelineVersion: record.guidelineVersion, createdAt: record.createdAt)
        }
        #expect(columns.count == records.count)
        #expect(Array(columns) == records)
        #expect(Array(AnnotationColumns(records)) == records)
        // Ids follow first appearance, as the statistics expect.
        var seen = Set<String>()
        #expect(columns.itemNames == records.map(\.item).filter { seen.insert($0).inserted })
    }

    @Test func reportsMatchTheRecordForm() {
        let records = Self.mixedRecords()
        let options = AgreementOptions(labels: ["cat", "dog", "bird", "fish"], gold: ["item-1": .string("cat")])
        let fromColumns = AgreementReport(AnnotationColumns(records), options: options)
        #expect(fromColumns.jsonData() == AgreementReport(records, options: options).jsonData())
        #expect(fromColumns.perGuidelineVersion.map(\.guidelineVersion) == [1, 2, 10])
        #expect(fromColumns.overTime.count > 1)
        #expect(AgreementReport.nominalAlpha(AnnotationColumns(records)) == fromColumns.krippendorffAlpha.nominal)
        let aggregated = aggregate(AnnotationColumns(records), method: .dawidSkene(iterations: 5))
        #expect(aggregated.jsonData() == aggregate(records, method: .dawidSkene(iterations: 5)).jsonData())
    }

    @Test func nominalAloneIsTheReportsFigureBitForBit() {
        let records = Self.mixedRecords()
        let numeric = records.enumerated().map { index, record in
            var copy = record
            copy.label = .number(Double(index % 7) / 2)
            return copy
        }
        let sets = records.enumerated().map { index, record in
            var copy = record
            if index % 3 == 0 { copy.label = .strings(["cat", index % 2 == 0 ? "dog" : "cat"]) }
            return copy
        }
        // Free text: more labels than the dense count matrix allows, so the table route runs.
        let text = records.enumerated().map { index, record in
            var copy = record
            copy.label = .string(index % 2 == 0 ? "answer \(index)" : "common")
            return copy
        }
        for (records, options) in [
            (records, AgreementOptions()), (records, AgreementOptions(labels: ["fish", "cat", "dog", "bird", "owl"])),
            (numeric, AgreementOptions()), (sets, AgreementOptions()), (text, AgreementOptions()),
        ] {
            let columns = AnnotationColumns(records)
            let alone = AgreementReport.nominalAlpha(columns, options: options)
            #expect(alone != nil)
            #expect(alone == AgreementReport(columns, options: options).krippendorffAlpha.nominal)
        }
    }

    @Test func mergingKeepsFileOrderAndIds() {
        let records = Self.mixedRecords()
        let middle = records.count / 2
        var merged = AnnotationColumns()
        var first = AnnotationColumns(records[..<middle])
        var second = AnnotationColumns(records[middle...])
        var firstRemap = ColumnsRemap()
        var secondRemap = ColumnsRemap()
        merged.append(contentsOf: first, remap: &firstRemap)
        merged.append(contentsOf: second, remap: &secondRemap)
        #expect(Array(merged) == records)
        #expect(merged.itemNames == AnnotationColumns(records).itemNames)
        // A second batch from the same parsers reuses the maps.
        first.removeAnnotations()
        second.removeAnnotations()
        first.append(records[0])
        second.append(records[middle])
        merged.append(contentsOf: first, remap: &firstRemap)
        merged.append(contentsOf: second, remap: &secondRemap)
        #expect(Array(merged) == records + [records[0], records[middle]])
        #expect(merged.itemNames.count == AnnotationColumns(records).itemNames.count)
    }

    @Test func fileColumnsMatchParsedRecords() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("columns-\(UUID()).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        var text = ""
        for index in 0..<40_000 {
            let item = index % 11 == 0 ? "\"it\\u00e9m-\(index / 4)\"" : "\"item-\(index / 4)\""
            let label = index % 13 == 0 ? "[\"a\",\"b\"]" : index % 17 == 0 ? "3" : "\"c\(index % 5)\""
            text +=
                #"{"item":\#(item),"annotator":"ann-\#(index % 7)","label":\#(label),"seconds":\#(index % 9),"guideline_version":\#(index % 3),"created_at":"2026-03-01T12:00:\#(10 + index % 50)Z"}"#
                + "\n"
        }
        try Data(text.utf8).write(to: url)
        let columns = try AnnotationFile.readColumns(url)
        let records = try AnnotationFile.parse(Data(text.utf8))
        #expect(Array(columns) == records)
        #expect(columns.itemNames == AnnotationColumns(records).itemNames)
        #expect(columns.labelValues == AnnotationColumns(records).labelValues)
    }

    @Test(arguments: [7, 30_000, 59_999])
    func errorsInEitherHalfNameTheirLine(_ bad: Int) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID()).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        var text = ""
        for index in 1...60_000 {
            text += index == bad ? "{oops}\n" : #"{"item":"i\#(index / 3)","annotator":"a\#(index % 7)","label":"x"}"# + "\n"
        }
        try Data(text.utf8).write(to: url)
        #expect {
            try AnnotationFile.readColumns(url)
        } throws: { ($0 as? AnnotationFileError)?.line == bad }
    }

    @Test func withLabelSetsEveryAnswerAggregatesLabelByLabel() {
        let records = [
            AnnotationRecord(item: "i", annotator: "a", label: .number(1)),
            AnnotationRecord(item: "i", annotator: "b", label: .number(1)),
            AnnotationRecord(item: "j", annotator: "a", label: .strings(["x", "y"])),
            AnnotationRecord(item: "j", annotator: "b", label: .strings(["y", "x"])),
        ]
        let result = aggregate(AnnotationColumns(records), method: .majority)
        // Consensus of label sets is per label (MajorityVote), as exports always had it; it was the set's
        // text key ("x,y") before. Numbers among label sets choose no label, as the agreement report scores them.
        #expect(result.labels.map(\.label) == [.strings([]), .strings(["x", "y"])])
    }
}
