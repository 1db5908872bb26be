import Foundation
import Testing

@testable import Agreement

/// The JSON written by `jsonData()` decodes back through `Codable` to the same document.
@Suite struct ReportRoundTripTests {
    /// Streamed in chunks (an export's quality.json) the report is byte for byte `jsonData()`,
    /// also past the size where `jsonData()` writes the per-item rows on two cores.
    @Test func streamedJSONIsTheSameDocument() {
        for itemCount in [40, 30_000] {
            var columns = AnnotationColumns()
            for item in 0..<itemCount {
                for annotator in 0..<3 {
                    let label = (item + (annotator == 2 && item % 3 == 0 ? 1 : 0)) % 4
                    columns.append(
                        item: "item-\(item)", annotator: "ann-\(annotator)", label: .string("l\(label)"), seconds: nil,
                        guidelineVersion: 1, createdAt: nil)
                }
            }
            let report = AgreementReport(columns)
            var chunks: [[UInt8]] = []
            report.writeJSON { chunks.append($0) }
            #expect(Data(chunks.joined()) == report.jsonData())
            #expect(chunks.dropLast().allSatisfy { $0.count >= 1 << 16 })
            if itemCount > 1000 { #expect(chunks.count > 10) }
        }
    }

    @Test func reportDecodesFromItsOwnJSON() throws {
        var records = PropertyTests.sample()
        for index in records.indices {
            records[index].guidelineVersion = 1 + index % 2
            records[index].createdAt = Date(timeIntervalSince1970: Double(index) * 30)
        }
        let report = AgreementReport(records, options: AgreementOptions(gold: ["item-1": .string("cat")]))
        let json = report.jsonData()
        let decoded = try JSONDecoder().decode(AgreementReport.self, from: json)
        #expect(decoded.jsonData() == json)
        #expect(decoded.krippendorffAlpha.levels == [.nominal])
        let result = aggregate(records, method: .dawidSkene(iterations: 10))
        let again = try JSONDecoder().decode(AggregationResult.self, from: result.jsonData())
        #expect(again.jsonData() == result.jsonData())
    }
}
