import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads annotation JSONL (`{"item", "annotator", "label", "seconds"?, "guideline_version"?, "created_at"?}` a line).
public enum AnnotationFile {
    /// Parses a whole file; blank lines are skipped, any other bad line throws with its line number.
    public static func read(_ url: URL) throws -> [AnnotationRecord] {
        // Reading in chunks keeps the file out of memory: only the records stay resident.
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else {
            throw AnnotationFileError(line: 0, message: "cannot read \(url.path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var records: [AnnotationRecord] = []
        var status = stat()
        if fstat(descriptor, &status) == 0 { records.reserveCapacity(Int(status.st_size) / 100) }
        var buffer = [UInt8](repeating: 0, count: 1 << 24)
        var filled = 0
        var lineNumber = 0
        // Per-half buffers live across chunks: fresh ones would fault in new pages every chunk.
        var halves: [[AnnotationRecord]] = [[], []]
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
                    into: &records, halves: &halves)
            }
            if consumed > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    _ = memmove(raw.baseAddress!, raw.baseAddress! + consumed, filled - consumed)
                }
                filled -= consumed
            }
            if atEnd { return records }
        }
    }

    /// Parses JSONL bytes into records.
    public static func parse(_ data: Data) throws -> [AnnotationRecord] {
        try data.withUnsafeBytes { raw in
            var records: [AnnotationRecord] = []
            records.reserveCapacity(raw.count / 100)
            var lineNumber = 0
            _ = try parseLines(raw, final: true, lineNumber: &lineNumber, into: &records)
            return records
        }
    }

    /// Parses the complete lines of a chunk in two halves at once, one per core.
    static func parseChunk(
        _ raw: UnsafeRawBufferPointer, final: Bool, lineNumber: inout Int, into records: inout [AnnotationRecord],
        halves buffers: inout [[AnnotationRecord]]
    ) throws -> Int {
        // Split at the first line end after the middle; small chunks are not worth a thread.
        var end = raw.count
        if !final {
            while end > 0, raw[end - 1] != 0x0A { end -= 1 }
            if end == 0 { return 0 }
        }
        let middle = end / 2
        guard end > 1 << 20, let split = memchr(raw.baseAddress! + middle, 0x0A, end - middle) else {
            return try parseLines(
                UnsafeRawBufferPointer(rebasing: raw[0..<end]), final: true, lineNumber: &lineNumber, into: &records)
        }
        let cut = raw.baseAddress!.distance(to: UnsafeRawPointer(split)) + 1
        let halves = [UnsafeRawBufferPointer(rebasing: raw[0..<cut]), UnsafeRawBufferPointer(rebasing: raw[cut..<end])]
        nonisolated(unsafe) var results: [Result<Int, any Error>] = [.success(0), .success(0)]
        nonisolated(unsafe) let parts = halves
        results.withUnsafeMutableBufferPointer { slots in
            buffers.withUnsafeMutableBufferPointer { outputs in
                nonisolated(unsafe) let (slots, outputs) = (slots, outputs)
                DispatchQueue.concurrentPerform(iterations: 2) { half in
                    outputs[half].removeAll(keepingCapacity: true)
                    slots[half] = Result {
                        var lines = 0
                        _ = try parseLines(parts[half], final: true, lineNumber: &lines, into: &outputs[half])
                        return lines
                    }
                }
            }
        }
        let offset = lineNumber
        for (half, result) in results.enumerated() {
            switch result {
            case .success(let lines):
                records.append(contentsOf: buffers[half])
                lineNumber += lines
            case .failure(let error as AnnotationFileError):
                // Each half counted from zero; shift to the file's line numbers.
                var before = offset
                if half == 1, case .success(let lines) = results[0] { before += lines }
                throw AnnotationFileError(line: error.line + before, message: error.message)
            case .failure(let error):
                throw error
            }
        }
        return end
    }

    /// Parses the complete lines in `raw` (all of it when `final`); returns the bytes consumed.
    static func parseLines(
        _ raw: UnsafeRawBufferPointer, final: Bool, lineNumber: inout Int, into records: inout [AnnotationRecord]
    ) throws -> Int {
        var lineStart = 0
        let count = raw.count
        guard let base = raw.baseAddress else { return 0 }
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
            if let record = try parseLine(line, number: lineNumber) {
                records.append(record)
            }
            lineStart = lineEnd + 1
        }
        return count
    }

    /// Parses one line; nil for a blank line.
    static func parseLine(_ line: UnsafeRawBufferPointer, number: Int) throws -> AnnotationRecord? {
        var scanner = LineScanner(bytes: line)
        scanner.skipSpace()
        if scanner.atEnd { return nil }
        do {
            if let fields = try scanner.scanRecord() {
                return try fields.record(line: number)
            }
        } catch let error as AnnotationFileError {
            throw AnnotationFileError(line: number, message: error.message)
        }
        // The fast path gave up (nested values, exotic numbers): let Foundation decide.
        return try slowParse(line, number: number)
    }

    static func slowParse(_ line: UnsafeRawBufferPointer, number: Int) throws -> AnnotationRecord {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line), options: [])
        } catch {
            throw AnnotationFileError(line: number, message: "malformed JSON")
        }
        guard let dictionary = object as? [String: Any] else {
            throw AnnotationFileError(line: number, message: "expected a JSON object")
        }
        var fields = RecordFields()
        for (key, value) in dictionary {
            switch key {
            case "item": fields.item = try stringField(value, key, number)
            case "annotator": fields.annotator = try stringField(value, key, number)
            case "label": fields.label = try labelField(value, number)
            case "seconds":
                if !(value is NSNull) {
                    guard let seconds = numberValue(value) else { throw typeError(key, "a number", number) }
                    fields.seconds = seconds
                }
            case "guideline_version":
                if !(value is NSNull) {
                    guard let version = numberValue(value), version == version.rounded(), abs(version) < 1e15 else {
                        throw typeError(key, "an integer", number)
                    }
                    fields.guidelineVersion = Int(version)
                }
            case "created_at":
                if !(value is NSNull) {
                    guard let text = value as? String, let date = ISODate.parse(Array(text.utf8)) else {
                        throw typeError(key, "an ISO 8601 date string", number)
                    }
                    fields.createdAt = date
                }
            default: break
            }
        }
        return try fields.record(line: number)
    }

    private static func numberValue(_ value: Any) -> Double? {
        // Booleans bridge to NSNumber; their Objective-C type is "c" (char).
        if let number = value as? NSNumber {
            if String(cString: number.objCType) == "c" || type(of: value) == Bool.self { return nil }
            return number.doubleValue
        }
        if let number = value as? Double { return number }
        if let number = value as? Int { return Double(number) }
        return nil
    }

    private static func stringField(_ value: Any, _ key: String, _ line: Int) throws -> String {
        guard let text = value as? String else { throw typeError(key, "a string", line) }
        return text
    }

    private static func labelField(_ value: Any, _ line: Int) throws -> LabelValue {
        if let text = value as? String { return .string(text) }
        if let number = numberValue(value) { return .number(number) }
        if let list = value as? [Any] {
            var labels: [String] = []
            for element in list {
                guard let text = element as? String else { throw typeError("label", "an array of strings", line) }
                labels.append(text)
            }
            return .strings(labels)
        }
        throw typeError("label", "a string, a number or an array of strings", line)
    }

    static func typeError(_ key: String, _ expected: String, _ line: Int) -> AnnotationFileError {
        AnnotationFileError(line: line, message: "field \"\(key)\" must be \(expected)")
    }
}

/// The fields of one line as they are found, before the required ones are checked.
struct RecordFields {
    var item: String?
    var annotator: String?
    var label: LabelValue?
    var seconds: Double?
    var guidelineVersion: Int?
    var createdAt: Date?

    func record(line: Int) throws -> AnnotationRecord {
        guard let item else { throw AnnotationFileError(line: line, message: "missing field \"item\"") }
        guard let annotator else { throw AnnotationFileError(line: line, message: "missing field \"annotator\"") }
        guard let label else { throw AnnotationFileError(line: line, message: "missing field \"label\"") }
        if case .number(let value) = label, !value.isFinite {
            throw AnnotationFileError(line: line, message: "field \"label\" must be a finite number")
        }
        return AnnotationRecord(
            item: item, annotator: annotator, label: label, seconds: seconds, guidelineVersion: guidelineVersion,
            createdAt: createdAt)
    }
}

/// POSIX `read`, named apart from `AnnotationFile.read`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
