/// Majority vote for one item: ties go to the first label in the task's label order.
enum Consensus {
    /// The winning answer and the share of annotators who gave it.
    static func majority(_ answers: [Answer], labelOrder: [String], multiple: Bool) -> (Answer, Double)? {
        guard !answers.isEmpty else { return nil }
        let total = Double(answers.count)
        if multiple {
            // Each label is kept when more than half chose it; confidence is the mean share agreeing with each decision.
            var chosen: [String] = []
            var agreeing = 0.0
            for label in labelOrder {
                let votes = Double(answers.filter { $0.labels.contains(label) }.count)
                if votes * 2 > total { chosen.append(label) }
                agreeing += max(votes, total - votes) / total
            }
            return (.many(chosen), agreeing / Double(max(labelOrder.count, 1)))
        }
        var counts: [String: Int] = [:]
        for answer in answers { counts[answer.labels.first ?? "", default: 0] += 1 }
        let best = counts.values.max() ?? 0
        let winner = labelOrder.first { counts[$0] == best } ?? counts.keys.sorted().first { counts[$0] == best } ?? ""
        return (.one(winner), Double(best) / total)
    }

    /// Mean share of agreeing pairs, or nil with fewer than two annotations.
    static func pairwiseAgreement(_ answers: [Answer]) -> Double? {
        guard answers.count >= 2 else { return nil }
        var agreeing = 0
        var pairs = 0
        for i in 0..<answers.count {
            for j in (i + 1)..<answers.count {
                pairs += 1
                if answers[i] == answers[j] { agreeing += 1 }
            }
        }
        return Double(agreeing) / Double(pairs)
    }
}
