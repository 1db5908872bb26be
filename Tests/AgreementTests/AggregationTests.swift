import Foundation
import Testing

@testable import Agreement

/// Aggregation properties beyond the reference cases.
@Suite struct AggregationTests {
    @Test func dawidSkeneRecoversTheTruthWhereMajorityFails() {
        // Three reliable annotators and five spammers who all answer "a": majority follows the spammers.
        var generator = SeededGenerator(seed: 3)
        var records: [AnnotationRecord] = []
        var truth: [String: String] = [:]
        let labels = ["a", "b", "c"]
        for item in 0..<400 {
            let answer = labels[Int(generator.next() % 3)]
            truth["i\(item)"] = answer
            for good in 0..<3 {
                let label = generator.unit() < 0.9 ? answer : labels[Int(generator.next() % 3)]
                records.append(AnnotationRecord(item: "i\(item)", annotator: "good\(good)", label: .string(label)))
            }
            for spammer in 0..<4 {
                records.append(AnnotationRecord(item: "i\(item)", annotator: "spam\(spammer)", label: .string("a")))
            }
        }
        let majority = aggregate(records, method: .majority)
        let model = aggregate(records, method: .dawidSkene(iterations: 50))
        func accuracy(_ result: AggregationResult) -> Double {
            Double(result.labels.filter { truth[$0.item] == $0.label.key }.count) / Double(result.labels.count)
        }
        #expect(accuracy(majority) < 0.5)
        #expect(accuracy(model) > 0.95)
        let skills = Dictionary(uniqueKeysWithValues: model.annotators.map { ($0.annotator, $0.skill ?? 0) })
        #expect(skills["good0"]! > 0.8 && skills["spam0"]! < 0.5)
    }

    @Test func majorityTiesFollowTheLabelOrder() {
        let records = [
            AnnotationRecord(item: "t", annotator: "a", label: .string("yes")),
            AnnotationRecord(item: "t", annotator: "b", label: .string("no")),
        ]
        #expect(aggregate(records, method: .majority).labels[0].label == .string("no"))
        #expect(aggregate(records, method: .majority, labelOrder: ["yes", "no"]).labels[0].label == .string("yes"))
        #expect(aggregate(records, method: .majority).labels[0].confidence == 0.5)
    }

    @Test func goldItemsAreClamped() {
        let records = [
            AnnotationRecord(item: "t", annotator: "a", label: .string("x")),
            AnnotationRecord(item: "t", annotator: "b", label: .string("x")),
            AnnotationRecord(item: "u", annotator: "a", label: .string("y")),
        ]
        let result = aggregate(records, method: .dawidSkene(), gold: ["t": .string("y")])
        #expect(result.labels.first { $0.item == "t" }?.label == .string("y"))
        #expect(result.labels.first { $0.item == "t" }?.confidence == 1)
    }

    @Test func numericLabelsStayNumbersInJSON() throws {
        let records = [
            AnnotationRecord(item: "t", annotator: "a", label: .number(2)),
            AnnotationRecord(item: "t", annotator: "b", label: .number(2)),
        ]
        let json =
            try JSONSerialization.jsonObject(with: aggregate(records, method: .majority).jsonData()) as! [String: Any]
        let first = (json["labels"] as! [[String: Any]])[0]
        #expect((first["label"] as? NSNumber)?.doubleValue == 2)
        #expect(first["label"] is NSNumber)
    }
}
