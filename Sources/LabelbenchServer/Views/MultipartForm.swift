import Foundation
import LabelbenchCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A `multipart/form-data` body (RFC 7578), read strictly, one part at a time, without trapping on any input.
///
/// It is the server's only multipart reader. Parts come in the order they were sent, so a form can check its
/// `csrf` part before the files after it are read. Each part's header block is checked before it is used:
/// header names are RFC 7230 tokens, values hold no control characters, a block is at most
/// `maxHeaderBytes` in `maxHeaderLines` lines, and every part names itself in a `form-data` disposition.
struct MultipartForm {
    /// One part of the form: its field name, the client's file name when it is a file, and its bytes.
    struct Part {
        var name: String
        var fileName: String?
        var data: Data
    }

    static let maxHeaderBytes = 8 * 1024
    static let maxHeaderLines = 32
    static let maxParts = 20_000

    private let body: Data
    /// `CRLF "--" boundary`: what ends every part.
    private let delimiter: [UInt8]
    /// Offset into `body` just past the last delimiter read, or nil after the closing one.
    private var offset: Int?
    private var partsRead = 0

    /// Reads the boundary from `contentType` and finds the first part.
    ///
    /// - Throws: `DomainError.invalid` when the type is not `multipart/form-data`, the boundary is missing or
    ///   not RFC 2046 syntax, or the body holds no delimiter.
    init(body: Data, contentType: String) throws {
        guard let type = HeaderValue(contentType), type.token == "multipart/form-data" else {
            throw DomainError.invalid("the upload is not multipart/form-data")
        }
        guard let boundary = type.parameters["boundary"], Self.isValidBoundary(boundary) else {
            throw DomainError.invalid("the multipart upload has no valid boundary (1 to 70 letters, digits or '()+_,-./:=? )")
        }
        self.body = body.startIndex == 0 ? body : Data(body)
        delimiter = Array("\r\n--\(boundary)".utf8)
        // The first delimiter may open the body without its CRLF; anything before it is a preamble.
        if self.body.starts(with: delimiter.dropFirst(2)) {
            offset = delimiter.count - 2
        } else if let first = Self.find(delimiter, in: self.body, from: 0) {
            offset = first + delimiter.count
        } else {
            throw DomainError.invalid("the multipart upload has no parts")
        }
    }

    /// The next part, or nil after the closing delimiter.
    mutating func next() throws -> Part? {
        guard var position = offset else { return nil }
        // After a delimiter: "--" closes the body (the epilogue is ignored); else optional padding, then CRLF.
        if byte(at: position) == UInt8(ascii: "-"), byte(at: position + 1) == UInt8(ascii: "-") {
            offset = nil
            return nil
        }
        while let padding = byte(at: position), padding == UInt8(ascii: " ") || padding == UInt8(ascii: "\t") {
            position += 1
        }
        guard byte(at: position) == 13, byte(at: position + 1) == 10 else {
            throw Self.malformed("a boundary is not followed by a line break")
        }
        partsRead += 1
        guard partsRead <= Self.maxParts else { throw Self.malformed("it has more than \(Self.maxParts) parts") }
        var (headers, start) = try readHeaders(from: position + 2)
        guard let end = Self.find(delimiter, in: body, from: start) else {
            throw Self.malformed("part \(partsRead) is cut short (no closing boundary)")
        }
        offset = end + delimiter.count
        guard let disposition = headers.removeValue(forKey: "content-disposition").flatMap(HeaderValue.init),
            disposition.token == "form-data", let name = disposition.parameters["name"]
        else { throw Self.malformed("part \(partsRead) has no form-data disposition with a name") }
        start = min(start, end)
        // Browsers send an unused file input as `filename=""` with no bytes: that is no file.
        let fileName = disposition.parameters["filename"].flatMap { $0.isEmpty ? nil : $0 }
        return Part(name: name, fileName: fileName, data: body.subdata(in: start..<end))
    }

    /// Every remaining part.
    mutating func remainingParts() throws -> [Part] {
        var parts: [Part] = []
        while let part = try next() { parts.append(part) }
        return parts
    }

    // MARK: - Header block

    /// Reads header lines from `start` up to the empty line; returns them by lowercased name and where the content starts.
    private func readHeaders(from start: Int) throws -> ([String: String], Int) {
        var headers: [String: String] = [:]
        var lineStart = start
        for _ in 0...Self.maxHeaderLines {
            guard let lineEnd = Self.find([13, 10], in: body, from: lineStart, limit: start + Self.maxHeaderBytes) else {
                throw Self.malformed("part \(partsRead) has a header block over \(Self.maxHeaderBytes) bytes or no end")
            }
            if lineEnd == lineStart { return (headers, lineEnd + 2) }
            let line = body[lineStart..<lineEnd]
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > lineStart,
                line[lineStart..<colon].allSatisfy(Self.isTokenByte)
            else { throw Self.malformed("part \(partsRead) has a header whose name is not a token") }
            let value = line[(colon + 1)...]
            guard value.allSatisfy({ $0 == 9 || ($0 >= 32 && $0 != 127) }) else {
                throw Self.malformed("part \(partsRead) has a control character in a header value")
            }
            let name = String(decoding: line[lineStart..<colon], as: UTF8.self).lowercased()
            guard headers[name] == nil else { throw Self.malformed("part \(partsRead) repeats the \(name) header") }
            headers[name] = String(decoding: value, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            lineStart = lineEnd + 2
        }
        throw Self.malformed("part \(partsRead) has more than \(Self.maxHeaderLines) header lines")
    }

    private func byte(at index: Int) -> UInt8? { index < body.count ? body[index] : nil }

    private static func malformed(_ why: String) -> DomainError {
        .invalid("the multipart upload is malformed: \(why)")
    }

    // MARK: - Syntax

    /// RFC 7230 `tchar`: what a header name (and a parameter name) may hold.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    /// RFC 2046 `boundary`: 1 to 70 `bchars`, not ending in a space.
    static func isValidBoundary(_ boundary: String) -> Bool {
        let allowed = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ".utf8)
        let bytes = Array(boundary.utf8)
        return (1...70).contains(bytes.count) && bytes.allSatisfy(allowed.contains) && bytes.last != UInt8(ascii: " ")
    }

    /// The offset of the first `pattern` in `data` at or after `from` that ends by `limit`, found with `memchr`.
    static func find(_ pattern: [UInt8], in data: Data, from: Int, limit: Int = .max) -> Int? {
        let end = min(data.count, limit)
        guard from >= 0, !pattern.isEmpty, end - from >= pattern.count else { return nil }
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int? in
            guard let base = raw.baseAddress else { return nil }
            var index = from
            while end - index >= pattern.count {
                guard let hit = memchr(base + index, Int32(pattern[0]), end - index - pattern.count + 1) else { return nil }
                let at = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(base + at, pattern, pattern.count) == 0 { return at }
                index = at + 1
            }
            return nil
        }
    }
}

/// A header value of the form `token; name=value; name="quoted value"` (Content-Type, Content-Disposition).
///
/// The token and parameter names are lowercased; a malformed value (an unterminated quote, a repeated or
/// empty parameter name) is nil rather than half read.
struct HeaderValue {
    var token: String
    var parameters: [String: String]

    init?(_ text: String) {
        var scalars = Substring(text).unicodeScalars[...]
        func skipSpaces() { while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() } }
        func readToken() -> String {
            let token = scalars.prefix { $0.isASCII && (MultipartForm.isTokenByte(UInt8($0.value)) || $0 == "/") }
            scalars.removeFirst(token.count)
            return String(String.UnicodeScalarView(token)).lowercased()
        }
        skipSpaces()
        token = readToken()
        guard !token.isEmpty else { return nil }
        parameters = [:]
        skipSpaces()
        while !scalars.isEmpty {
            guard scalars.first == ";" else { return nil }
            scalars.removeFirst()
            skipSpaces()
            if scalars.isEmpty { break }
            let name = readToken()
            guard !name.isEmpty, scalars.first == "=", parameters[name] == nil else { return nil }
            scalars.removeFirst()
            var value = String.UnicodeScalarView()
            if scalars.first == "\"" {
                scalars.removeFirst()
                var closed = false
                while let scalar = scalars.popFirst() {
                    if scalar == "\"" {
                        closed = true
                        break
                    }
                    // A backslash quotes the next character (RFC 7230 quoted-pair).
                    value.append(scalar == "\\" ? (scalars.popFirst() ?? scalar) : scalar)
                }
                guard closed else { return nil }
            } else {
                let bare = scalars.prefix { $0 != ";" && $0 != " " && $0 != "\t" }
                value.append(contentsOf: bare)
                scalars.removeFirst(bare.count)
            }
            parameters[name] = String(value)
            skipSpaces()
        }
    }
}
