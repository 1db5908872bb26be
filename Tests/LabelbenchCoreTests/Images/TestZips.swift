import Foundation
import ZIPFoundation

/// Builds zip archives (honest and hostile) in temporary folders for the image-source tests.
enum TestZips {
    /// One entry to write: a file, directory or symbolic link (whose `data` is the link target).
    struct Entry {
        var path: String
        var data: Data = Data()
        var type: ZIPFoundation.Entry.EntryType = .file
        var compress = true
    }

    /// A fresh empty folder under the system temporary directory.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("labelbench-images-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `entries` to a new zip named `name` and returns its URL.
    static func make(_ entries: [Entry], name: String = "photos.zip") throws -> URL {
        let url = try temporaryFolder().appendingPathComponent(name)
        let archive = try Archive(url: url, accessMode: .create)
        for entry in entries {
            let data = entry.data
            try archive.addEntry(
                with: entry.path, type: entry.type, uncompressedSize: Int64(data.count),
                compressionMethod: entry.compress && entry.type == .file ? .deflate : .none
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url
    }

    /// A zip with one deflated entry of `byteCount` zero bytes, produced chunk by chunk so no big buffer is held.
    static func zeros(byteCount: Int, path: String = "bomb.png") throws -> URL {
        let url = try temporaryFolder().appendingPathComponent("bomb.zip")
        let archive = try Archive(url: url, accessMode: .create)
        try archive.addEntry(
            with: path, type: .file, uncompressedSize: Int64(byteCount), compressionMethod: .deflate
        ) { _, size in Data(count: size) }
        return url
    }

    /// Rewrites the declared uncompressed size of every entry (local header and central directory) to `size`,
    /// making a bomb that lies about how much it inflates to. Only for archives without ZIP64 records.
    static func lieAboutUncompressedSize(_ url: URL, size: UInt32) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        let sizeBytes = [UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 24)]
        var index = 0
        while index + 4 <= bytes.count {
            // Signatures PK\3\4 (local header, size at +22) and PK\1\2 (central directory, size at +24).
            if bytes[index] == 0x50, bytes[index + 1] == 0x4B {
                if bytes[index + 2] == 3, bytes[index + 3] == 4 {
                    bytes.replaceSubrange(index + 22..<index + 26, with: sizeBytes)
                } else if bytes[index + 2] == 1, bytes[index + 3] == 2 {
                    bytes.replaceSubrange(index + 24..<index + 28, with: sizeBytes)
                }
            }
            index += 1
        }
        try Data(bytes).write(to: url)
    }
}
