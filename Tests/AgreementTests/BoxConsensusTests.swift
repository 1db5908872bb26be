import Foundation
import Testing

@testable import Agreement

/// Clusters and their median box, by hand.
@Suite struct BoxConsensusTests {
    static func strip(_ from: Double, _ to: Double, _ label: String = "car") -> Box {
        Box(x: from, y: 0, w: to - from, h: 10, label: label)
    }

    @Test func anOddCountTakesTheMiddleCorner() {
        // Three linked boxes: left edges 0, 1, 3 and right edges 10, 12, 11; tops and bottoms agree.
        let consensus = BoxConsensus(answers: [[Self.strip(0, 10)], [Self.strip(1, 12)], [Self.strip(3, 11)]])
        #expect(consensus.boxes == [Box(x: 1, y: 0, w: 10, h: 10, label: "car", confidence: 1)])
        #expect(consensus.confidence == 1)
    }

    @Test func anEvenCountTakesTheMeanOfTheTwoMiddleCorners() {
        // Left edges 0, 1, 2, 4 → (1 + 2) / 2; right edges 10, 10, 11, 13 → (10 + 11) / 2.
        let consensus = BoxConsensus(answers: [
            [Self.strip(0, 10)], [Self.strip(1, 11)], [Self.strip(2, 10)], [Self.strip(4, 13)],
        ])
        #expect(consensus.boxes == [Box(x: 1.5, y: 0, w: 9, h: 10, label: "car", confidence: 1)])
    }

    @Test func aClusterNeedsAStrictMajorityOfAnswers() {
        // Two of four is not a strict majority; the two empty answers do not make the row confident either.
        let half = BoxConsensus(answers: [[Self.strip(0, 10)], [Self.strip(0, 10)], [], []])
        #expect(half.boxes.isEmpty)
        #expect(half.confidence == 0.5)
        let most = BoxConsensus(answers: [[Self.strip(0, 10)], [Self.strip(0, 10)], [Self.strip(0, 10, "bus")]])
        #expect(most.boxes == [Box(x: 0, y: 0, w: 10, h: 10, label: "car", confidence: 2.0 / 3)])
    }

    @Test func aChainThatJoinsTwoBoxesOfOneAnswerGivesOneBoxFromIt() {
        // A–B match a1–b1 (9/11 beats a2–b1 at 7/13), B–C b1–c1 (7/12), A–C a2–c1 (9/10; a1–c1 is
        // 6/13): one cluster holding both of A's boxes. A gives it a2, linked by the larger IoU sum
        // (0.9 against 0.82); left edges 4, 1, 4 and right edges 14, 11, 13 take their medians.
        let a = [Self.strip(0, 10), Self.strip(4, 14)]
        let b = [Self.strip(1, 11)]
        let c = [Self.strip(4, 13)]
        #expect(Box.matching(a, b) == [BoxMatch(left: 0, right: 0, iou: 9.0 / 11)])
        #expect(Box.matching(b, c).count == 1)
        #expect(Box.matching(a, c) == [BoxMatch(left: 1, right: 0, iou: 0.9)])
        let consensus = BoxConsensus(answers: [a, b, c])
        #expect(consensus.boxes == [Box(x: 4, y: 0, w: 9, h: 10, label: "car", confidence: 1)])
        // The same answers in any order give the same consensus.
        #expect(BoxConsensus(answers: [c, a.reversed(), b]) == consensus)
    }

    @Test func boxesOfDifferentLabelsNeverShareACluster() {
        let consensus = BoxConsensus(answers: [
            [Self.strip(0, 10, "car")], [Self.strip(0, 10, "bus")], [Self.strip(0, 10, "car"), Self.strip(0, 10, "bus")],
        ])
        #expect(consensus.boxes.map(\.label) == ["bus", "car"])
        let shares: [Double?] = [2.0 / 3, 2.0 / 3]
        #expect(consensus.boxes.map(\.confidence) == shares)
        #expect(consensus.confidence == 2.0 / 3)
    }
}
