/// The boxes of every annotation as flat columns beside `AnnotationColumns`' records (32 bytes a
/// box and an interned label), in the order each annotation gave them.
typealias BoxColumns = AnswerListColumns<BoxGeometry>

extension AnswerListColumns<BoxGeometry> {
    /// The boxes of a record as values (built on each call).
    func values(of record: Int) -> [Box] {
        range(of: record).map {
            let shape = parts[$0]
            return Box(x: shape.x, y: shape.y, w: shape.w, h: shape.h, label: labels.names[Int(label[$0])])
        }
    }

    /// Gives the record just appended (`count` records now) its boxes, already validated.
    mutating func attach(_ boxes: [Box], count: Int) {
        attach(boxes.lazy.map { (BoxGeometry($0), $0.label) }, count: count)
    }

    /// Appends record `record`'s boxes to `item` as one answer, in `ItemBoxes`' order; `scratch`
    /// is reused from call to call.
    func appendAnswer(of record: Int, to item: inout ItemBoxes, scratch: inout [Int]) {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: range(of: record))
        // Through buffers: a closure over the columns would retain and release every array at each
        // comparison, and from two threads those shared counts cost more than the sort.
        parts.withUnsafeBufferPointer { parts in
            label.withUnsafeBufferPointer { label in
                scratch.sort { a, b in
                    label[a] != label[b] ? label[a] < label[b] : BoxGeometry.precedes(parts[a], parts[b])
                }
                item.append(shapes: scratch.lazy.map { parts[$0] }, labels: scratch.lazy.map { label[$0] })
            }
        }
    }
}
