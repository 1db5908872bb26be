import Agreement
import ArtifactStore
import Crypto
import Foundation
import GRDB

/// The files and records of one dataset version, before it is committed or written to a folder.
public struct DatasetDraft: Sendable {
    public var collection: String
    public var files: [ArtifactFile]
    public var metadata: JSONValue
    public var lineage: JSONValue
}

/// Builds a dataset version of a task from one read snapshot, streaming `labels.jsonl` into the
/// blob store so memory stays flat as the task grows.
public struct DatasetExporter: Sendable {
    public let database: AppDatabase
    /// Where the new files (labels, schema, quality…) are written.
    public let blobs: BlobStore
    /// Where the items' images already are: the artifact store's blobs.
    public let images: BlobStore
    /// Keys annotator pseudonyms; the per-install secret.
    public let pseudonymKey: String

    public init(database: AppDatabase, blobs: BlobStore, images: BlobStore? = nil, pseudonymKey: String) {
        self.database = database
        self.blobs = blobs
        self.images = images ?? blobs
        self.pseudonymKey = pseudonymKey
    }

    /// Builds every file of the version. Nothing is committed here.
    public func draft(
        of task: LabelingTask, options: ExportOptions, by user: User?, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> DatasetDraft {
        try database.writer.read { db in
            // The read transaction is the snapshot: every file below sees the same state.
            guard let task = try LabelingTask.fetchOne(db, key: task.id) else {
                throw DomainError.notFound("no task named \(task.name)")
            }
            try options.check(for: task)
            // quality.json names annotators too: it must use the same pseudonyms as labels.jsonl.
            let input = try AppDatabase.statisticsInput(for: task, db, annotatorName: options.pseudonymize ? pseudonym : { $0 })
            let report = AgreementReport(input.annotations, options: task.agreementOptions(gold: input.gold))
            let modelled: TaskConsensus? =
                if task.answer.marksItem {
                    TaskConsensus(marks: task, annotations: input.annotations, report: report)
                } else if options.method(for: task) == .dawidSkene {
                    try TaskConsensus(dawidSkene: task, annotations: input.annotations, gold: input.gold)
                } else {
                    nil
                }
            let guidelines = try GuidelineVersion.fetchOne(db, key: ["task_id": task.id, "version": task.guidelineVersion])
            var files: [ArtifactFile] = []
            var rows = try writeLabels(task, options: options, consensus: modelled, db: db, progress: progress)
            files += rows.files
            let schema = Self.schemaJSON(task)
            files.append(ArtifactFile(path: "schema.json", blob: try blobs.put(Data(schema.utf8))))
            files.append(
                ArtifactFile(path: "guidelines.md", blob: try blobs.put(Data(Self.guidelinesMarkdown(task, guidelines).utf8))))
            files.append(ArtifactFile(path: "quality.json", blob: try writeQuality(report)))
            for (sha, ext) in rows.images.sorted(by: { $0.key < $1.key }) {
                files.append(ArtifactFile(path: "images/\(sha).\(ext)", blob: try images.reference(for: sha)))
            }
            rows.images = [:]
            let collection = options.name ?? task.name
            var metadata: [String: JSONValue] = [
                "task": .string(task.name),
                "kind": .string(task.kind.rawValue),
                "answer": .string(task.answer.rawValue),
                "label_schema": (try? JSONValue.parse(Data(schema.utf8))) ?? .null,
                "label_schema_digest": .string("sha256:" + SHA256.hash(data: Data(schema.utf8)).hexString),
                "guideline_version": .int(Int64(task.guidelineVersion)),
                "items": .int(Int64(rows.items)),
                "annotations": .int(Int64(input.annotations.count)),
                "annotators": .int(Int64(report.annotators.count)),
                "aggregation_method": .string(options.method(for: task).rawValue),
                "label_distribution": .object(rows.distribution.mapValues { .int(Int64($0)) }),
                "gold_items": .int(Int64(input.gold.count)),
                "adjudicated_items": .int(Int64(rows.adjudicated)),
            ]
            metadata["krippendorff_alpha"] = report.krippendorffAlpha.nominal.map(JSONValue.double) ?? .null
            metadata["alpha_ci95"] = report.alphaCI95.map { .array($0.map(JSONValue.double)) } ?? .null
            metadata["percent_agreement"] = report.percentAgreement.map(JSONValue.double) ?? .null
            let goldAccuracy = Self.goldAccuracy(input.annotations, gold: input.gold, for: task.answer)
            metadata["gold_accuracy"] = goldAccuracy.map(JSONValue.double) ?? .null
            metadata["gates"] = try Self.gateResults(task, report: report, goldAccuracy: goldAccuracy, db).json
            var lineage: [String: JSONValue] = [
                "task": .string(task.name),
                "guideline_version": .int(Int64(task.guidelineVersion)),
                "exported_at": .string(ISO8601.string(Date())),
                "exported_by": user.map { .string($0.name) } ?? .null,
            ]
            // Recorded only when asked for, so a whole-task version reads as it did before slices existed.
            if !options.slice.isEmpty { (metadata["slice"], lineage["slice"]) = (options.slice.json, options.slice.json) }
            if let split = options.split {
                let json = split.json(items: rows.splitItems)
                (metadata["split"], lineage["split"]) = (json, json)
            }
            return DatasetDraft(collection: collection, files: files, metadata: .object(metadata), lineage: .object(lineage))
        }
    }

    private struct LabelRows {
        var files: [ArtifactFile]
        var items: Int
        var distribution: [String: Int]
        var images: [String: String]
        var adjudicated = 0
        /// Rows written to each split file.
        var splitItems: [String: Int] = [:]
    }

    private func writeLabels(
        _ task: LabelingTask, options: ExportOptions, consensus: TaskConsensus?, db: Database,
        progress: (@Sendable (Int, Int) -> Void)?
    ) throws -> LabelRows {
        var jsonl = try BlobText(blobs)
        let csv = options.format == .csv ? try blobs.makeWriter() : nil
        var spanFile = try SpanFileWriter(format: options.format, blobs: blobs)
        var boxFiles = try BoxFileWriter(format: options.format, task: task, blobs: blobs)
        var splitFiles = try options.split.map { try SplitFileWriter(split: $0, blobs: blobs) }
        try csv?.append(
            Data(
                CSVCell.row([
                    "id", task.kind == .image ? "image" : "text", "label", "confidence", "agreement", "source", "annotations",
                ]).utf8))
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM item WHERE task_id = ?", arguments: [task.id]) ?? 0
        var result = LabelRows(files: [], items: 0, distribution: [:], images: [:])
        var pseudonyms: [String: String] = [:]
        let items = try Row.fetchCursor(
            db,
            sql: """
                SELECT item.id, external_id, text, image_sha256, image_type, image_width, image_height, gold,
                       adjudication.label AS ruling, adjudication.guideline_version AS ruling_version
                       \(Self.sliceColumns(options))
                FROM item JOIN task ON task.id = item.task_id LEFT JOIN adjudication ON adjudication.item_id = item.id
                WHERE item.task_id = ? ORDER BY external_id
                """, arguments: options.slice.state != nil ? [Date().unix, task.id] : [task.id])
        let annotationsOf = try db.makeStatement(
            sql: """
                SELECT user.name, a.label, a.guideline_version, a.seconds FROM counted_annotation a JOIN user ON user.id = a.user_id
                WHERE a.item_id = ? ORDER BY user.name
                """)
        let scorer = ItemVotes.Scorer(labelOrder: task.labelNames)
        var seen = 0
        while let item = try items.next() {
            seen += 1
            if seen % 5000 == 0 { progress?(seen, total) }
            let itemID: Int64 = item["id"]
            var answers: [Answer] = []
            var versions: [Int] = []
            var annotationJSON: [String] = []
            let rows = try Row.fetchCursor(annotationsOf, arguments: [itemID])
            while let row = try rows.next() {
                let answer = Answer(storedJSON: row[1])
                answers.append(answer)
                versions.append(row[2])
                var name: String = row[0]
                if options.pseudonymize {
                    name = pseudonyms[name] ?? pseudonym(name)
                    pseudonyms[row[0]] = name
                }
                annotationJSON.append(
                    "{\"annotator\":\(JSONText.string(name)),\"label\":\(answer.json),"
                        + "\"guideline_version\":\(row[2] as Int),\"seconds\":\(JSONText.number(row[3] as Double?))}")
            }
            // The consensus and agreement by the statistics' own rules, so this row and quality.json agree.
            // Span answers have no item-by-item vote: their consensus and F1 come from the whole task.
            let votes = consensus?.givesAgreement == true ? nil : scorer.votes(answers.map(\.labelValue))
            let gold = (item["gold"] as String?).map(Answer.init(storedJSON:))
            var label: Answer?
            var confidence: Double?
            var source = "consensus"
            // A practitioner's ruling stands over everything, even a gold answer it corrects.
            if let ruling = (item["ruling"] as String?).map(Answer.init(storedJSON:)) {
                (label, confidence, source) = (ruling, 1, "adjudicated")
            } else if let gold {
                (label, confidence, source) = (gold, 1, "gold")
            } else if let modelled = consensus?.result(for: item["external_id"]) {
                (label, confidence) = (modelled.0, modelled.1)
            } else if let vote = votes?.consensus {
                (label, confidence) = (Answer(vote.label), vote.confidence)
            }
            if label == nil && !options.includeUnlabeled { continue }
            let sliced = options.slice.admits(
                ExportSlice.Row(
                    meta: { ItemMeta(storedJSON: item["meta"]) }, label: label, confidence: confidence,
                    rulingVersion: item["ruling_version"], annotationVersions: versions,
                    state: { ItemState(Self.stateFacts(of: item, counted: answers)) }))
            if !sliced { continue }
            if source == "adjudicated" { result.adjudicated += 1 }
            let agreement = votes?.agreement ?? consensus?.agreement(for: item["external_id"])
            let externalID: String = item["external_id"]
            var content: String
            var contentCell: String
            if let sha: String = item["image_sha256"] {
                let ext = Self.fileExtension(mimeType: item["image_type"])
                result.images[sha] = ext
                contentCell = "images/\(sha).\(ext)"
                content = "\"image\":\(JSONText.string(contentCell))"
            } else {
                contentCell = item["text"] ?? ""
                content = "\"text\":\(JSONText.string(contentCell))"
            }
            let row =
                "{\"id\":\(JSONText.string(externalID)),\(content),\"label\":\(label?.json ?? "null"),"
                + "\"confidence\":\(JSONText.number(confidence)),\"agreement\":\(JSONText.number(agreement)),"
                + "\"source\":\"\(source)\",\"annotations\":[\(annotationJSON.joined(separator: ","))]}\n"
            try jsonl.append(row)
            if let split = options.split {
                try splitFiles?.append(row: row, groupKey: Self.groupKey(of: item, by: split.grouping))
            }
            if let label { for name in label.labels { result.distribution[name, default: 0] += 1 } }
            try csv?.append(
                Data(
                    CSVCell.row([
                        externalID, contentCell, label?.display ?? "", confidence.map { JSONText.number($0) } ?? "",
                        agreement.map { JSONText.number($0) } ?? "", source, String(answers.count),
                    ]).utf8))
            try spanFile?.append(id: externalID, text: contentCell, label: label)
            try boxFiles?.append(
                item: externalID, path: contentCell, width: item["image_width"], height: item["image_height"], label: label,
                confidence: confidence)
            result.items += 1
        }
        progress?(total, total)
        result.files.append(try jsonl.finish(as: "labels.jsonl"))
        if let csv { result.files.append(ArtifactFile(path: "labels.csv", blob: try csv.finish())) }
        if let file = try spanFile?.finish() { result.files.append(file) }
        result.files += try boxFiles?.finish() ?? []
        if var splitFiles {
            result.files += try splitFiles.finish()
            result.splitItems = splitFiles.items
        }
        return result
    }

    /// The item query's extra columns for a slice or split: `meta` when a condition or the grouping reads it,
    /// the earliest annotator for `--split-by annotator`, and the state's facts for `--state`, each read
    /// only when asked for so a plain export costs what it did.
    private static func sliceColumns(_ options: ExportOptions) -> String {
        var columns = ""
        let grouping = options.split?.grouping
        if !options.slice.meta.isEmpty || { if case .meta? = grouping { true } else { false } }() {
            columns += ", item.meta"
        }
        if grouping == .annotator {
            // Every annotation, counted or not: pausing an annotator later must not move their items.
            columns += """
                , (SELECT user.name FROM annotation a JOIN user ON user.id = a.user_id WHERE a.item_id = item.id
                   ORDER BY a.created_at, a.id LIMIT 1) AS first_annotator
                """
        }
        if options.slice.state != nil { columns += stateColumns }
        return columns
    }

    /// What `ItemState` reads of an item besides its ruling and counted answers, which the export reads
    /// anyway. Leases are live at one moment, the statement's argument, so the whole walk sees one clock.
    private static let stateColumns = """
        , (SELECT count(*) FROM flag WHERE flag.item_id = item.id AND flag.resolution IS NULL) AS open_flags,
        (SELECT count(*) FROM annotation WHERE annotation.item_id = item.id) AS all_annotations,
        coalesce(item.needed, task.overlap) AS places,
        EXISTS (SELECT 1 FROM lease WHERE lease.item_id = item.id
                AND lease.expires_at > ?) AS live_lease
        """

    /// The key of the item's split group: its id, the name (never the pseudonym) of its earliest annotator,
    /// or its meta value; "" for an item with no annotator or no such meta key.
    private static func groupKey(of item: Row, by grouping: DatasetSplit.Grouping) -> String {
        switch grouping {
        case .id: item["external_id"]
        case .annotator: item["first_annotator"] ?? ""
        case .meta(let key): ItemMeta(storedJSON: item["meta"]).text(key)
        }
    }

    /// The item's state facts from the columns `stateColumns` added to its row.
    private static func stateFacts(of item: Row, counted: [Answer]) -> ItemState.Facts {
        ItemState.Facts(
            ruled: item["ruling"] as String? != nil, openFlags: item["open_flags"], gold: item["gold"] as String? != nil,
            annotations: item["all_annotations"], counted: counted.count, countedAnswers: Set(counted).count,
            overlap: item["places"], liveLease: item["live_lease"])
    }

    /// `quality.json`, streamed into the blob store: with a row per item it is the largest file after the labels.
    private func writeQuality(_ report: AgreementReport) throws -> BlobRef {
        let writer = try blobs.makeWriter()
        var failure: (any Error)?
        report.writeJSON { chunk in
            guard failure == nil else { return }
            do { try chunk.withUnsafeBytes { try writer.append(buffer: $0) } } catch { failure = error }
        }
        if let failure { throw failure }
        return try writer.finish()
    }

    /// A stable pseudonym: HMAC of the name under the install secret, so it cannot be reversed by guessing names.
    func pseudonym(_ name: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(name.utf8), using: SymmetricKey(data: Data(pseudonymKey.utf8)))
        return "annotator-" + Data(mac).prefix(6).hexString
    }

    static func fileExtension(mimeType: String?) -> String {
        switch mimeType {
        case "image/png": "png"
        case "image/jpeg": "jpg"
        case "image/gif": "gif"
        case "image/webp": "webp"
        default: "bin"
        }
    }

    static func schemaJSON(_ task: LabelingTask) -> String {
        let labels = task.labels.map { label in
            "{\"name\":\(JSONText.string(label.name)),\"key\":\(label.key.map(JSONText.string) ?? "null"),"
                + "\"description\":\(label.description.map(JSONText.string) ?? "null")}"
        }
        return
            "{\"name\":\(JSONText.string(task.name)),\"kind\":\"\(task.kind.rawValue)\",\"answer\":\"\(task.answer.rawValue)\","
            + "\"labels\":[\(labels.joined(separator: ","))]}\n"
    }

    static func guidelinesMarkdown(_ task: LabelingTask, _ version: GuidelineVersion?) -> String {
        var text = "# \(task.title)\n\nGuideline version \(task.guidelineVersion)\n\n## Instructions\n\n"
        text += (version?.instructions ?? "") + "\n"
        let rulings = version?.guidelines ?? []
        if !rulings.isEmpty {
            text += "\n## Edge cases\n"
            for guideline in rulings {
                text += "\n### \(guideline.title)\n\n\(guideline.ruling)\n"
                if !guideline.examples.isEmpty { text += "\nExamples: \(guideline.examples.joined(separator: ", "))\n" }
            }
        }
        return text
    }

    /// The version measured against the task's quality gates, inside the export's read snapshot. The untrusted
    /// share counts every annotation of the task, trusted or not, as its denominator.
    static func gateResults(
        _ task: LabelingTask, report: AgreementReport, goldAccuracy: Double?, _ db: Database
    ) throws
        -> GateResults
    {
        let all = try Int.fetchOne(db, sql: "SELECT count(*) FROM annotation WHERE task_id = ?", arguments: [task.id]) ?? 0
        return task.gates.evaluate(
            QualityGates.Figures(
                report: report, answer: task.answer, goldAccuracy: goldAccuracy,
                untrusted: try AppDatabase.untrustedAnnotationCount(of: task, db), annotations: all))
    }

    /// The share of answers on gold items that match the gold answer (`AnswerType.matchesGold`).
    static func goldAccuracy(_ annotations: AnnotationColumns, gold: [String: LabelValue], for answer: AnswerType) -> Double? {
        guard !gold.isEmpty else { return nil }
        var graded = 0
        var correct = 0
        for annotation in annotations {
            guard let expected = gold[annotation.item] else { continue }
            graded += 1
            if answer.matchesGold(annotation.label, gold: expected) { correct += 1 }
        }
        return graded > 0 ? Double(correct) / Double(graded) : nil
    }
}
