import Foundation

/// Dawid & Skene (1979) EM over flat, item-grouped arrays, following crowd-kit's steps so results
/// match it: majority-vote start, confusion counts clipped at 1e-10 before normalising, priors
/// clipped in the E-step, gold items clamped to their class after every E-step, and the stopping
/// rule "stop when the evidence lower bound per annotation gains less than the tolerance".
/// Repeated (item, annotator) pairs count as independent observations, as in the 1979 paper.
struct DawidSkene: Sendable {
    static let epsilon = 1e-10

    /// Posterior class probabilities, item-major (`posteriors[i * K + c]`).
    var posteriors: [Double]
    var priors: [Double]
    /// P(given l | true c) at `confusion[(w * K + c) * K + l]`.
    var confusion: [Double]
    var iterations: Int

    init(_ votes: ItemGroupedVotes, iterations maximum: Int, tolerance: Double?, gold: [Int32]) {
        let classes = votes.classCount
        let items = votes.itemCount
        posteriors = MajorityVote.shares(votes)
        Self.clamp(&posteriors, gold: gold, classes: classes)
        priors = Self.means(posteriors, items: items, classes: classes)
        // Working layout for the E-step: log P(l | c) at (w * K + l) * K + c, contiguous in c.
        var logErrors = [Double](repeating: 0, count: votes.workerCount * classes * classes)
        var errors = logErrors
        confusion = Self.maximization(votes, posteriors: posteriors, errors: &errors, logErrors: &logErrors)
        iterations = 0
        if tolerance == nil,
            let fast = Self.vectorized(votes, maximum: maximum, gold: gold, start: posteriors, startErrors: errors)
        {
            (posteriors, priors, confusion, iterations) = fast
            return
        }
        var loss = -Double.infinity
        for _ in 0..<max(0, maximum) {
            Self.expectation(votes, priors: priors, errors: errors, logErrors: logErrors, posteriors: &posteriors)
            Self.clamp(&posteriors, gold: gold, classes: classes)
            priors = Self.means(posteriors, items: items, classes: classes)
            confusion = Self.maximization(votes, posteriors: posteriors, errors: &errors, logErrors: &logErrors)
            iterations += 1
            if let tolerance {
                let newLoss = Self.lowerBound(votes, posteriors: posteriors, priors: priors, logErrors: logErrors)
                if newLoss - loss < tolerance { break }
                loss = newLoss
            }
        }
    }

    /// M-step: expected confusion counts from the posteriors, clipped and normalised per true class.
    static func maximization(
        _ votes: ItemGroupedVotes, posteriors: [Double], errors: inout [Double], logErrors: inout [Double]
    ) -> [Double] {
        let classes = votes.classCount
        let counts = expectedCounts(votes, posteriors: posteriors)
        var confusion = [Double](repeating: 0, count: counts.count)
        for worker in 0..<votes.workerCount {
            for c in 0..<classes {
                var total = 0.0
                for l in 0..<classes { total += max(counts[(worker * classes + l) * classes + c], epsilon) }
                for l in 0..<classes {
                    let probability = max(counts[(worker * classes + l) * classes + c], epsilon) / total
                    confusion[(worker * classes + c) * classes + l] = probability
                    errors[(worker * classes + l) * classes + c] = probability
                    logErrors[(worker * classes + l) * classes + c] = log(probability)
                }
            }
        }
        return confusion
    }

    /// Evidence lower bound per annotation, as crowd-kit computes it (prior term once per vote).
    static func lowerBound(
        _ votes: ItemGroupedVotes, posteriors: [Double], priors: [Double], logErrors: [Double]
    )
        -> Double
    {
        let classes = votes.classCount
        let logPriors = priors.map { log($0) }
        var joint = 0.0
        var entropy = 0.0
        for item in 0..<votes.itemCount {
            let base = item * classes
            for vote in Int(votes.start[item])..<Int(votes.start[item + 1]) {
                let row = (Int(votes.worker[vote]) * classes + Int(votes.label[vote])) * classes
                for c in 0..<classes where posteriors[base + c] > 0 {
                    joint += posteriors[base + c] * (logErrors[row + c] + logPriors[c])
                }
            }
            for c in 0..<classes where posteriors[base + c] > 0 {
                entropy -= posteriors[base + c] * log(posteriors[base + c])
            }
        }
        return (joint + entropy) / Double(max(votes.worker.count, 1))
    }

    /// E-step: posterior class probabilities of every item, in two halves run in parallel.
    static func expectation(
        _ votes: ItemGroupedVotes, priors: [Double], errors: [Double], logErrors: [Double],
        posteriors: inout [Double]
    ) {
        let classes = votes.classCount
        let clippedPriors = priors.map { max($0, epsilon) }
        let logPriors = clippedPriors.map { log($0) }
        let chunks = ranges(votes.itemCount)
        errors.withUnsafeBufferPointer { errors in
            logErrors.withUnsafeBufferPointer { logErrors in
                votes.start.withUnsafeBufferPointer { start in
                    votes.worker.withUnsafeBufferPointer { worker in
                        votes.label.withUnsafeBufferPointer { label in
                            posteriors.withUnsafeMutableBufferPointer { output in
                                nonisolated(unsafe) let (errors, logErrors, start, worker, label, output) = (
                                    errors, logErrors, start, worker, label, output
                                )
                                DispatchQueue.concurrentPerform(iterations: chunks.count) { chunk in
                                    var scores = [Double](repeating: 0, count: classes)
                                    scores.withUnsafeMutableBufferPointer { scores in
                                        for item in chunks[chunk] {
                                            let first = Int(start[item])
                                            let last = Int(start[item + 1])
                                            if last - first <= 30 {
                                                // Each factor is ≥ 1e-10, so up to 30 of them can't underflow:
                                                // multiply plain probabilities and skip the exponentials.
                                                var total = 0.0
                                                for c in 0..<classes { scores[c] = clippedPriors[c] }
                                                for vote in first..<last {
                                                    let row = (Int(worker[vote]) * classes + Int(label[vote])) * classes
                                                    for c in 0..<classes { scores[c] *= errors[row + c] }
                                                }
                                                for c in 0..<classes { total += scores[c] }
                                                if total > 0, total.isFinite {
                                                    for c in 0..<classes {
                                                        output[item * classes + c] = scores[c] / total
                                                    }
                                                    continue
                                                }
                                            }
                                            for c in 0..<classes { scores[c] = logPriors[c] }
                                            for vote in Int(start[item])..<Int(start[item + 1]) {
                                                let row = (Int(worker[vote]) * classes + Int(label[vote])) * classes
                                                for c in 0..<classes { scores[c] += logErrors[row + c] }
                                            }
                                            // Shift by the maximum before exponentiating so long products don't underflow.
                                            var top = -Double.infinity
                                            for c in 0..<classes { top = max(top, scores[c]) }
                                            var total = 0.0
                                            for c in 0..<classes {
                                                let value = exp(scores[c] - top)
                                                scores[c] = value
                                                total += value
                                            }
                                            for c in 0..<classes { output[item * classes + c] = scores[c] / total }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Expected confusion counts at `(w * K + l) * K + c`, summed from per-thread partial arrays.
    static func expectedCounts(_ votes: ItemGroupedVotes, posteriors: [Double]) -> [Double] {
        let classes = votes.classCount
        let size = votes.workerCount * classes * classes
        let chunks = ranges(votes.itemCount)
        var partial = [Double](repeating: 0, count: size * chunks.count)
        posteriors.withUnsafeBufferPointer { posteriors in
            votes.start.withUnsafeBufferPointer { start in
                votes.worker.withUnsafeBufferPointer { worker in
                    votes.label.withUnsafeBufferPointer { label in
                        partial.withUnsafeMutableBufferPointer { partial in
                            nonisolated(unsafe) let (posteriors, start, worker, label, partial) = (
                                posteriors, start, worker, label, partial
                            )
                            DispatchQueue.concurrentPerform(iterations: chunks.count) { chunk in
                                let offset = chunk * size
                                for item in chunks[chunk] {
                                    let base = item * classes
                                    for vote in Int(start[item])..<Int(start[item + 1]) {
                                        let row = offset + (Int(worker[vote]) * classes + Int(label[vote])) * classes
                                        for c in 0..<classes { partial[row + c] += posteriors[base + c] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        guard chunks.count > 1 else { return partial }
        var counts = Array(partial[0..<size])
        for chunk in 1..<chunks.count {
            for index in 0..<size { counts[index] += partial[chunk * size + index] }
        }
        return counts
    }

    /// Two halves for large inputs (the machine has two cores), one range otherwise.
    static func ranges(_ count: Int) -> [Range<Int>] {
        guard count >= 20_000 else { return [0..<count] }
        return [0..<(count / 2), (count / 2)..<count]
    }

    static func clamp(_ posteriors: inout [Double], gold: [Int32], classes: Int) {
        for (item, truth) in gold.enumerated() where truth >= 0 {
            for c in 0..<classes { posteriors[item * classes + c] = c == Int(truth) ? 1 : 0 }
        }
    }

    static func means(_ posteriors: [Double], items: Int, classes: Int) -> [Double] {
        var means = [Double](repeating: 0, count: classes)
        guard items > 0 else { return means }
        for item in 0..<items { for c in 0..<classes { means[c] += posteriors[item * classes + c] } }
        return means.map { $0 / Double(items) }
    }
}
