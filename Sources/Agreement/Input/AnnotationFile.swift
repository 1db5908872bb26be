import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads annotation JSONL (`{"item", "annotator", "label", "seconds"?, "guideline_version"?, "created_at"?}` a line).
public enum AnnotationFile {
    /// Parses a whole file into records; blank lines are skipped, any other bad line throws with its line number.
    public static func read(_ url: URL) throws -> [AnnotationRecord] { Array(try readColumns(url)) }

    /// Parses JSONL bytes into records.
    public static func parse(_ data: Data) throws -> [AnnotationRecord] { Array(try parseColumns(data)) }

    /// Parses a whole file into interned columns, the compact form the statistics read.
    public static func readColumns(_ url: URL) throws -> AnnotationColumns {
        // Reading in chunks keeps the file out of memory: only the columns stay resident.
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else {
            throw AnnotationFileError(line: 0, message: "cannot read \(url.path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var columns = AnnotationColumns()
        var status = stat()
        if fstat(descriptor, &status) == 0 {
            columns.reserveCapacity(Int(status.st_size) / 100)
            // A box takes at least 40 bytes of JSON; room for them all is only address space until used.
            columns.boxes.expect(parts: Int(status.st_size) / 40)
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 24)
        var filled = 0
        var lineNumber = 0
        // Second halves alternate between two workers, so one can wait to be appended while the
        // other fills; each keeps its interned names across chunks.
        var workers = [ChunkWorker(), ChunkWorker()]
        var pending: Int?
        while true {
            if filled == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
            let got = buffer.withUnsafeMutableBytes { raw in
                systemRead(descriptor, raw.baseAddress! + filled, raw.count - filled)
            }
            if got < 0 {
                throw AnnotationFileError(
                    line: 0, message: "cannot read \(url.path): \(String(cString: strerror(errno)))")
            }
            let atEnd = got == 0
            filled += got
            let consumed = try buffer.withUnsafeBytes { raw in
                try parseChunk(
                    UnsafeRawBufferPointer(rebasing: raw[0..<filled]), final: atEnd, lineNumber: &lineNumber,
                    into: &columns, workers: &workers, pending: &pending)
            }
            if consumed > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    _ = memmove(raw.baseAddress!, raw.baseAddress! + consumed, filled - consumed)
                }
                filled -= consumed
            }
            if atEnd {
                appendPending(&pending, of: &workers, to: &columns)
                try checkOneAnswerKind(columns) { try lineNumbers(ofRecords: $0, in: url) }
                return columns
            }
        }
    }

    /// Parses JSONL bytes into interned columns.
    public static func parseColumns(_ data: Data) throws -> AnnotationColumns {
        try data.withUnsafeBytes { raw in
            var columns = AnnotationColumns()
            columns.reserveCapacity(raw.count / 100)
            var lineNumber = 0
            _ = try parseLines(raw, final: true, lineNumber: &lineNumber, into: &columns)
            try checkOneAnswerKind(columns) { lineNumbers(ofRecords: $0, in: data) }
            return columns
        }
    }

    /// Parses the complete lines in `raw` (all of it when `final`); returns the bytes consumed.
    static func parseLines(
        _ raw: UnsafeRawBufferPointer, final: Bool, lineNumber: inout Int, into columns: inout AnnotationColumns
    ) throws -> Int {
        var lineStart = 0
        let count = raw.count
        guard let base = raw.baseAddress else { return 0 }
        var dates = DateCache()
        var boxes = ScannedBoxes()
        while lineStart < count {
            var lineEnd: Int
            // memchr is much faster than a Swift byte loop for finding line ends.
            if let hit = memchr(base + lineStart, 0x0A, count - lineStart) {
                lineEnd = base.distance(to: UnsafeRawPointer(hit))
            } else if final {
                lineEnd = count
            } else {
                return lineStart
            }
            lineNumber += 1
            let line = UnsafeRawBufferPointer(rebasing: raw[lineStart..<lineEnd])
            try parseLine(line, number: lineNumber, into: &columns, dates: &dates, boxes: &boxes)
            lineStart = lineEnd + 1
        }
        return count
    }

    /// Parses one line into `columns`; a blank line adds nothing. `dates` and `boxes` are carried
    /// from line to line.
    static func parseLine(
        _ line: UnsafeRawBufferPointer, number: Int, into columns: inout AnnotationColumns, dates: inout DateCache,
        boxes: inout ScannedBoxes
    ) throws {
        var scanner = LineScanner(bytes: line, dates: dates)
        // Swapped in and out rather than copied, so the buffers stay uniquely referenced.
        swap(&scanner.boxes, &boxes)
        defer {
            dates = scanner.dates
            swap(&scanner.boxes, &boxes)
        }
        scanner.skipSpace()
        if scanner.atEnd { return }
        do {
            if let fields = try scanner.scanRecord() {
                return try fields.append(to: &columns, line: number, boxes: scanner.boxes)
            }
        } catch let error as AnnotationFileError {
            throw AnnotationFileError(line: number, message: error.message)
        }
        // The fast path gave up (nested values, exotic numbers): let Foundation decide.
        try slowParse(line, number: number).append(to: &columns, line: number)
    }
}

/// POSIX `read`, named apart from `AnnotationFile.read`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
