import Foundation

/// Item drafts handed over in file order while the rest of the file is still being parsed, so
/// that storing the first items overlaps parsing the last ones on the other cores.
///
/// A JSONL file is cut at line ends into pieces of about 256 KB, parsed in parallel; `next()`
/// returns each piece's drafts in order, waiting for a piece that is not parsed yet. A piece that
/// fails hands over the drafts before its bad line first and then throws, so whoever consumes the
/// stream meets problems in line order and the earliest bad line is the one named.
public final class DraftStream: @unchecked Sendable {
    /// About how much of a file one parsing job takes.
    public static let pieceBytes = 1 << 18

    struct Piece {
        var drafts: [ItemDraft]
        var error: (any Error)?
    }

    private enum Slot {
        case parsing
        case ready(Piece)
        case taken
    }

    /// Guards every field below.
    private let condition = NSCondition()
    private var slots: [Slot]
    private var current = 0
    private var handedOver = 0
    private var cancelled = false
    private let source: String

    private init(pieces: Int, source: String) {
        slots = Array(repeating: .parsing, count: pieces)
        self.source = source
    }

    /// Drafts that are already parsed (a CSV file, image items, several files of one upload).
    public static func ready(_ drafts: [ItemDraft], source: String) -> DraftStream {
        let stream = DraftStream(pieces: 1, source: source)
        stream.slots[0] = .ready(Piece(drafts: drafts))
        return stream
    }

    /// Starts parsing `data` as JSONL in the background and returns at once.
    public static func parsingJSONL(_ data: Data, fileName: String, pieceBytes: Int = pieceBytes) -> DraftStream {
        let pieces = data.withUnsafeBytes { ItemFileParser.jsonlPieces($0, pieceBytes: pieceBytes) }
        let stream = DraftStream(pieces: pieces.count, source: fileName)
        DispatchQueue.global().async {
            // concurrentPerform hands out iterations in order, so the first pieces are ready first.
            DispatchQueue.concurrentPerform(iterations: pieces.count) { index in
                guard !stream.isCancelled else { return stream.fill(index, Piece(drafts: [], error: CancellationError())) }
                let piece = data.withUnsafeBytes { bytes in
                    ItemFileParser.parseLines(
                        UnsafeRawBufferPointer(rebasing: bytes[pieces[index].range]), firstLine: pieces[index].firstLine,
                        fileName: fileName)
                }
                stream.fill(index, piece)
            }
        }
        return stream
    }

    /// The next piece's drafts, waiting for it to be parsed; nil after the last one. Throws the
    /// first parse error once the drafts before it have been handed over, and "no items found"
    /// at the end of a stream that had none.
    public func next() throws -> [ItemDraft]? {
        condition.lock()
        defer { condition.unlock() }
        while current < slots.count {
            guard case .ready(let piece) = slots[current] else {
                condition.wait()
                continue
            }
            if !piece.drafts.isEmpty {
                // Keep only the error (if any) so that the next call throws it.
                slots[current] = piece.error.map { .ready(Piece(drafts: [], error: $0)) } ?? .taken
                if piece.error == nil { current += 1 }
                handedOver += piece.drafts.count
                return piece.drafts
            }
            if let error = piece.error { throw error }
            slots[current] = .taken
            current += 1
        }
        if handedOver == 0 { throw DomainError.invalid("\(source): no items found") }
        return nil
    }

    /// Every draft, in order.
    public func collect() throws -> [ItemDraft] {
        var drafts: [ItemDraft] = []
        while let piece = try next() { drafts += piece }
        return drafts
    }

    /// Stops parsing the pieces not started yet (the consumer has failed and needs no more).
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.unlock()
    }

    private var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    private func fill(_ index: Int, _ piece: Piece) {
        condition.lock()
        slots[index] = .ready(piece)
        condition.broadcast()
        condition.unlock()
    }
}
