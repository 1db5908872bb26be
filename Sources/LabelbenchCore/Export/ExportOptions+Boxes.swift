extension ExportOptions {
    /// Refuses a box format the task cannot fill, naming it: COCO and YOLO files hold object boxes, and
    /// `classes.txt` is one class a line, so a YOLO class name may not hold a line break.
    func checkBoxes(for task: LabelingTask) throws {
        guard task.answer == .boxes else {
            throw DomainError.invalid(
                "format: \(format.rawValue) writes object boxes, and task \(task.name) answers \(task.answer.rawValue); "
                    + "use jsonl or csv")
        }
        if format == .yolo, let label = task.labelNames.first(where: { $0.contains(where: YoloFiles.breaksLine) }) {
            throw DomainError.invalid(
                "format: yolo writes classes.txt one class a line, so a class may not hold a line break; "
                    + "\(JSONText.string(label)) does (use coco)")
        }
    }
}
