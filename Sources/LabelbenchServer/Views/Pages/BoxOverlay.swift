import Agreement
import LabelbenchCore

/// An image with several answers' boxes drawn over it server-side (`Templates/quality/box-overlay.mustache`):
/// one SVG whose user units are the stored image's pixels, the image as its first element and one
/// layer of rectangles per answer. A layer has a colour and a short mark written beside each of its
/// boxes, and the legend pairs the mark with the annotator, so no box is told apart by colour alone.
struct BoxOverlay {
    /// One answer's boxes: whose, their colour (`tone`, as the queue's class colours) and mark.
    struct Layer {
        let name: String
        let mark: String
        let tone: Int
        let isConsensus: Bool
        let boxCount: String
        let boxes: [DrawnBox]
    }

    /// A box in image pixels, with what its tooltip and its small label say.
    struct DrawnBox {
        let x: String
        let y: String
        let w: String
        let h: String
        let title: String
        let tag: String
        /// Above the box, or just inside it when the box touches the image's top edge.
        let tagY: String
    }

    /// One answer to draw: who gave it and its boxes.
    struct GivenBoxes {
        let name: String
        let boxes: [Box]
    }

    let imageURL: String
    let imageWidth: Int
    let imageHeight: Int
    /// The label's size in image pixels: about a fortieth of the image, so it reads the same once scaled.
    let fontSize: String
    let description: String
    let layers: [Layer]

    /// `answers` in the order of the legend; `tones` gives each annotator's colour (the same one
    /// wherever they appear on the page), `consensus` adds a last, dashed layer.
    init(image: ItemContent, answers: [GivenBoxes], tones: [String: Int], consensus: [Box]? = nil) {
        imageURL = image.imageURL
        imageWidth = image.imageWidth
        imageHeight = image.imageHeight
        let font = max(10, (Double(max(image.imageWidth, image.imageHeight)) / 40).rounded())
        fontSize = JSONText.number(font)
        var layers = answers.enumerated().map { index, answer in
            Self.layer(
                answer.name, mark: String(index + 1), tone: tones[answer.name] ?? index % 8, consensus: false,
                boxes: answer.boxes, font: font)
        }
        if let consensus {
            layers.append(Self.layer("consensus", mark: "C", tone: 0, consensus: true, boxes: consensus, font: font))
        }
        self.layers = layers
        let count = layers.reduce(0) { $0 + $1.boxes.count }
        description =
            "Image \(image.id), \(image.imageWidth) × \(image.imageHeight) pixels, with \(MarkKind.box.count(count)) "
            + "drawn by \(answers.count) annotator\(answers.count == 1 ? "" : "s")\(consensus == nil ? "" : " and the consensus")"
    }

    private static func layer(_ name: String, mark: String, tone: Int, consensus: Bool, boxes: [Box], font: Double) -> Layer {
        Layer(
            name: name, mark: mark, tone: tone, isConsensus: consensus, boxCount: MarkKind.box.count(boxes.count),
            boxes: boxes.map { box in
                DrawnBox(
                    x: JSONText.number(box.x), y: JSONText.number(box.y), w: JSONText.number(box.w), h: JSONText.number(box.h),
                    title: "\(name): \(box.label) (\(BoxOverlay.place(box)))", tag: "\(mark) \(box.label)",
                    tagY: JSONText.number(box.y >= font + 2 ? box.y - font / 4 : box.y + font))
            })
    }

    /// Each annotator's colour: one of the eight tones by their place among the task's annotators.
    static func tones(_ annotators: [String]) -> [String: Int] {
        Dictionary(annotators.enumerated().map { ($1, $0 % 8) }, uniquingKeysWith: { first, _ in first })
    }

    /// "x 12, y 40.5, w 30, h 80": a box's place as the ruling rows take it.
    static func place(_ box: Box) -> String {
        "x \(JSONText.number(box.x)), y \(JSONText.number(box.y)), w \(JSONText.number(box.w)), h \(JSONText.number(box.h))"
    }
}
