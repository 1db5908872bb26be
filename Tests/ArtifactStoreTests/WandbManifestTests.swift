import Crypto
import Foundation
import Testing

@testable import ArtifactStore

@Suite struct WandbManifestTests {
    /// `json.dumps(manifest, indent=4)` from Python for the golden files, as W&B writes it.
    static let golden = """
        {
            "version": 1,
            "storagePolicy": "wandb-storage-policy-v1",
            "storagePolicyConfig": {
                "storageLayout": "V2"
            },
            "contents": {
                "a.txt": {
                    "digest": "sZRqySSS0jR8YjW00mERhA==",
                    "size": 6
                },
                "labels.jsonl": {
                    "digest": "sxu2MMfxfDPBTSg/hOjsUA==",
                    "size": 23
                }
            }
        }
        """

    var files: [ArtifactFile] {
        goldenFiles.map { ArtifactFile(path: $0.0, blob: DigestAccumulator.digest(of: $0.1)) }
    }

    @Test func entryDigestsMatchTheGoldenVector() {
        #expect(files.map(\.blob.md5Base64) == ["sZRqySSS0jR8YjW00mERhA==", "sxu2MMfxfDPBTSg/hOjsUA=="])
    }

    @Test func manifestBytesMatchWandbByteForByte() {
        #expect(String(decoding: WandbManifest.encode(files), as: UTF8.self) == Self.golden)
        // Order of input does not matter: contents are sorted by path.
        #expect(WandbManifest.encode(files.reversed()) == WandbManifest.encode(files))
    }

    @Test func versionDigestMatchesGoldenAndAnIndependentComputation() {
        #expect(WandbManifest.versionDigest(files) == "67904982bdafb8f4420f00e42dcb711e")
        var text = "wandb-artifact-manifest-v1\n"
        for (path, data) in goldenFiles.sorted(by: { $0.0 < $1.0 }) {
            text += "\(path):\(Data(Insecure.MD5.hash(data: data)).base64EncodedString())\n"
        }
        let independent = Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(independent == "67904982bdafb8f4420f00e42dcb711e")
    }

    @Test func contentDigestIsSHA256OfSortedPathLines() {
        let lines = goldenFiles.map { "\($0.0):\(Hex.string(SHA256.hash(data: $0.1)))\n" }.joined()
        #expect(
            ArtifactManifest.contentDigest(of: files) == "sha256:" + Hex.string(SHA256.hash(data: Data(lines.utf8))))
    }

    @Test func stringsAreEscapedLikePythonEnsureASCII() {
        let node = JSONNode.object([("k", .string("é😀\u{7f}\n/\"\\"))])
        #expect(node.render(indent: 4) == "{\n    \"k\": \"\\u00e9\\ud83d\\ude00\\u007f\\n/\\\"\\\\\"\n}")
        #expect(JSONNode.array([]).render(indent: 4) == "[]")
        #expect(
            JSONValue.object(["b": 1, "a": [true, .null, 1.5]]).canonicalString == "{\"a\":[true,null,1.5],\"b\":1}")
    }

    @Test func parseReadsBackEntries() throws {
        let entries = try WandbManifest.parse(Data(Self.golden.utf8))
        #expect(entries["a.txt"]?.digest == "sZRqySSS0jR8YjW00mERhA==")
        #expect(entries["labels.jsonl"]?.size == 23)
    }
}
