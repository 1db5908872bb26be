import Foundation

extension DawidSkene {
    /// The EM loop for up to eight classes with one SIMD register per posterior or confusion row:
    /// the same arithmetic as the scalar loop, about three times faster on a million votes.
    /// Returns nil when it doesn't apply (more classes, or a tolerance that needs the ELBO).
    static func vectorized(
        _ votes: ItemGroupedVotes, maximum: Int, gold: [Int32], start: [Double], startErrors: [Double]
    ) -> (posteriors: [Double], priors: [Double], confusion: [Double], iterations: Int)? {
        let classes = votes.classCount
        guard classes >= 1, classes <= 8, maximum > 0 else { return nil }
        let items = votes.itemCount
        let rows = votes.workerCount * classes
        var posterior = [SIMD8<Double>](repeating: .zero, count: items)
        for item in 0..<items { for c in 0..<classes { posterior[item][c] = start[item * classes + c] } }
        var errors = [SIMD8<Double>](repeating: .zero, count: rows)
        for row in 0..<rows { for c in 0..<classes { errors[row][c] = startErrors[row * classes + c] } }
        var logErrors = errors.map { row in SIMD8<Double>((0..<8).map { $0 < classes ? log(row[$0]) : 0 }) }
        var priors = mean(posterior, classes: classes)
        let chunks = ranges(items)
        let lanes = SIMD8<Double>((0..<8).map { $0 < classes ? 1 : 0 })
        var partial = [SIMD8<Double>](repeating: .zero, count: rows * chunks.count)
        for _ in 0..<maximum {
            let clipped = priors.replacing(with: .init(repeating: epsilon), where: priors .< epsilon) * lanes
            let logPriors = SIMD8<Double>((0..<8).map { $0 < classes ? log(clipped[$0]) : -.infinity })
            for index in partial.indices { partial[index] = .zero }
            votes.start.withUnsafeBufferPointer { start in
                votes.worker.withUnsafeBufferPointer { worker in
                    votes.label.withUnsafeBufferPointer { label in
                        errors.withUnsafeBufferPointer { errors in
                            logErrors.withUnsafeBufferPointer { logErrors in
                                posterior.withUnsafeMutableBufferPointer { posterior in
                                    partial.withUnsafeMutableBufferPointer { partial in
                                        nonisolated(unsafe) let buffers = (
                                            start, worker, label, errors, logErrors, posterior, partial
                                        )
                                        DispatchQueue.concurrentPerform(iterations: chunks.count) { chunk in
                                            let (start, worker, label, errors, logErrors, posterior, partial) = buffers
                                            let offset = chunk * rows
                                            for item in chunks[chunk] {
                                                let first = Int(start[item])
                                                let last = Int(start[item + 1])
                                                var scores = clipped
                                                for vote in first..<last {
                                                    scores *= errors[Int(worker[vote]) * classes + Int(label[vote])]
                                                }
                                                var total = scores.sum()
                                                if last - first > 30 || !(total > 0) || !total.isFinite {
                                                    // Long items could underflow: redo this one in logs.
                                                    var logs = logPriors
                                                    for vote in first..<last {
                                                        logs +=
                                                            logErrors[Int(worker[vote]) * classes + Int(label[vote])]
                                                    }
                                                    let top = logs.max()
                                                    scores = .zero
                                                    for c in 0..<classes { scores[c] = exp(logs[c] - top) }
                                                    total = scores.sum()
                                                }
                                                var row = scores / total
                                                if gold[item] >= 0 {
                                                    row = .zero
                                                    row[Int(gold[item])] = 1
                                                }
                                                posterior[item] = row
                                                // M-step counts in the same pass: votes of this item by row.
                                                for vote in first..<last {
                                                    partial[offset + Int(worker[vote]) * classes + Int(label[vote])] +=
                                                        row
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
            priors = mean(posterior, classes: classes)
            // Normalise counts per (worker, true class) over the given labels, clipping at epsilon.
            let floor = SIMD8<Double>(repeating: epsilon)
            for worker in 0..<votes.workerCount {
                var totals = SIMD8<Double>.zero
                for given in 0..<classes {
                    var counts = partial[worker * classes + given]
                    for chunk in 1..<chunks.count { counts += partial[chunk * rows + worker * classes + given] }
                    counts = counts.replacing(with: floor, where: counts .< floor)
                    errors[worker * classes + given] = counts
                    totals += counts
                }
                for given in 0..<classes {
                    let row = errors[worker * classes + given] / totals * lanes
                    errors[worker * classes + given] = row
                    logErrors[worker * classes + given] = SIMD8<Double>(
                        (0..<8).map { $0 < classes ? log(row[$0]) : 0 })
                }
            }
        }
        var flat = [Double](repeating: 0, count: items * classes)
        for item in 0..<items { for c in 0..<classes { flat[item * classes + c] = posterior[item][c] } }
        var confusion = [Double](repeating: 0, count: rows * classes)
        for worker in 0..<votes.workerCount {
            for given in 0..<classes {
                for truth in 0..<classes {
                    confusion[(worker * classes + truth) * classes + given] = errors[worker * classes + given][truth]
                }
            }
        }
        return (flat, (0..<classes).map { priors[$0] }, confusion, maximum)
    }

    static func mean(_ rows: [SIMD8<Double>], classes: Int) -> SIMD8<Double> {
        guard !rows.isEmpty else { return .zero }
        var sum = SIMD8<Double>.zero
        for row in rows { sum += row }
        return sum / Double(rows.count)
    }
}
