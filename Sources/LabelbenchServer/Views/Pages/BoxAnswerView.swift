import Agreement
import LabelbenchCore

/// The answer part of a box task's queue page (`Templates/queue/box-answer.mustache`): the image with
/// the boxes so far drawn over it in an SVG, the classes with their keys for `boxes.js`, and the rows
/// of x, y, w, h and class that take the answer with JavaScript off.
struct BoxAnswerView {
    /// An object class: its button for `boxes.js` and its colour (`tone`, one of eight, the name
    /// always shown beside it).
    struct BoxClass {
        let name: String
        let key: String
        let hasKey: Bool
        let tone: Int
    }

    struct ClassOption {
        let name: String
        let selected: Bool
    }

    /// One row of the form, numbered from 1 as its message names it.
    struct Row {
        let number: Int
        let x: String
        let y: String
        let w: String
        let h: String
        let options: [ClassOption]
        let noClass: Bool
        let rowError: String
        let hasRowError: Bool
    }

    /// A box drawn server-side, in image pixels (the SVG's user units).
    struct DrawnBox {
        let number: Int
        let x: String
        let y: String
        let w: String
        let h: String
        let boxLabel: String
        let tone: Int
        /// Where the class name sits: above the box, or inside it when the box touches the top edge.
        let nameY: String
    }

    let action: String
    let submitText: String
    /// The revise page has no lease and no timer.
    let revising: Bool
    let imageURL: String
    let imageWidth: Int
    let imageHeight: Int
    let classes: [BoxClass]
    let rows: [Row]
    let drawn: [DrawnBox]
    /// Why the answer was refused: the rows' own messages when a row is at fault, else `refused`.
    let message: String
    let hasMessage: Bool

    /// `form` holds the rows to show (typed, or an answer being changed); one blank row is added when
    /// the form asked for it or has none, so there is always a row to type into. `refused` is the
    /// message of a refused answer: the rows are then checked again with the image known, so that a
    /// box outside it is named by its row.
    init(task: LabelingTask, image: ItemContent, action: String, revising: Bool, form: BoxForm, refused: String?) {
        self.action = action
        self.revising = revising
        submitText = revising ? "Save these boxes" : "Submit boxes"
        imageURL = image.imageURL
        imageWidth = image.imageWidth
        imageHeight = image.imageHeight
        let names = task.labels.map(\.name)
        classes = task.labels.enumerated().map { index, label in
            BoxClass(name: label.name, key: label.key ?? "", hasKey: !(label.key ?? "").isEmpty, tone: index % 8)
        }
        let size = ImageSize(width: Double(image.imageWidth), height: Double(image.imageHeight))
        var rowErrors: [Int: String] = [:]
        var message = refused ?? ""
        if refused != nil {
            do throws(BoxForm.Refusal) {
                _ = try form.boxes(image: size, classes: names)
            } catch {
                rowErrors = error.rowErrors
                if !rowErrors.isEmpty { message = error.message }
            }
        }
        self.message = message
        hasMessage = !message.isEmpty
        var typed = form.rows
        if form.addRow || typed.allSatisfy({ !$0.isBlank }) { typed.append(BoxForm.Row()) }
        rows = typed.enumerated().map { index, row in
            let message = rowErrors[index] ?? ""
            return Row(
                number: index + 1, x: row.x, y: row.y, w: row.w, h: row.h,
                options: names.map { ClassOption(name: $0, selected: $0 == row.label) }, noClass: !names.contains(row.label),
                rowError: message, hasRowError: !message.isEmpty)
        }
        let tones = Dictionary(names.enumerated().map { ($1, $0 % 8) }, uniquingKeysWith: { first, _ in first })
        // Rows that read as boxes are drawn; the rest wait beside their message.
        drawn = typed.enumerated().compactMap { index, row in
            guard !row.isBlank, let box = try? BoxForm.box(row, number: index + 1, image: size, classes: Set(names)) else {
                return nil
            }
            return DrawnBox(
                number: index + 1, x: JSONText.number(box.x), y: JSONText.number(box.y), w: JSONText.number(box.w),
                h: JSONText.number(box.h), boxLabel: box.label, tone: tones[box.label] ?? 0,
                nameY: JSONText.number(box.y >= 16 ? box.y - 4 : box.y + 14))
        }
    }
}
