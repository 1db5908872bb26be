import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parsing a chunk of the file on both cores.
extension AnnotationFile {
    /// A second-half parser's columns and how their ids map to the file's.
    struct ChunkWorker {
        var columns = AnnotationColumns()
        var remap = ColumnsRemap()
    }

    /// Parses the complete lines of a chunk in two parts at once, one per core.
    ///
    /// The first part goes straight into the file's columns; the second into a worker's own,
    /// left `pending` and appended with its ids remapped by the first thread at the start of the
    /// next chunk, so that merge overlaps the other thread's parsing. The first part is a little
    /// smaller to leave room for it. Records and first appearances stay in file order.
    static func parseChunk(
        _ raw: UnsafeRawBufferPointer, final: Bool, lineNumber: inout Int, into columns: inout AnnotationColumns,
        workers: inout [ChunkWorker], pending: inout Int?
    ) throws -> Int {
        // Split at the first line end after 45 %; small chunks are not worth a thread.
        var end = raw.count
        if !final {
            while end > 0, raw[end - 1] != 0x0A { end -= 1 }
            if end == 0 { return 0 }
        }
        let middle = end / 20 * 9
        guard end > 1 << 20, let split = memchr(raw.baseAddress! + middle, 0x0A, end - middle) else {
            appendPending(&pending, of: &workers, to: &columns)
            return try parseLines(
                UnsafeRawBufferPointer(rebasing: raw[0..<end]), final: true, lineNumber: &lineNumber, into: &columns)
        }
        let cut = raw.baseAddress!.distance(to: UnsafeRawPointer(split)) + 1
        let halves = [UnsafeRawBufferPointer(rebasing: raw[0..<cut]), UnsafeRawBufferPointer(rebasing: raw[cut..<end])]
        nonisolated(unsafe) var results: [Result<Int, any Error>] = [.success(0), .success(0)]
        nonisolated(unsafe) let parts = halves
        let waiting = pending
        let next = waiting == 0 ? 1 : 0
        workers[next].columns.removeAnnotations()
        results.withUnsafeMutableBufferPointer { slots in
            withUnsafeMutablePointer(to: &columns) { first in
                workers.withUnsafeMutableBufferPointer { workers in
                    // Each thread writes only its own columns and result slot; the first thread
                    // alone reads the pending worker.
                    nonisolated(unsafe) let (slots, first, workers) = (slots, first, workers)
                    DispatchQueue.concurrentPerform(iterations: 2) { half in
                        slots[half] = Result {
                            var lines = 0
                            if half == 0 {
                                if let worker = waiting {
                                    first.pointee.append(
                                        contentsOf: workers[worker].columns, remap: &workers[worker].remap)
                                }
                                _ = try parseLines(parts[0], final: true, lineNumber: &lines, into: &first.pointee)
                            } else {
                                _ = try parseLines(
                                    parts[1], final: true, lineNumber: &lines, into: &workers[next].columns)
                            }
                            return lines
                        }
                    }
                }
            }
        }
        switch (results[0], results[1]) {
        case (.success(let firstLines), .success(let secondLines)):
            pending = next
            lineNumber += firstLines + secondLines
            return end
        case (.failure(let error), _):
            throw Self.shifted(error, by: lineNumber)
        case (.success(let firstLines), .failure(let error)):
            throw Self.shifted(error, by: lineNumber + firstLines)
        }
    }

    /// Appends the worker whose second half still waits, if any.
    static func appendPending(
        _ pending: inout Int?, of workers: inout [ChunkWorker], to columns: inout AnnotationColumns
    ) {
        guard let worker = pending else { return }
        columns.append(contentsOf: workers[worker].columns, remap: &workers[worker].remap)
        pending = nil
    }

    /// Each half counts lines from zero; this moves an error to the file's line numbers.
    private static func shifted(_ error: any Error, by lines: Int) -> any Error {
        guard let error = error as? AnnotationFileError else { return error }
        return AnnotationFileError(line: error.line + lines, message: error.message)
    }
}
