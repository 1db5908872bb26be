import Foundation

/// Calls back with each `\n`-terminated line of a file, reading in chunks so memory is one line plus one chunk.
enum LineReader {
    /// Invokes `body(lineNumber, lineBytes)` for every line, 1-based, without the newline (a final `\r` is dropped too).
    static func forEachLine(ofFile path: String, _ body: (Int, Data) throws -> Void) throws {
        var pending = Data()
        var lineNumber = 0
        func emit(_ line: Data) throws {
            lineNumber += 1
            var line = line
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            try body(lineNumber, line)
        }
        try FileIO.forEachChunk(ofFile: path) { buffer in
            var start = buffer.startIndex
            for index in buffer.indices where buffer[index] == UInt8(ascii: "\n") {
                pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start..<index]))
                try emit(pending)
                pending.removeAll(keepingCapacity: true)
                start = index + 1
            }
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start..<buffer.endIndex]))
        }
        if !pending.isEmpty { try emit(pending) }
    }
}
