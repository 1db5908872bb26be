import Foundation
import Testing

@testable import Agreement

/// The JSON written by `jsonData()` decodes back through `Codable` to the same document.
@Suite struct ReportRoundTripTests {
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
