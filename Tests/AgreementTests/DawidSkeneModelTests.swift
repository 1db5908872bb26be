import Foundation
import Testing

@testable import Agreement

/// The stored Dawid–Skene model that adaptive overlap reads: an item's posterior from its own answers agrees
/// with the full fit, and what the model has not seen tells nothing.
@Suite struct DawidSkeneModelTests {
    static let labels = ["cat", "dog", "bird"]

    /// 90 items: careful-1…3 give the item's label (item N is labels[N % 3]) except careful-3 on every
    /// seventh item, and a spammer whose answer ignores the item.
    static func records() -> [AnnotationRecord] {
        var records: [AnnotationRecord] = []
        for item in 0..<90 {
            for annotator in ["careful-1", "careful-2", "careful-3", "spammer"] {
                var label = labels[item % 3]
                if annotator == "spammer" { label = labels[item / 3 % 3] }
                if annotator == "careful-3", item % 7 == 0 { label = labels[(item + 1) % 3] }
                records.append(AnnotationRecord(item: "i\(item)", annotator: annotator, label: .string(label)))
            }
        }
        return records
    }

    @Test func anItemsPosteriorFromItsOwnAnswersGivesTheFullFitsLabel() {
        let records = Self.records()
        let model = DawidSkeneModel(fitting: AnnotationColumns(records), labelOrder: Self.labels)
        let fitted = aggregate(records, method: .dawidSkene(iterations: 100), labelOrder: Self.labels)
        #expect(model.annotations == records.count && model.labels == Self.labels)
        for row in fitted.labels {
            let answers = records.filter { $0.item == row.item }.map { (annotator: $0.annotator, label: $0.label.key) }
            let consensus = model.consensus(of: answers)
            #expect(consensus?.label == row.label.key, "\(row.item)")
            // Smoothing by one count in about thirty moves the posterior a little, never across the label.
            #expect(abs((consensus?.probability ?? 0) - row.confidence) < 0.05, "\(row.item)")
        }
        // The spammer's answer moves an item far less than a careful annotator's.
        let careful = model.consensus(of: [("careful-1", "dog")])?.probability ?? 0
        let spam = model.consensus(of: [("spammer", "dog")])?.probability ?? 1
        #expect(careful > 0.9 && spam < 0.5)
    }

    @Test func whatTheModelHasNotSeenTellsNothing() {
        let model = DawidSkeneModel(fitting: AnnotationColumns(Self.records()), labelOrder: Self.labels)
        let prior = model.posterior(of: [])
        #expect(abs(prior.reduce(0, +) - 1) < 1e-12)
        #expect(model.posterior(of: [("stranger", "cat")]) == prior)
        #expect(model.posterior(of: [("careful-1", "fish")]) == prior)
        #expect(model.consensus(of: [("careful-1", "fish")]) == nil)
        // An empty fit: every class equally likely.
        let empty = DawidSkeneModel(fitting: AnnotationColumns(), labelOrder: Self.labels)
        let third: Double = 1.0 / 3
        let uniform: [Double] = [third, third, third]
        #expect(empty.posterior(of: [("careful-1", "cat")]) == uniform)
    }
}
