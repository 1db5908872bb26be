import Foundation
import Testing

@testable import Agreement

/// Properties box agreement and consensus must keep on generated answers: symmetry, perfect agreement,
/// invariance under translation and under reordering annotators, items and boxes.
@Suite struct BoxPropertyTests {
    static let labels = ["car", "person", "sign"]

    /// A list of up to `most` boxes around a few shared spots, on a grid of quarter pixels so that
    /// translating by whole pixels is exact.
    static func boxList(_ generator: inout SeededGenerator, most: Int = 6) -> [Box] {
        (0..<Int(generator.next() % UInt64(most + 1))).map { _ in
            let spot = Double(generator.next() % 3) * 12
            return Box(
                x: spot + Double(generator.next() % 16) / 4, y: Double(generator.next() % 16) / 4,
                w: 8 + Double(generator.next() % 16) / 4, h: 8 + Double(generator.next() % 16) / 4,
                label: labels[Int(generator.next() % 3)])
        }
    }

    /// 40 items with 2–4 annotators each; answers start from a shared list and drift from it.
    static func sample(seed: UInt64) -> [AnnotationRecord] {
        var generator = SeededGenerator(seed: seed)
        var records: [AnnotationRecord] = []
        for item in 0..<40 {
            let truth = boxList(&generator)
            for annotator in 0..<(2 + Int(generator.next() % 3)) {
                let own = generator.unit() < 0.6 ? truth : boxList(&generator)
                records.append(AnnotationRecord(item: "item-\(item)", annotator: "ann-\(annotator)", label: .boxes(own)))
            }
        }
        return records
    }

    static func figures(_ records: [AnnotationRecord]) -> BoxAgreement {
        AgreementReport(records).boxAgreement!
    }

    static func close(_ a: BoxAgreement, _ b: BoxAgreement) -> Bool {
        func near(_ x: Double?, _ y: Double?) -> Bool {
            switch (x, y) {
            case (nil, nil): true
            case (let x?, let y?): abs(x - y) < 1e-12
            default: false
            }
        }
        return a.pairs == b.pairs && near(a.f1IoU50, b.f1IoU50) && near(a.meanIoU, b.meanIoU)
            && a.perLabel.count == b.perLabel.count
            && zip(a.perLabel, b.perLabel).allSatisfy { $0.label == $1.label && $0.n == $1.n && near($0.f1IoU50, $1.f1IoU50) }
    }

    /// The consensus of every item, by item.
    static func consensus(_ records: [AnnotationRecord]) -> [String: LabelValue] {
        Dictionary(uniqueKeysWithValues: aggregate(records, method: .majority).labels.map { ($0.item, $0.label) })
    }

    @Test func pairF1IsSymmetric() {
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<300 {
            let a = Self.boxList(&generator)
            let b = Self.boxList(&generator)
            #expect(Box.f1(a, b) == Box.f1(b, a), "\(a) \(b)")
            let forward = Set(Box.matching(a, b).map { [$0.left, $0.right] })
            let backward = Set(Box.matching(b, a).map { [$0.right, $0.left] })
            #expect(forward == backward, "\(a) \(b)")
        }
    }

    @Test func identicalListsGiveOne() {
        var generator = SeededGenerator(seed: 4)
        for _ in 0..<100 {
            let list = Self.boxList(&generator)
            #expect(Box.f1(list, list) == 1)
            let figures = Self.figures([
                AnnotationRecord(item: "i", annotator: "a", label: .boxes(list)),
                AnnotationRecord(item: "i", annotator: "b", label: .boxes(list)),
            ])
            #expect(figures.f1IoU50 == 1)
            #expect(figures.meanIoU == (list.isEmpty ? nil : 1))
            #expect(figures.perLabel.allSatisfy { $0.f1IoU50 == 1 })
        }
    }

    @Test func translatingEveryBoxChangesNothing() {
        for seed in [1, 2, 3] as [UInt64] {
            let records = Self.sample(seed: seed)
            let moved = records.map { record in
                guard case .boxes(let boxes) = record.label else { return record }
                var copy = record
                copy.label = .boxes(boxes.map { Box(x: $0.x + 300, y: $0.y - 64, w: $0.w, h: $0.h, label: $0.label) })
                return copy
            }
            #expect(Self.close(Self.figures(records), Self.figures(moved)))
            let before = Self.consensus(records)
            let after = Self.consensus(moved)
            for (item, label) in before {
                guard case .boxes(let boxes) = label else { continue }
                let expected = boxes.map {
                    Box(x: $0.x + 300, y: $0.y - 64, w: $0.w, h: $0.h, label: $0.label, confidence: $0.confidence)
                }
                #expect(after[item] == .boxes(expected), "\(item)")
            }
        }
    }

    @Test func permutingAnnotatorsItemsOrBoxesChangesNothing() {
        for seed in [1, 2, 3] as [UInt64] {
            let records = Self.sample(seed: seed)
            let base = Self.figures(records)
            let baseConsensus = Self.consensus(records)
            var generator = SeededGenerator(seed: seed + 100)
            let shuffled = records.shuffled(using: &generator).map { record in
                guard case .boxes(let boxes) = record.label else { return record }
                var copy = record
                copy.label = .boxes(boxes.shuffled(using: &generator))
                return copy
            }
            #expect(Self.close(base, Self.figures(shuffled)))
            #expect(Self.consensus(shuffled) == baseConsensus)
            // Renaming annotators per item (a different permutation on every item) and items.
            let renamed = records.map { record in
                var copy = record
                let number = Int(record.annotator.dropFirst(4))!
                let item = Int(record.item.dropFirst(5))!
                copy.annotator = "who-\((number + item) % 4)"
                copy.item = "x-\(997 * item % 1009)"
                return copy
            }
            #expect(Self.close(base, Self.figures(renamed.shuffled(using: &generator))))
        }
    }

    @Test func theReportAgreesWithPairF1ItemByItem() {
        let records = Self.sample(seed: 9)
        let report = AgreementReport(records)
        let byItem = Dictionary(grouping: records, by: \.item)
        for row in report.perItem {
            let answers = byItem[row.item]!.map { record -> [Box] in
                if case .boxes(let boxes) = record.label { return boxes }
                return []
            }
            var sum = 0.0
            var pairs = 0
            for i in answers.indices {
                for j in answers.indices where j > i {
                    sum += Box.f1(answers[i], answers[j])
                    pairs += 1
                }
            }
            #expect(abs(row.agreement! - sum / Double(pairs)) < 1e-12, "\(row.item)")
        }
    }
}
