import Agreement
import Foundation
import LabelbenchCore

/// A box answer as the queue form sends it: the JSON list `boxes.js` writes into `boxes`, or, with
/// JavaScript off, rows of x, y, w, h (image pixels) and class. `[]` is only taken from the "Nothing to
/// box" button (`nothing`), never from a form left empty; `add_row` asks for the page again with one
/// more row.
struct BoxForm: Decodable {
    /// One row as typed (or as the JSON list gave it), kept to be shown again beside its error.
    struct Row: Equatable {
        var x = ""
        var y = ""
        var w = ""
        var h = ""
        var label = ""

        /// A row with no coordinate typed is left out, whatever its class menu shows.
        var isBlank: Bool { [x, y, w, h].allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
    }

    /// Why the form was refused: a message for the page, and the rows' own messages by row index.
    struct Refusal: Error, Equatable {
        var message: String
        var rowErrors: [Int: String] = [:]
    }

    var csrf: String?
    var item: String?
    var lease: String?
    var started: String?
    var seconds: String?
    var rows: [Row]
    /// The `boxes` field held something that is not a JSON list of objects.
    var unreadableList = false
    var nothing = false
    var addRow = false

    enum CodingKeys: String, CodingKey {
        case csrf, item, lease, started, seconds, boxes, nothing
        case x = "box_x"
        case y = "box_y"
        case w = "box_w"
        case h = "box_h"
        case label = "box_label"
        case addRow = "add_row"
    }

    /// An empty form, or the rows of an answer being changed.
    init(boxes: [Box] = []) {
        rows = boxes.map {
            Row(
                x: JSONText.number($0.x), y: JSONText.number($0.y), w: JSONText.number($0.w), h: JSONText.number($0.h),
                label: $0.label)
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) -> String? { try? container.decodeIfPresent(String.self, forKey: key) }
        func column(_ key: CodingKeys) -> [String] { container.decodeLabels(forKey: key) ?? [] }
        csrf = text(.csrf)
        item = text(.item)
        lease = text(.lease)
        started = text(.started)
        seconds = text(.seconds)
        nothing = !(text(.nothing) ?? "").isEmpty
        addRow = !(text(.addRow) ?? "").isEmpty
        if let list = text(.boxes), !list.isEmpty {
            // boxes.js ran: its list is the answer, and the rows it hid are ignored.
            let value = try? JSONSerialization.jsonObject(with: Data(list.utf8))
            rows = (value as? [Any])?.map(Self.row(fromJSON:)) ?? []
            unreadableList = !(value is [Any])
        } else {
            let (xs, ys, ws, hs, labels) = (column(.x), column(.y), column(.w), column(.h), column(.label))
            let count = [xs.count, ys.count, ws.count, hs.count, labels.count].max() ?? 0
            func cell(_ values: [String], _ index: Int) -> String { index < values.count ? values[index] : "" }
            rows = (0..<count).map { index in
                Row(x: cell(xs, index), y: cell(ys, index), w: cell(ws, index), h: cell(hs, index), label: cell(labels, index))
            }
        }
    }

    /// The boxes the form gives in a task with `classes`, each row checked by the statistics library's
    /// box rules; a refused row is named by its number on the page. `image` adds the rule that boxes lie
    /// within it: the page knows the image when it shows the rows again, the core checks it on storing.
    func boxes(image: ImageSize?, classes: [String]) throws(Refusal) -> [Box] {
        if unreadableList { throw Refusal(message: "The boxes could not be read; draw them again.") }
        var boxes: [Box] = []
        var rowErrors: [Int: String] = [:]
        for (index, row) in rows.enumerated() where !row.isBlank {
            do throws(Refusal) {
                boxes.append(try Self.box(row, number: index + 1, image: image, classes: Set(classes)))
            } catch {
                rowErrors[index] = error.message
            }
        }
        if !rowErrors.isEmpty {
            let message = rowErrors.keys.sorted().compactMap { rowErrors[$0] }.joined(separator: " ")
            throw Refusal(message: message, rowErrors: rowErrors)
        }
        if nothing && !boxes.isEmpty {
            throw Refusal(
                message: "\"Nothing to box\" was pressed with \(boxes.count) box\(boxes.count == 1 ? "" : "es") listed: "
                    + "remove them to answer that there is nothing, or submit them.")
        }
        if !nothing && boxes.isEmpty {
            throw Refusal(
                message: "No boxes yet: draw (or type) a box around each object, "
                    + "or press \"Nothing to box\" if the image shows none.")
        }
        return boxes
    }

    /// One row as a box, or the row's message: numbers first, then the library's rules (w, h > 0, a
    /// class of the task, inside the image with its 0.5 px tolerance).
    static func box(_ row: Row, number: Int, image: ImageSize?, classes: Set<String>) throws(Refusal) -> Box {
        func pixels(_ text: String, _ name: String) throws(Refusal) -> Double {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { throw Refusal(message: "Row \(number): \(name) is missing.") }
            guard let value = Double(trimmed), value.isFinite else {
                throw Refusal(message: "Row \(number): \(name) must be a number of pixels, not \"\(trimmed.prefix(20))\".")
            }
            return value
        }
        let box = Box(
            x: try pixels(row.x, "x"), y: try pixels(row.y, "y"), w: try pixels(row.w, "w"), h: try pixels(row.h, "h"),
            label: row.label)
        if row.label.isEmpty { throw Refusal(message: "Row \(number): choose a class.") }
        do {
            return try Box.validated([box], image: image, labels: classes)[0]
        } catch {
            // The library names the box by its place in the list it was given, here always "box 1".
            let detail = error.message.hasPrefix("box 1 ") ? String(error.message.dropFirst("box 1 ".count)) : error.message
            throw Refusal(message: "Row \(number) \(detail).")
        }
    }

    /// A box of the JSON list as a row of text; what is not a number shows as sent, to be refused by `box`.
    private static func row(fromJSON element: Any) -> Row {
        let object = element as? [String: Any] ?? [:]
        func text(_ key: String) -> String {
            switch object[key] {
            // JSONSerialization gives booleans as NSNumber too: `true` is not a pixel count.
            case let number as NSNumber:
                String(cString: number.objCType) == "c" ? "\(number.boolValue)" : JSONText.number(number.doubleValue)
            case let string as String: string
            case nil: ""
            case let other?: "\(other)"
            }
        }
        return Row(x: text("x"), y: text("y"), w: text("w"), h: text("h"), label: object["label"] as? String ?? "")
    }
}

/// A box form shown again: the rows as sent, and why the answer was refused (nil after "Add another
/// row", which is not a refusal).
struct BoxDraft {
    var form: BoxForm
    var refused: String?
}
