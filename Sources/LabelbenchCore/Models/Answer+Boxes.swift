import Agreement
import Foundation

/// Box answers: read with the statistics library's box rules, checked against the item's image
/// where the item is known.
extension Answer {
    /// Reads a list of `{x, y, w, h, label}` and checks each box against the task's classes, in the
    /// order sent. Whether the boxes lie within the image is checked later, by `fitted(to:)`.
    static func parseBoxes(_ value: Any?, labels: Set<String>) throws -> Answer {
        .boxes(
            try readList(value, expected: "boxes {\"x\", \"y\", \"w\", \"h\", \"label\"}") {
                try Box.validated(Box.list(fromJSON: $0), labels: labels)
            })
    }

    /// The boxes moved onto the edges of `image` they pass by at most half a pixel; a box further
    /// out is refused, named by its position in the list.
    static func fitBoxes(_ boxes: [Box], on image: ImageSize?) throws -> [Box] {
        guard let image else { throw DomainError.invalid("label: boxes are drawn on an image item") }
        return try refusingLabel { try Box.validated(boxes, image: image) }
    }

    /// A stored box list read back exactly. JSONSerialization on Linux reads some 17-digit numbers
    /// an ulp or more off (1895.8545496565387); JSONDecoder does not, so a stored box equals the box
    /// sent and a resubmission is not taken for a different answer.
    static func storedBoxes(_ json: String) -> [Box]? {
        try? JSONDecoder().decode([Box].self, from: Data(json.utf8))
    }

    static func boxJSON(_ box: Box) -> String {
        "{\"x\":\(JSONText.number(box.x)),\"y\":\(JSONText.number(box.y)),\"w\":\(JSONText.number(box.w)),"
            + "\"h\":\(JSONText.number(box.h)),\"label\":\(JSONText.string(box.label))}"
    }
}
