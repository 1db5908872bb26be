import CSV
import Foundation

/// Reads item files (JSONL or CSV) into drafts, failing on the first bad line with its number.
public enum ItemFileParser {
    /// Bounds that keep one line from exhausting memory before it is even checked.
    public static let maxLineBytes = 1 << 20
    public static let maxTextBytes = 1 << 20

    /// Picks the parser from the file name (`.csv` or anything else as JSONL) and parses.
    public static func parse(_ data: Data, fileName: String) throws -> [ItemDraft] {
        if fileName.lowercased().hasSuffix(".csv") {
            return try parseCSV(data, fileName: fileName)
        }
        return try parseJSONL(data, fileName: fileName)
    }

    /// `{"id": "a17", "text": "…", "meta": {…}, "gold": "…"}` per line; `image` instead of `text` for images.
    public static func parseJSONL(_ data: Data, fileName: String) throws -> [ItemDraft] {
        try DraftStream.parsingJSONL(data, fileName: fileName).collect()
    }

    /// Where `DraftStream` cuts a JSONL file: after a line end once a piece holds `pieceBytes`,
    /// with the file's number of each piece's first line.
    static func jsonlPieces(_ buffer: UnsafeRawBufferPointer, pieceBytes: Int) -> [(range: Range<Int>, firstLine: Int)] {
        guard let base = buffer.baseAddress else { return [(0..<0, 1)] }
        var pieces: [(range: Range<Int>, firstLine: Int)] = []
        var start = 0
        var firstLine = 1
        var linesInPiece = 0
        var cursor = 0
        while cursor < buffer.count, let hit = memchr(base + cursor, 0x0A, buffer.count - cursor) {
            cursor = base.distance(to: UnsafeRawPointer(hit)) + 1
            linesInPiece += 1
            if cursor - start >= pieceBytes {
                pieces.append((start..<cursor, firstLine))
                start = cursor
                firstLine += linesInPiece
                linesInPiece = 0
            }
        }
        if start < buffer.count || pieces.isEmpty { pieces.append((start..<buffer.count, firstLine)) }
        return pieces
    }

    /// Parses the lines of one piece, numbering them from `firstLine`. On a bad line it stops and
    /// returns the drafts before it with the error.
    static func parseLines(_ buffer: UnsafeRawBufferPointer, firstLine: Int, fileName: String) -> DraftStream.Piece {
        guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return DraftStream.Piece(drafts: []) }
        let bytes = UnsafeBufferPointer(start: base, count: buffer.count)
        var drafts: [ItemDraft] = []
        drafts.reserveCapacity(bytes.count / 128)
        var lineNumber = firstLine - 1
        var start = 0
        do {
            while start < bytes.count {
                lineNumber += 1
                let end =
                    memchr(base + start, 0x0A, bytes.count - start).map {
                        UnsafeRawPointer(base).distance(to: UnsafeRawPointer($0))
                    } ?? bytes.count
                let origin = ItemOrigin.line(lineNumber, of: fileName)
                if end - start > maxLineBytes { throw DomainError.invalid("\(origin): longer than \(maxLineBytes) bytes") }
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
                let lineStart = start
                start = end + 1
                if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                if let fast = FastItemLine.parse(slice) {
                    // The common `{"id": "…", "text": "…", "meta": {…}}` line, with the same checks as below.
                    let id = try externalID(fast.id, origin: origin)
                    drafts.append(
                        ItemDraft(
                            externalID: id, content: .text(try checkedText(fast.text, origin: origin)), meta: fast.meta,
                            origin: origin))
                    continue
                }
                let line = Data(UnsafeRawBufferPointer(rebasing: buffer[lineStart..<end]))
                drafts.append(try draft(fromJSONLine: line, origin: origin))
            }
        } catch {
            return DraftStream.Piece(drafts: drafts, error: error)
        }
        return DraftStream.Piece(drafts: drafts)
    }

    static func draft(fromJSONLine line: Data, origin: ItemOrigin) throws -> ItemDraft {
        do { try StrictJSON.checkStructure(line) } catch let error as DomainError {
            throw DomainError.invalid("\(origin): \(error)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else {
            throw DomainError.invalid("\(origin): not a JSON object")
        }
        if let unknown = object.keys.filter({ !["id", "text", "image", "meta", "gold", "gold_reason"].contains($0) }).sorted()
            .first
        {
            throw DomainError.invalid(
                "\(origin): unknown field \"\(unknown)\" (expected id, text or image, meta, gold, gold_reason)")
        }
        let id = try externalID(object["id"], origin: origin)
        let content: ItemDraft.Content
        switch (object["text"], object["image"]) {
        case (let text as String, nil):
            content = .text(try checkedText(text, origin: origin))
        case (nil, let path as String):
            content = .imagePath(path)
        case (nil, nil):
            throw DomainError.invalid("\(origin): needs \"text\" (or \"image\" for image tasks)")
        default:
            throw DomainError.invalid("\(origin): give either \"text\" or \"image\" as a string, not both")
        }
        var meta: String?
        if let value = object["meta"], !(value is NSNull) {
            guard value is [String: Any] else { throw DomainError.invalid("\(origin): \"meta\" must be an object") }
            meta = JSONText.value(value)
        }
        let gold = object["gold"].flatMap { $0 is NSNull ? nil : JSONValueBox($0) }
        var goldReason: String?
        if let value = object["gold_reason"], !(value is NSNull) {
            guard let reason = value as? String else { throw DomainError.invalid("\(origin): \"gold_reason\" must be a string") }
            goldReason = reason
        }
        return ItemDraft(externalID: id, content: content, meta: meta, gold: gold, goldReason: goldReason, origin: origin)
    }

    /// Header `id,text` with optional `gold` and `gold_reason`; other columns go into `meta`.
    public static func parseCSV(_ data: Data, fileName: String) throws -> [ItemDraft] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw DomainError.invalid("\(fileName): not UTF-8 text")
        }
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        try checkQuotesClose(body, fileName: fileName)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: body, hasHeaderRow: true)
        } catch {
            throw DomainError.invalid("\(fileName): not a readable CSV file")
        }
        let header = reader.headerRow ?? []
        try checkCSVHeader(header, fileName: fileName)
        var drafts: [ItemDraft] = []
        var row = 1
        while let fields = reader.next() {
            row += 1
            let origin = ItemOrigin.row(row, of: fileName)
            if fields.count == 1 && fields[0].isEmpty { continue }
            guard fields.count == header.count else {
                throw DomainError.invalid("\(origin): has \(fields.count) fields, the header has \(header.count)")
            }
            var values: [String: String] = [:]
            for (name, value) in zip(header, fields) { values[name] = value }
            let id = try externalID(values["id"], origin: origin)
            let content: ItemDraft.Content
            if let body = values["text"] {
                content = .text(try checkedText(body, origin: origin))
            } else {
                content = .imagePath(values["image"] ?? "")
            }
            let extra = values.filter { !["id", "text", "image", "gold", "gold_reason"].contains($0.key) }
            let gold = values["gold"].flatMap { $0.isEmpty ? nil : JSONValueBox($0) }
            drafts.append(
                ItemDraft(
                    externalID: id, content: content, meta: extra.isEmpty ? nil : JSONText.value(extra), gold: gold,
                    goldReason: values["gold_reason"].flatMap { $0.isEmpty ? nil : $0 }, origin: origin))
        }
        if let error = reader.error { throw DomainError.invalid("\(fileName) near row \(row + 1): \(error)") }
        if drafts.isEmpty { throw DomainError.invalid("\(fileName): no items found") }
        return drafts
    }

    /// Refuses a quoted field that is never closed (the CSV reader would take the rest of the file
    /// as one field), naming the line where it opens.
    static func checkQuotesClose(_ text: String, fileName: String) throws {
        var quoted = false
        var line = 1
        var openedOn = 0
        for byte in text.utf8 {
            if byte == 0x22 {
                // A doubled quote inside a quoted field toggles twice and leaves it open.
                quoted.toggle()
                if quoted && openedOn == 0 { openedOn = line }
            } else if byte == 0x0A {
                line += 1
                if !quoted { openedOn = 0 }
            }
        }
        if quoted { throw DomainError.invalid("\(fileName) line \(max(openedOn, 1)): a quoted field is never closed") }
    }

    /// The header needs `id` and one of `text` or `image`, and names each column once.
    static func checkCSVHeader(_ header: [String], fileName: String) throws {
        var seen: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            if let first = seen[name] {
                throw DomainError.invalid(
                    "\(fileName) row 1, column \(index + 1): \"\(name)\" repeats column \(first + 1); name each column once")
            }
            seen[name] = index
        }
        guard header.contains("id"), header.contains("text") || header.contains("image") else {
            throw DomainError.invalid("\(fileName): the header row needs an \"id\" and a \"text\" column")
        }
        if header.contains("text"), let image = header.firstIndex(of: "image") {
            throw DomainError.invalid(
                "\(fileName) row 1, column \(image + 1): give either a \"text\" or an \"image\" column, not both")
        }
    }

    static func externalID(_ value: Any?, origin: ItemOrigin) throws -> String {
        let id: String
        if let string = value as? String {
            id = string
        } else if let number = value as? NSNumber, !number.isJSONBoolean, number.doubleValue == number.doubleValue.rounded(),
            number.doubleValue.magnitude <= StrictJSON.maxWholeNumber
        {
            id = String(number.int64Value)
        } else {
            throw DomainError.invalid("\(origin): needs an \"id\" (a string, or a whole number up to 2^53)")
        }
        guard !id.isEmpty, id.utf8.count <= 256, !hasControlCharacter(id) else {
            throw DomainError.invalid("\(origin): \"id\" must be 1 to 256 bytes without control characters")
        }
        return id
    }

    /// Whether the text holds a control character (general category Cc: U+0000–U+001F and
    /// U+007F–U+009F), read from the UTF-8 bytes: the Unicode property lookup cost more than the
    /// rest of an id's checks together.
    static func hasControlCharacter(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            // U+0080–U+009F are C2 80 … C2 9F; C2 is never a continuation byte.
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && byte <= 0x9F && byte >= 0x80) { return true }
            previous = byte
        }
        return false
    }

    static func checkedText(_ text: String, origin: ItemOrigin) throws -> String {
        if text.isEmpty { throw DomainError.invalid("\(origin): \"text\" is empty") }
        if text.utf8.count > maxTextBytes {
            throw DomainError.invalid("\(origin): \"text\" is longer than \(maxTextBytes) bytes")
        }
        if StoredText.hasNUL(text) { throw DomainError.invalid("\(origin): \"text\" \(StoredText.problem)") }
        return text
    }
}
