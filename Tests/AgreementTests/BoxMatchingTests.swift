import Foundation
import Testing

@testable import Agreement

/// The box matching by hand: pairs under IoU 0.5 excluded first, then the largest total IoU, one to one within a label.
@Suite struct BoxMatchingTests {
    /// A box spanning `from…to` across and 10 px down from the top: its IoU with another such box
    /// is the overlap of the two intervals over their union.
    static func strip(_ from: Double, _ to: Double, _ label: String = "car") -> Box {
        Box(x: from, y: 0, w: to - from, h: 10, label: label)
    }

    @Test func iouOfTwoRectangles() {
        // 10×10 squares offset by 5 on both axes: intersection 25, union 175.
        let a = Box(x: 0, y: 0, w: 10, h: 10, label: "car")
        let b = Box(x: 5, y: 5, w: 10, h: 10, label: "car")
        #expect(Box.iou(a, b) == 25.0 / 175)
        #expect(Box.iou(a, Box(x: 10, y: 0, w: 5, h: 5, label: "car")) == 0)
        #expect(Box.iou(a, a) == 1)
    }

    @Test func greedyIsWrongWhereTheOptimalMatchingIsRight() {
        // a1–b1 9/10 is the best single pair, but taking it leaves a2 with nothing: a1–b2 (8/12) and
        // a2–b1 (7/12) together weigh 1.25 > 0.9, and match both boxes.
        let a = [Self.strip(0, 10), Self.strip(3, 13)]
        let b = [Self.strip(1, 10), Self.strip(-2, 8)]
        #expect(Box.iou(a[0], b[0]) == 0.9)
        #expect(Box.iou(a[1], b[1]) < 0.5)
        let matching = Box.matching(a, b)
        #expect(matching.map { [$0.left, $0.right] } == [[0, 1], [1, 0]])
        let total: Double = matching.map(\.iou).reduce(0, +)
        #expect(abs(total - (8.0 / 12 + 7.0 / 12)) < 1e-15)
        #expect(Box.f1(a, b) == 1)
    }

    @Test func excludingWeakPairsFirstIsNotThresholdingAfterTheAssignment() {
        // Over all IoUs the best assignment is a1–b1 (5/12) + a2–b2 (4/12) = 0.75 > a2–b1 (5/9) +
        // a1–b2 (2/17); both of its pairs then fall under 0.5, leaving no match. Excluding them first
        // leaves a2–b1 alone: one match, F1 2·1/4.
        let a = [Self.strip(5, 17), Self.strip(3, 12)]
        let b = [Self.strip(7, 12), Self.strip(0, 7)]
        #expect(Box.iou(a[0], b[0]) + Box.iou(a[1], b[1]) > Box.iou(a[1], b[0]) + Box.iou(a[0], b[1]))
        let matching = Box.matching(a, b)
        #expect(matching == [BoxMatch(left: 1, right: 0, iou: 5.0 / 9)])
        #expect(Box.f1(a, b) == 0.5)
    }

    @Test func equalTotalsGoToTheMatchingWithMorePairs() {
        // a1 = b1 (IoU 1) weighs as much as a1–b2 (0.5) + a2–b1 (0.5): the two pairs win.
        let a = [Self.strip(0, 10), Self.strip(0, 5)]
        let b = [Self.strip(0, 10), Self.strip(5, 10)]
        #expect(Box.iou(a[1], b[0]) == 0.5)
        #expect(Box.iou(a[0], b[1]) == 0.5)
        #expect(Box.matching(a, b).map { [$0.left, $0.right] } == [[0, 1], [1, 0]])
        #expect(Box.matching(b, a).map { [$0.left, $0.right] } == [[0, 1], [1, 0]])
        #expect(Box.f1(a, b) == 1)
    }

    @Test func anIoUOfExactlyOneHalfMatchesAndJustUnderDoesNot() {
        #expect(Box.f1([Self.strip(0, 10)], [Self.strip(0, 5)]) == 1)
        #expect(Box.f1([Self.strip(0, 10)], [Self.strip(0, 4.99)]) == 0)
    }

    @Test func boxesMatchOnlyWithinALabel() {
        let a = [Self.strip(0, 10, "car"), Self.strip(20, 30, "person")]
        let b = [Self.strip(0, 10, "person"), Self.strip(20, 30, "person")]
        #expect(Box.matching(a, b) == [BoxMatch(left: 1, right: 1, iou: 1)])
        #expect(Box.f1(a, b) == 0.5)
        #expect(Box.f1([], []) == 1)
        #expect(Box.f1(a, []) == 0)
    }

    @Test func equalTotalsAndCountsAreBrokenTheSameWayWhicheverListComesFirst() {
        // Two identical boxes on each side: either pairing has the same total and count.
        let a = [Self.strip(0, 10), Self.strip(0, 10)]
        let b = [Self.strip(0, 10), Self.strip(0, 10)]
        #expect(Box.matching(a, b).map { [$0.left, $0.right] } == [[0, 0], [1, 1]])
        // A pair of lists that differ: the matching read from either side is the same set of pairs.
        let c = [Self.strip(0, 10), Self.strip(1, 11), Self.strip(2, 12)]
        let d = [Self.strip(1, 11), Self.strip(0, 10), Self.strip(0.5, 10.5)]
        let forward = Set(Box.matching(c, d).map { [$0.left, $0.right] })
        let backward = Set(Box.matching(d, c).map { [$0.right, $0.left] })
        #expect(forward == backward)
        #expect(forward.count == 3)
    }

    @Test func aCrowdedSceneMatchesAsBruteForceDoes() {
        var generator = SeededGenerator(seed: 13)
        for _ in 0..<300 {
            // Up to 6 boxes a side, jittered around a few shared centres so many pairs are candidates.
            func list() -> [Box] {
                (0..<Int(generator.next() % 7)).map { _ in
                    let centre = Double(generator.next() % 3) * 6
                    let x = centre + Double(generator.next() % 5) - 2
                    let y = Double(generator.next() % 5) - 2
                    let w = 8 + Double(generator.next() % 5)
                    let h = 8 + Double(generator.next() % 5)
                    return Box(x: x, y: y, w: w, h: h, label: "car")
                }
            }
            let (a, b) = (list(), list())
            let found = Box.matching(a, b)
            let best = Self.bruteForce(a, b)
            #expect(found.count == best.count, "\(a) \(b)")
            let total: Double = found.map(\.iou).reduce(0, +)
            #expect(abs(total - best.total) < 1e-9, "\(a) \(b)")
            let lefts = Set(found.map(\.left))
            let rights = Set(found.map(\.right))
            #expect(lefts.count == found.count)
            #expect(rights.count == found.count)
            #expect(found.allSatisfy { $0.iou >= 0.5 })
        }
    }

    /// Every one-to-one matching over pairs with IoU ≥ 0.5: the largest total, then the most pairs.
    static func bruteForce(_ a: [Box], _ b: [Box]) -> (count: Int, total: Double) {
        var best = (count: 0, total: 0.0)
        func extend(_ i: Int, _ used: Set<Int>, _ count: Int, _ total: Double) {
            if i == a.count {
                if total > best.total + 1e-9 || (abs(total - best.total) <= 1e-9 && count > best.count) {
                    best = (count, total)
                }
                return
            }
            extend(i + 1, used, count, total)
            for j in b.indices where !used.contains(j) {
                let iou = Box.iou(a[i], b[j])
                if iou >= 0.5 { extend(i + 1, used.union([j]), count + 1, total + iou) }
            }
        }
        extend(0, [], 0, 0)
        return best
    }
}
