import Foundation

/// Cuts a JSON array of objects into the bytes of each object, one at a time, so a 100k-task
/// export is parsed one task at a time instead of as one tree of every task.
///
/// Only the array's own punctuation is checked here; each object's bytes are then parsed by
/// `JSONSerialization`, which refuses whatever is wrong inside them.
struct JSONArrayElements {
    private let data: Data
    private let fileName: String
    private var cursor: Int
    private var finished = false
    /// The index of the element `next()` returns next.
    private(set) var index = 0

    init(_ data: Data, fileName: String) throws {
        self.data = data
        self.fileName = fileName
        // A UTF-8 byte order mark, as some editors save, comes before the array.
        cursor = data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        skipWhitespace()
        guard cursor < data.count, data[data.startIndex + cursor] == UInt8(ascii: "[") else {
            throw DomainError.invalid("\(fileName): expected a JSON array of tasks")
        }
        cursor += 1
    }

    /// The next object's bytes, or nil after the closing bracket.
    mutating func next() throws -> Data? {
        guard !finished else { return nil }
        skipWhitespace()
        if index > 0 || byte(at: cursor) == UInt8(ascii: "]") {
            if byte(at: cursor) == UInt8(ascii: "]") {
                cursor += 1
                skipWhitespace()
                guard cursor == data.count else {
                    throw DomainError.invalid("\(fileName): text after the closing \"]\" of the array")
                }
                finished = true
                return nil
            }
            guard byte(at: cursor) == UInt8(ascii: ",") else {
                throw DomainError.invalid("\(fileName) index \(index): expected \",\" or \"]\" after the previous task")
            }
            cursor += 1
            skipWhitespace()
        }
        guard byte(at: cursor) == UInt8(ascii: "{") else {
            throw DomainError.invalid("\(fileName) index \(index): expected a JSON object")
        }
        let start = cursor
        let end = try data.withUnsafeBytes { bytes -> Int in
            var depth = 0
            var inString = false
            var position = start
            while position < bytes.count {
                let byte = bytes[position]
                if inString {
                    if byte == UInt8(ascii: "\\") {
                        position += 1
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                    }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { return position + 1 }
                }
                position += 1
            }
            throw DomainError.invalid("\(fileName) index \(index): the file ends inside this task")
        }
        cursor = end
        index += 1
        return data.subdata(in: data.startIndex + start..<data.startIndex + end)
    }

    private func byte(at position: Int) -> UInt8? {
        position < data.count ? data[data.startIndex + position] : nil
    }

    private mutating func skipWhitespace() {
        while let byte = byte(at: cursor), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { cursor += 1 }
    }
}
