import Foundation
import Testing

@testable import Agreement

/// `Codable` writes every key of the report, undefined figures as null, as `jsonData()` does.
@Suite struct NullWhenUndefinedTests {
    /// The same keys at every level, and null in the same places.
    static func sameShape(_ a: Any, _ b: Any, at path: String = "") -> [String] {
        switch (a, b) {
        case (let a as [String: Any], let b as [String: Any]):
            guard Set(a.keys) == Set(b.keys) else { return ["\(path): keys \(a.keys.sorted()) vs \(b.keys.sorted())"] }
            return a.keys.flatMap { sameShape(a[$0]!, b[$0]!, at: path + "." + $0) }
        case (let a as [Any], let b as [Any]):
            guard a.count == b.count else { return ["\(path): \(a.count) vs \(b.count) elements"] }
            return zip(a, b).enumerated().flatMap { sameShape($1.0, $1.1, at: path + "[\($0)]") }
        default:
            return (a is NSNull) == (b is NSNull) ? [] : ["\(path): \(a) vs \(b)"]
        }
    }

    @Test func codableWritesTheKeysAndNullsOfTheReport() throws {
        // One annotator with no peers and no gold leaves many figures undefined.
        var records = PropertyTests.sample()
        records.append(AnnotationRecord(item: "alone", annotator: "loner", label: .string("cat")))
        let report = AgreementReport(records)
        let written = try JSONSerialization.jsonObject(with: report.jsonData())
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report))
        #expect(Self.sameShape(written, encoded) == [])
        #expect(report.gwetAC2 == nil)
        #expect((encoded as? [String: Any])?["gwet_ac2"] is NSNull)
        let result = aggregate(records, method: .majority)
        let skills = try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any]
        #expect(Self.sameShape(try JSONSerialization.jsonObject(with: result.jsonData()), skills as Any) == [])
    }

    @Test func aMissingKeyReadsAsUndefined() throws {
        let row = try JSONDecoder().decode(LabelAgreement.self, from: Data(#"{"label":"cat","n":2}"#.utf8))
        #expect(row.alpha == nil && row.n == 2)
        let explicit = try JSONDecoder().decode(LabelAgreement.self, from: Data(#"{"label":"cat","alpha":null,"n":2}"#.utf8))
        #expect(explicit == row)
    }
}
