import Foundation

/// Dawid–Skene's fitted model of a set of annotations, kept so that one item's posterior can be worked out
/// from that item's own answers without running EM over everything again: the class prior and each
/// annotator's expected confusion counts, both as the fit (`DawidSkene`) left them.
///
/// `posterior(of:)` is the E-step for one item under the model, with every count smoothed by one
/// pseudo-count (Laplace): an annotator the fit never saw, or saw a few times, then says little instead
/// of being trusted outright, so a young model is cautious rather than confident.
public struct DawidSkeneModel: Codable, Sendable, Equatable {
    /// Classes in tie order: the declared label order, then labels found in the answers.
    public var labels: [String]
    /// Expected number of items of each class (the fitted prior times the items).
    public var classCounts: [Double]
    /// Expected counts by annotator: `counts[annotator][true * K + given]`.
    public var counts: [String: [Double]]
    /// Annotations the model was fitted on.
    public var annotations: Int

    /// Fits the model by Dawid–Skene EM (a fixed `iterations`, as `aggregate` runs it); gold answers clamp
    /// their items. Label sets, spans and boxes have no model here: their answers are left out.
    public init(
        fitting columns: AnnotationColumns, labelOrder: [String]?, gold: [String: LabelValue] = [:], iterations: Int = 100
    ) {
        let votes = ItemGroupedVotes(columns, labelOrder: labelOrder)
        let classes = votes.classCount
        let fit = DawidSkene(votes, iterations: iterations, tolerance: nil, gold: votes.goldClasses(gold))
        let given = DawidSkene.expectedCounts(votes, posteriors: fit.posteriors)
        labels = votes.labels
        classCounts = fit.priors.map { $0 * Double(votes.itemCount) }
        var counts: [String: [Double]] = [:]
        for (worker, name) in votes.annotatorNames.enumerated() {
            var matrix = [Double](repeating: 0, count: classes * classes)
            for truth in 0..<classes {
                for label in 0..<classes {
                    matrix[truth * classes + label] = given[(worker * classes + label) * classes + truth]
                }
            }
            counts[name] = matrix
        }
        self.counts = counts
        annotations = votes.worker.count
    }

    /// Posterior class probabilities (in `labels` order) of one item given its answers as
    /// (annotator, label key) pairs. A label outside `labels` tells nothing and is skipped.
    public func posterior(of answers: [(annotator: String, label: String)]) -> [Double] {
        let classes = labels.count
        guard classes > 0 else { return [] }
        var position: [String: Int] = [:]
        for (index, label) in labels.enumerated() where position[label] == nil { position[label] = index }
        let items = classCounts.reduce(0, +)
        // Logs, so that many answers cannot underflow the product.
        var scores = classCounts.map { log(($0 + 1) / (items + Double(classes))) }
        for answer in answers {
            guard let given = position[answer.label] else { continue }
            let matrix = counts[answer.annotator]
            for truth in 0..<classes {
                var row = Double(classes)
                var cell = 1.0
                if let matrix {
                    for label in 0..<classes { row += matrix[truth * classes + label] }
                    cell += matrix[truth * classes + given]
                }
                scores[truth] += log(cell / row)
            }
        }
        let top = scores.max() ?? 0
        let weights = scores.map { exp($0 - top) }
        let total = weights.reduce(0, +)
        return weights.map { $0 / total }
    }

    /// The most probable label of one item and its posterior probability (ties go to the first label);
    /// nil when no answer names a known label.
    public func consensus(of answers: [(annotator: String, label: String)]) -> (label: String, probability: Double)? {
        guard answers.contains(where: { labels.contains($0.label) }) else { return nil }
        let posterior = posterior(of: answers)
        let best = MajorityVote.best(posterior[...])
        return (labels[best], posterior[best])
    }
}
