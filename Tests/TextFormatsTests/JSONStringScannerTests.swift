import Testing

@testable import TextFormats

/// The shared JSON string decoder of the fast line parsers.
@Suite struct JSONStringScannerTests {
    func scan(_ literal: String, unicodeEscapes: Bool = true) -> (text: String?, end: Int) {
        var bytes = Array(literal.utf8)
        return bytes.withUnsafeMutableBytes { raw in
            var index = 0
            let text = JSONStringScanner.scan(UnsafeRawBufferPointer(raw), at: &index, unicodeEscapes: unicodeEscapes)
            return (text, index)
        }
    }

    @Test func decodesEveryEscape() {
        #expect(scan(#""a\"b\\c\/d\b\f\n\r\t" tail"#).text == "a\"b\\c/d\u{8}\u{c}\n\r\t")
        #expect(scan(#""a\"b" tail"#).end == 6)
        #expect(scan(#""\u00e9\ud83d\ude42\u2028""#).text == "é🙂\u{2028}")
        #expect(scan(#""plain ascii""#).text == "plain ascii")
        #expect(scan("\"ünï\"").text == "ünï")
    }

    @Test func refusesWhatIsNotAValidLiteral() {
        for bad in [#""open"#, "\"raw\ncontrol\"", #""\x""#, #""\ud83d""#, #""\ude42""#, #""\u12""#, "x"] {
            let result = scan(bad)
            #expect(result.text == nil, "\(bad)")
            #expect(result.end == 0)
        }
        var invalid: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        invalid.withUnsafeMutableBytes { raw in
            var index = 0
            #expect(JSONStringScanner.scan(UnsafeRawBufferPointer(raw), at: &index) == nil)
        }
    }

    @Test func unicodeEscapesCanBeLeftToAGeneralParser() {
        #expect(scan(#""\u00e9""#, unicodeEscapes: false).text == nil)
        #expect(scan(#""a\nb""#, unicodeEscapes: false).text == "a\nb")
    }
}
