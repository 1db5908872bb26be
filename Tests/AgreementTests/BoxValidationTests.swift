import Foundation
import Testing

@testable import Agreement

/// `Box.validated`: finite numbers, positive sizes, labels, and the half-pixel edge tolerance.
@Suite struct BoxValidationTests {
    static let image = ImageSize(width: 100, height: 50)

    /// The message a single box gets, or nil when it is taken.
    static func refusal(_ box: Box, image: ImageSize? = image, labels: Set<String>? = nil) -> String? {
        do {
            _ = try Box.validated([box], image: image, labels: labels)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func coordinatesMustBeFiniteAndSizesPositive() {
        #expect(Self.refusal(Box(x: .nan, y: 0, w: 1, h: 1, label: "car"))?.contains("must be finite") == true)
        #expect(Self.refusal(Box(x: 0, y: .infinity, w: 1, h: 1, label: "car"))?.contains("must be finite") == true)
        #expect(Self.refusal(Box(x: 0, y: 0, w: 0, h: 1, label: "car"))?.contains("w must be greater than 0") == true)
        #expect(Self.refusal(Box(x: 0, y: 0, w: 1, h: -1, label: "car"))?.contains("h must be greater than 0") == true)
        #expect(Self.refusal(Box(x: 0, y: 0, w: 1, h: 1, label: ""))?.contains("label must not be empty") == true)
        #expect(
            Self.refusal(Box(x: 0, y: 0, w: 1, h: 1, label: "dog"), labels: ["car"])?
                .contains("\"dog\" is not one of the task's labels") == true)
    }

    @Test func anEdgeUpToHalfAPixelOutsideIsClampedOntoTheImage() throws {
        let boxes = try Box.validated(
            [
                Box(x: -0.5, y: -0.25, w: 10.5, h: 5.25, label: "car"),
                Box(x: 90, y: 40, w: 10.5, h: 10.5, label: "car"),
            ], image: Self.image)
        #expect(boxes[0] == Box(x: 0, y: 0, w: 10, h: 5, label: "car"))
        #expect(boxes[1] == Box(x: 90, y: 40, w: 10, h: 10, label: "car"))
    }

    @Test func aBoxInsideTheImageKeepsItsNumbersAsSent() throws {
        // 300.3 + 500.4 - 300.3 is 500.4000000000001 in binary floating point.
        let sent = Box(x: 300.3, y: 0.1, w: 500.4, h: 0.7, label: "car")
        let boxes = try Box.validated([sent], image: ImageSize(width: 2400, height: 1600))
        #expect(boxes == [sent])
    }

    @Test func anEdgeMoreThanHalfAPixelOutsideIsRefused() {
        for box in [
            Box(x: -0.51, y: 0, w: 10, h: 5, label: "car"), Box(x: 0, y: -0.51, w: 10, h: 5, label: "car"),
            Box(x: 90, y: 0, w: 10.51, h: 5, label: "car"), Box(x: 0, y: 40, w: 10, h: 10.51, label: "car"),
        ] {
            let message = Self.refusal(box)
            #expect(message?.contains("lies outside the 100×50 image (more than 0.5 px past an edge)") == true, "\(box)")
        }
        // Offline the image is unknown: any position is taken as sent.
        #expect(Self.refusal(Box(x: -40, y: 0, w: 10, h: 5, label: "car"), image: nil) == nil)
    }

    @Test func errorsNameTheBoxByPositionAndValue() {
        #expect {
            try Box.validated(
                [Box(x: 1, y: 2, w: 3, h: 4, label: "car"), Box(x: 1.5, y: 2, w: 0, h: 4, label: "bus")], image: Self.image)
        } throws: { error in
            (error as? BoxListError)?.message == "box 2 (x 1.5, y 2, w 0, h 4, label \"bus\"): w must be greater than 0"
        }
    }
}
