import Foundation

/// Real, small image files made in code, for tests of import, serving and benchmarks.
///
/// `png(width:height:seed:)` builds a valid PNG of any size (stored zlib blocks, correct CRCs) whose bytes
/// differ for every seed, so a test can make hundreds of distinct images. The JPEG, GIF and WebP files are
/// fixed 3×2 images written by Pillow (a decoder-validated source), embedded as hex.
public enum TestImages {
    /// A valid 8-bit RGB PNG of `width` × `height`; different seeds give different pixels and bytes.
    public static func png(width: Int = 1, height: Int = 1, seed: Int = 0) -> Data {
        var raw: [UInt8] = []
        raw.reserveCapacity(height * (1 + width * 3))
        for y in 0..<height {
            raw.append(0)  // filter type "None" for every row
            for x in 0..<width {
                raw.append(UInt8(truncatingIfNeeded: x &* 7 &+ seed &* 31))
                raw.append(UInt8(truncatingIfNeeded: y &* 13 &+ seed &* 17))
                raw.append(UInt8(truncatingIfNeeded: (x ^ y) &+ seed >> 8))
            }
        }
        // The tEXt chunk makes the bytes unique per seed even where the pixel pattern repeats.
        return pngFile(width: width, height: height, imageData: zlibStored(raw), text: "seed=\(seed)")
    }

    /// A PNG whose IHDR declares `width` × `height` but whose image data is a token: enough for header checks
    /// such as "100000×100000 is refused" without allocating the pixels.
    public static func pngDeclaring(width: Int, height: Int) -> Data {
        pngFile(width: width, height: height, imageData: zlibStored([0]), text: nil)
    }

    /// Signature, IHDR (8-bit RGB), optional tEXt, one IDAT and IEND.
    public static func pngFile(width: Int, height: Int, imageData: [UInt8], text: String?) -> Data {
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file += pngChunk("IHDR", bigEndian32(width) + bigEndian32(height) + [8, 2, 0, 0, 0])
        if let text { file += pngChunk("tEXt", Array("Comment".utf8) + [0] + Array(text.utf8)) }
        file += pngChunk("IDAT", imageData)
        file += pngChunk("IEND", [])
        return Data(file)
    }

    /// One PNG chunk: length, type, data, CRC-32 of type and data.
    public static func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        return bigEndian32(data.count) + typed + bigEndian32(Int(crc32(typed)))
    }

    /// A zlib stream of uncompressed ("stored") deflate blocks, at most 65,535 bytes each.
    public static func zlibStored(_ raw: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, raw.count - offset)
            out.append(offset + count == raw.count ? 1 : 0)  // BFINAL on the last block, BTYPE 00
            out += [UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            out += raw[offset..<offset + count]
            offset += count
        } while offset < raw.count
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in raw {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return out + bigEndian32(Int(b << 16 | a))
    }

    /// CRC-32 (the PNG and zip polynomial), computed bit by bit: independent of the code under test.
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// `value` as four big-endian bytes.
    public static func bigEndian32(_ value: Int) -> [UInt8] {
        [UInt8((value >> 24) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    /// A 3×2 baseline JPEG (SOF0, JFIF).
    public static let jpeg = hex(
        "ffd8ffe000104a46494600010100000100010000ffdb0043000302020302020303030304030304050805050404050a07"
            + "0706080c0a0c0c0b0a0b0b0d0e12100d0e110e0b0b1016101113141515150c0f171816141812141514ffdb0043010304"
            + "0405040509050509140d0b0d141414141414141414141414141414141414141414141414141414141414141414141414"
            + "1414141414141414141414141414ffc00011080002000303012200021101031101ffc4001f0000010501010101010100"
            + "000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d010203000411051221"
            + "31410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a"
            + "434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a9293949596979899"
            + "9aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1"
            + "f2f3f4f5f6f7f8f9faffc4001f0100030101010101010101010000000000000102030405060708090a0bffc400b51100"
            + "020102040403040705040400010277000102031104052131061241510761711322328108144291a1b1c109233352f015"
            + "6272d10a162434e125f11718191a262728292a35363738393a434445464748494a535455565758595a63646566676869"
            + "6a737475767778797a82838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4"
            + "c5c6c7c8c9cad2d3d4d5d6d7d8d9dae2e3e4e5e6e7e8e9eaf2f3f4f5f6f7f8f9faffda000c03010002110311003f00fc"
            + "e4f8b1ab5f3f8c119af6e199b4bd3092656249fb05bfbd14515fd0fc37ff00224c0ffd7aa7ff00a444f3315fc7a9eaff"
            + "0033ffd9")

    /// A 3×2 progressive JPEG (SOF2, several scans).
    public static let jpegProgressive = hex(
        "ffd8ffe000104a46494600010100000100010000ffdb0043000302020302020303030304030304050805050404050a07"
            + "0706080c0a0c0c0b0a0b0b0d0e12100d0e110e0b0b1016101113141515150c0f171816141812141514ffdb0043010304"
            + "0405040509050509140d0b0d141414141414141414141414141414141414141414141414141414141414141414141414"
            + "1414141414141414141414141414ffc20011080002000303012200021101031101ffc400150001010000000000000000"
            + "0000000000000008ffc4001501010100000000000000000000000000000407ffda000c030100021003100000019c450c"
            + "bfffc40017100003010000000000000000000000000002030514ffda0008010100010502acd3d9ffc400171100030100"
            + "00000000000000000000000000020332ffda0008010301013f01aed8ffc4001b11000007010000000000000000000000"
            + "0000010203053472b1ffda0008010201013f018da4c653c21fffc4001a10000105010000000000000000000000000200"
            + "0332334162ffda0008010100063f029954def02bffc400161001010100000000000000000000000000010041ffda0008"
            + "010100013f2158545d55ffda000c03010002000300000010ff00ffc40017110003010000000000000000000000000000"
            + "01a1b1ffda0008010301013f10a9e9ffc40014110100000000000000000000000000000000ffda0008010201013f102a"
            + "ffc400161001010100000000000000000000000000010071ffda0008010100013f104520aacaed7fffd9")

    /// A 3×2 GIF87a.
    public static let gif = hex(
        "4749463837610300020082000000ff00c864320a141eff00000000ff0000000000000000002c00000000030002000008"
            + "09000700202020408180003b")

    /// The classic 42-byte transparent 1×1 GIF89a, with a graphic-control extension block.
    public static let gif89a = hex("47494638396101000100800000000000ffffff21f90401000000002c000000000100010000020144003b")

    /// A 3×2 lossless WebP (VP8L chunk).
    public static let webpLossless = hex(
        "5249464640000000574542505650384c340000002f024000002f40906db3390cecfe32d72093b6c95fff76666d64d236"
            + "ad87def3ef72f31f20eee451b305020132448b2511fd8f1c")

    /// A 3×2 lossy WebP (VP8 chunk).
    public static let webpLossy = hex(
        "524946465600000057454250565038204a000000d001009d012a0300020001402625a80274010efb10a00000fefd29bf"
            + "6cecfce3ffe1530b50fa8c7ffc4c7fe3d6fe7fff537fffe26cfe98ffc7adfcfffea6ff9fa33aed10e3f0223ae800")

    /// A 3×2 lossy WebP with alpha (VP8X extended header).
    public static let webpExtended = hex(
        "524946467800000057454250565038580a00000010000000020000010000414c50480700000000808080808080005650"
            + "38204a000000d001009d012a0300020001402625a80274010efb10a00000fefd29bf6cecfce3ffe1530b50fa8c7ffc4c"
            + "7fe3d6fe7fff537fffe26cfe98ffc7adfcfffea6ff9fa33aed10e3f0223ae800")

    /// An SVG that runs script when a browser opens it: must never be accepted as an image.
    public static let svgWithScript = Data(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
          <script>alert(document.cookie)</script>
          <rect width="10" height="10" fill="red"/>
        </svg>
        """.utf8)

    /// An HTML page, typically uploaded renamed as `photo.png`.
    public static let htmlPage = Data(
        "<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(1)</script></body></html>".utf8)

    /// Decodes a hex string (test fixtures only; traps on bad input).
    public static func hex(_ string: String) -> Data {
        var data = Data(capacity: string.count / 2)
        var index = string.startIndex
        while index < string.endIndex {
            let next = string.index(index, offsetBy: 2)
            data.append(UInt8(string[index..<next], radix: 16)!)
            index = next
        }
        return data
    }
}
