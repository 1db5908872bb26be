import Foundation
import Testing

@testable import Agreement

/// One definition of consensus: `aggregate`, the per-item `ItemVotes` an export streams, and the
/// report's per-item agreement give the same figures for the same answers.
@Suite struct ConsensusTests {
    /// Random answers from five annotators on 300 items: a quarter of the items have one answer.
    static func records(multiple: Bool, labels: [String], seed: UInt64) -> [AnnotationRecord] {
        var generator = SeededGenerator(seed: seed)
        var records: [AnnotationRecord] = []
        for item in 0..<300 {
            for annotator in 0..<(item % 4 == 0 ? 1 : Int(generator.next() % 5) + 1) {
                let label: LabelValue =
                    multiple
                    ? .strings(labels.filter { _ in generator.next() % 3 == 0 })
                    : .string(labels[Int(generator.next() % UInt64(item % 7 == 0 ? 2 : labels.count))])
                records.append(AnnotationRecord(item: "i\(item)", annotator: "a\(annotator)", label: label))
            }
        }
        return records
    }

    @Test(arguments: [false, true])
    func itemVotesGiveWhatAggregateAndTheReportGive(multiple: Bool) {
        let labels = ["cat", "dog", "bird", "fish"]
        let records = Self.records(multiple: multiple, labels: labels, seed: multiple ? 11 : 12)
        let aggregated = aggregate(records, method: .majority, labelOrder: labels)
        let report = AgreementReport(
            records, options: AgreementOptions(labels: labels, answer: multiple ? .multiple : .single))
        let perItem = Dictionary(uniqueKeysWithValues: report.perItem.map { ($0.item, $0.agreement) })
        let answers = Dictionary(grouping: records, by: \.item).mapValues { $0.map(\.label) }
        #expect(aggregated.labels.count == 300)
        for row in aggregated.labels {
            let votes = ItemVotes(answers[row.item]!, labelOrder: labels)
            // Bit for bit: exports write these numbers and must match quality.json and `aggregate`.
            #expect(votes.consensus?.label == row.label, "\(row.item)")
            #expect(votes.consensus?.confidence == row.confidence, "\(row.item)")
            #expect(votes.agreement == perItem[row.item] ?? nil, "\(row.item)")
        }
    }

    @Test func multipleChoiceKeepsEachLabelMoreThanHalfChose() {
        let records = [
            AnnotationRecord(item: "i", annotator: "a", label: .strings(["car", "bus"])),
            AnnotationRecord(item: "i", annotator: "b", label: .strings(["car"])),
            AnnotationRecord(item: "i", annotator: "c", label: .strings(["bus", "van"])),
            AnnotationRecord(item: "j", annotator: "a", label: .strings(["van"])),
            AnnotationRecord(item: "j", annotator: "b", label: .strings([])),
        ]
        let result = aggregate(records, method: .majority, labelOrder: ["car", "bus", "van", "bike"])
        let i = result.labels.first { $0.item == "i" }!
        #expect(i.label == .strings(["car", "bus"]))
        // Shares agreeing with each decision: car 2/3, bus 2/3, van 2/3, bike 3/3.
        #expect(abs(i.confidence - (2.0 / 3 * 3 + 1) / 4) < 1e-15)
        // One of two is not more than half: nothing kept.
        #expect(result.labels.first { $0.item == "j" }?.label == .strings([]))
        #expect(ItemVotes([.strings(["van"]), .strings([])], labelOrder: ["car", "bus", "van", "bike"]).agreement == 0.75)
        let b = result.annotators.first { $0.annotator == "b" }!
        // b's decisions on i: car yes (kept), bus no (kept), van no, bike no; on j: all no, nothing kept.
        #expect(b.skill == 7.0 / 8)
        #expect(b.confusion["car"]?["car"] == 1 && b.confusion["bus"]?["bus"] == 0)
        #expect(b.confusion["van"] == nil)
        #expect(result.notes.allSatisfy { !$0.contains("whole label sets") })
    }

    @Test func dawidSkeneOnLabelSetsIsMajorityPerLabelWithANote() {
        let records = Self.records(multiple: true, labels: ["x", "y", "z"], seed: 5)
        let majority = aggregate(records, method: .majority)
        let modelled = aggregate(records, method: .dawidSkene())
        #expect(modelled.method == "majority")
        #expect(modelled.labels == majority.labels)
        #expect(modelled.notes.contains { $0.contains("dawid-skene needs one label per answer") })
    }

    @Test func tiesGoToTheFirstLabelOfTheTaskListEvenOnANumericScale() {
        // The statistics put the scale in value order (1…5); a tie still follows the task's list.
        let scale = ["5", "4", "3", "2", "1"]
        let records = [
            AnnotationRecord(item: "t", annotator: "a", label: .string("2")),
            AnnotationRecord(item: "t", annotator: "b", label: .string("4")),
        ]
        for method in [AggregationMethod.majority, .dawidSkene()] {
            #expect(aggregate(records, method: method, labelOrder: scale).labels.first?.label == .string("4"))
        }
        #expect(ItemVotes(records.map(\.label), labelOrder: scale).consensus?.label == .string("4"))
        #expect(ItemVotes(records.map(\.label), labelOrder: nil).consensus?.label == .string("2"))
        #expect(ItemVotes([.number(3), .number(3), .number(1)], labelOrder: nil).consensus?.label == .number(3))
    }

    @Test func theScorersFastPathAgreesWithTheGeneralOne() {
        var generator = SeededGenerator(seed: 9)
        for labels in [["cat", "dog", "bird"], ["5", "4", "3", "2", "1"], ["b", "a"]] {
            let scorer = ItemVotes.Scorer(labelOrder: labels)
            // Unknown labels and numbers send an item down the general path; repeats inside a set count once.
            let pool = labels + ["zebra"]
            for round in 0..<2000 {
                let answers: [LabelValue] = (0..<Int(generator.next() % 6)).map { _ in
                    let pick = { pool[Int(generator.next() % UInt64(round % 10 == 0 ? pool.count : labels.count))] }
                    switch round % 3 {
                    case 0: return .string(pick())
                    case 1: return .strings((0..<Int(generator.next() % 4)).map { _ in pick() })
                    default: return round % 30 == 2 ? .number(3) : .string(pick())
                    }
                }
                let fast = scorer.votes(answers)
                let general = ItemVotes(answers, labelOrder: labels)
                #expect(fast.consensus?.label == general.consensus?.label, "\(answers)")
                #expect(fast.consensus?.confidence == general.consensus?.confidence, "\(answers)")
                #expect(fast.agreement == general.agreement, "\(answers)")
            }
        }
    }

    @Test func noAnswersNoConsensus() {
        let votes = ItemVotes([], labelOrder: ["a"])
        #expect(votes.consensus == nil && votes.agreement == nil)
        #expect(ItemVotes([.string("a")], labelOrder: ["a"]).agreement == nil)
    }
}
