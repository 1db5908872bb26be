import Agreement
import ArtifactStore
import Foundation

/// `spans.jsonl` (spaCy and Prodigy rows) or `labels.conll` (IOB2), streamed into the blob store beside
/// `labels.jsonl`: one item at a time, in the rows' order, every row of `labels.jsonl` included.
struct SpanFileWriter {
    let path: String
    private let format: ExportOptions.Format
    private var file: BlobText

    /// A writer for the format's file, or nil for a format without one of its own.
    init?(format: ExportOptions.Format, blobs: BlobStore) throws {
        switch format {
        case .spacy: path = "spans.jsonl"
        case .conll: path = "labels.conll"
        case .jsonl, .csv, .coco, .yolo: return nil
        }
        self.format = format
        file = try BlobText(blobs)
    }

    /// Adds an item with its exported label's spans (none for `[]`, and for an unlabeled item's `null`).
    mutating func append(id: String, text: String, label: Answer?) throws {
        var spans: [Span] = if case .spans(let list)? = label { list } else { [] }
        // Stored and consensus lists are sorted by start already; the CoNLL walk depends on it.
        if !zip(spans, spans.dropFirst()).allSatisfy({ $0.start <= $1.start }) { spans.sort { $0.start < $1.start } }
        switch format {
        case .conll: try file.append { CoNLLBlock.append(text: text, spans: spans, to: &$0) }
        default: try file.append(Self.spacyRow(id: id, text: text, spans: spans))
        }
    }

    mutating func finish() throws -> ArtifactFile {
        try file.finish(as: path)
    }

    /// `{"id", "text", "spans": [{"start", "end", "label"}]}`, offsets in code points as Python slices.
    static func spacyRow(id: String, text: String, spans: [Span]) -> String {
        "{\"id\":\(JSONText.string(id)),\"text\":\(JSONText.string(text)),\"spans\":["
            + spans.map(Answer.spanJSON).joined(separator: ",") + "]}\n"
    }
}
