import Testing

@testable import TextFormats

/// The one hex rule for digests.
@Suite struct HexTests {
    @Test func lowercaseTwoDigitsAByteAndBack() {
        let bytes: [UInt8] = [0x00, 0x0f, 0xa0, 0xff, 0x5c]
        #expect(Hex.string(bytes) == "000fa0ff5c")
        #expect(bytes.hexString == "000fa0ff5c")
        #expect(Hex.bytes("000FA0ff5c") == bytes)
        #expect(Hex.bytes("abc") == nil)
        #expect(Hex.bytes("zz") == nil)
        #expect(Hex.isLowercaseHex("00ff", length: 4))
        #expect(!Hex.isLowercaseHex("00FF", length: 4))
        #expect(!Hex.isLowercaseHex("../x", length: 4))
    }
}
