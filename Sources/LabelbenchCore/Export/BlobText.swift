import ArtifactStore
import Foundation

/// A text file of an export streamed into the blob store: appended text waits in a buffer that is
/// written out whenever it passes 64 KiB, so no file of a version is ever held in memory whole.
struct BlobText {
    private let writer: BlobWriter
    private var buffer = ""

    init(_ blobs: BlobStore) throws { writer = try blobs.makeWriter() }

    /// Adds text through `write`, which appends to the buffer (`CoNLLBlock` writes in place).
    mutating func append(_ write: (inout String) -> Void) throws {
        write(&buffer)
        if buffer.utf8.count > 1 << 16 { try flush() }
    }

    mutating func append(_ text: String) throws { try append { $0 += text } }

    /// Adds bytes that need no buffering, after the text so far.
    mutating func append(data: Data) throws {
        try flush()
        try writer.append(data)
    }

    /// Writes out what is left and stores the file as `path` of the version.
    mutating func finish(as path: String) throws -> ArtifactFile {
        try flush()
        return ArtifactFile(path: path, blob: try writer.finish())
    }

    private mutating func flush() throws {
        try writer.append(Data(buffer.utf8))
        buffer = ""
    }
}
