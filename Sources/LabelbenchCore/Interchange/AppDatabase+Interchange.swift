import Agreement
import Foundation
import GRDB

extension AppDatabase {
    /// Imports another tool's export (`import-from`) into `task` in one transaction: the items it
    /// names and the annotations they carry are all stored, or, at the first bad record, nothing.
    ///
    /// Records are read one at a time while the transaction is open, so only one record's JSON
    /// tree is built at once; the file itself is held in memory.
    public func importInterchange(
        _ data: Data, format: InterchangeFormat, fileName: String, into task: LabelingTask
    ) async throws -> InterchangeImportReport {
        let now = Date().unix
        return try await writer.write { db in
            var reader = try format.reader(data, fileName: fileName, task: task)
            var items = InterchangeItemStore(task: task, now: now)
            var annotations = try AnnotationImportStore(task: task, now: now, db)
            var records = 0
            while let record = try reader.next() {
                records += 1
                let item = try items.item(for: record, db)
                for annotation in record.annotations {
                    let origin = "\(record.origin), annotation by \(annotation.annotator)"
                    if let seconds = annotation.seconds, !(seconds.isFinite && seconds >= 0) {
                        throw DomainError.invalid("\(origin): seconds must be ≥ 0")
                    }
                    let answer: Answer
                    do {
                        answer = try annotation.label.answer(for: task, on: item.bounds)
                    } catch let error as DomainError {
                        throw DomainError.invalid("\(origin): \(error.description)")
                    }
                    try annotations.store(
                        ImportedAnnotation(
                            origin: origin, item: item.id, annotator: annotation.annotator, answer: answer,
                            seconds: annotation.seconds, guidelineVersion: nil), db)
                }
            }
            let skipped = reader.skipped
            if records == 0 { throw DomainError.invalid("\(fileName): no records found") }
            return InterchangeImportReport(
                records: records + skipped.rejected + skipped.machineLabeled + skipped.failed, itemsCreated: items.created,
                itemsExisting: items.existing, annotationsImported: annotations.report.imported,
                annotationsUnchanged: annotations.report.unchanged, newAnnotators: annotations.report.newAnnotators,
                skipped: skipped)
        }
    }
}

extension InterchangeLabel {
    /// The answer as our task reads it; boxes are scaled from the tool's frame to the stored image.
    func answer(for task: LabelingTask, on bounds: ItemBounds) throws -> Answer {
        switch self {
        case .value(let value):
            return try Answer.parse(value, for: task)
        case .boxes(let boxes, let frame):
            guard let image = bounds.image else { throw DomainError.invalid("label: boxes are drawn on an image item") }
            let (scaleX, scaleY) = (image.width / frame.width, image.height / frame.height)
            let value: [[String: Any]] = boxes.map {
                ["x": $0.x * scaleX, "y": $0.y * scaleY, "w": $0.w * scaleX, "h": $0.h * scaleY, "label": $0.label]
            }
            return try Answer.parse(value, for: task)
        }
    }
}
