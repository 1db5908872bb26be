import Foundation
import LabelbenchCore
import Testing

@testable import LabelbenchServer

/// The server's one multipart reader: strict RFC 7578 parts, and a clear 4xx for anything else, never a trap.
@Suite struct MultipartFormTests {
    static let type = "multipart/form-data; boundary=BB"

    static func read(_ body: String, contentType: String = type) throws -> [MultipartForm.Part] {
        try read(Data(body.utf8), contentType: contentType)
    }

    static func read(_ body: Data, contentType: String = type) throws -> [MultipartForm.Part] {
        var form = try MultipartForm(body: body, contentType: contentType)
        return try form.remainingParts()
    }

    @Test func readsFieldsAndFilesInOrder() throws {
        let body =
            "--BB\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntoken\r\n"
            + "--BB\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a;b \\\"c\\\".jsonl\"\r\nContent-Type: application/x-ndjson\r\n\r\n"
            + "{\"id\":\"1\"}\r\n\r\n--BB--\r\nepilogue"
        let parts = try Self.read(body)
        #expect(parts.map(\.name) == ["csrf", "files"])
        #expect(parts[0].fileName == nil && parts[0].data == Data("token".utf8))
        #expect(parts[1].fileName == "a;b \"c\".jsonl")
        #expect(parts[1].data == Data("{\"id\":\"1\"}\r\n".utf8))
    }

    @Test func skipsAPreambleAndReadsAQuotedBoundary() throws {
        let parts = try Self.read(
            "preamble\r\n--a'b(c)\r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n--a'b(c)--",
            contentType: "Multipart/Form-Data; charset=utf-8; boundary=\"a'b(c)\"")
        #expect(parts.count == 1 && parts[0].name == "x" && parts[0].data == Data("1".utf8))
    }

    /// Each input is refused with a message, whatever it holds; the first is finding 1 of issue 10.
    @Test(arguments: [
        ("--BB\r\n\u{e9}: x\r\n\r\nhello\r\n--BB--\r\n", "not a token"),
        ("--BB\r\nContent-Disposition: form-data; name=\"a\"\r\nX\u{1}: y\r\n\r\n1\r\n--BB--", "not a token"),
        ("--BB\r\nContent-Disposition: form-data; name=\"a\u{7f}\"\r\n\r\n1\r\n--BB--", "control character"),
        ("--BB\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end", "cut short"),
        ("--BB\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n--BB--", "disposition"),
        ("--BB\r\nContent-Type: text/plain\r\n\r\n1\r\n--BB--", "disposition"),
        (
            "--BB\r\nContent-Disposition: form-data; name=a\r\ncontent-disposition: form-data; name=b\r\n\r\n1\r\n--BB--",
            "repeats"
        ),
        ("--BBx\r\n", "line break"),
        ("--BB\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--BBjunk", "line break"),
        ("--BB\r\n" + String(repeating: "X-Pad: y\r\n", count: 40) + "\r\n1\r\n--BB--", "header"),
        ("--BB\r\nX: " + String(repeating: "y", count: 9000) + "\r\n\r\n1\r\n--BB--", "header block"),
        ("", "no parts"),
    ])
    func malformedBodiesAreRefused(_ body: String, _ fragment: String) {
        #expect {
            try Self.read(body)
        } throws: { error in
            guard case .invalid(let message) = error as? DomainError else { return false }
            return message.contains(fragment)
        }
    }

    @Test(arguments: [
        "text/plain", "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\"unterminated",
        "multipart/form-data; boundary=a\u{e9}", "multipart/form-data; boundary=" + String(repeating: "b", count: 71),
        "multipart/form-data; boundary=\"ends in space \"", "multipart/form-data; boundary=a; boundary=b",
    ])
    func badContentTypesAreRefused(_ contentType: String) {
        #expect(throws: DomainError.self) { try Self.read("--a\r\n", contentType: contentType) }
    }

    @Test func nonUTF8BytesInValuesAndBodiesAreKeptOrReplacedNeverTrapped() throws {
        var body = Data("--BB\r\nContent-Disposition: form-data; name=\"f\"; filename=\"".utf8)
        body +=
            Data([0xFF, 0xC3, 0x28]) + Data(".png\"\r\n\r\n".utf8) + Data([0x00, 0xFF, 0x0D, 0x0A, 0x2D])
            + Data("\r\n--BB--".utf8)
        let parts = try Self.read(body)
        #expect(parts.count == 1 && parts[0].data == Data([0x00, 0xFF, 0x0D, 0x0A, 0x2D]))
        #expect(parts[0].fileName?.hasSuffix(".png") == true)
    }

    @Test func aBodyStoredAsASliceReadsTheSame() throws {
        let whole = Data("xx--BB\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--BB--".utf8)
        let parts = try Self.read(whole.dropFirst(2))
        #expect(parts.count == 1 && parts[0].data == Data("1".utf8))
    }
}
