import Foundation
import Testing

@testable import ArtifactStore

@Suite struct DatasetDiffTests {
    @Test func namesExactlyTheRelabeledAddedAndRemovedItems() async throws {
        try await withTempDirectory { folder in
            try writeFile(
                Data(
                    """
                    {"id":1,"label":"cat"}
                    {"id":2,"label":["a","b"]}
                    {"id":"x","label":null}
                    {"id":4,"label":3}

                    """.utf8), "old.jsonl", in: folder)
            try writeFile(
                Data(
                    """
                    {"label":"cat","id":1}
                    {"id":2,"label":["a","c"]}
                    {"id":4,"label":3}
                    {"id":5,"label":"dog"}
                    """.utf8), "new.jsonl", in: folder)
            let result = try DatasetDiff.compare(
                old: folder.appendingPathComponent("old.jsonl"), new: folder.appendingPathComponent("new.jsonl"),
                oldName: "cats:v0", newName: "cats:v1")
            #expect(result.relabeled == [DatasetDiff.Relabel(id: 2, old: ["a", "b"], new: ["a", "c"])])
            #expect(result.added == [5])
            #expect(result.removed == ["x"])
            #expect(result.counts == DatasetDiff.Counts(added: 1, removed: 1, relabeled: 1, unchanged: 2))
            #expect(result.renderText().contains("~ 2: [\"a\",\"b\"] -> [\"a\",\"c\"]"))
            let json = try JSONEncoder().encode(result)
            #expect(try JSONDecoder().decode(DatasetDiff.Result.self, from: json) == result)
        }
    }

    @Test func spanListsAreComparedBySpansNotByConfidenceOrOrder() async throws {
        try await withTempDirectory { folder in
            let per = #"{"start":0,"end":3,"label":"PER"}"#
            let loc = #"{"start":7,"end":11,"label":"LOC"}"#
            try writeFile(
                Data(
                    """
                    {"id":"same","label":[\(per),\(loc)]}
                    {"id":"reordered","label":[\(per),\(loc)]}
                    {"id":"confidence","label":[{"confidence":0.667,"start":0,"end":3,"label":"PER"}]}
                    {"id":"moved","label":[\(per)]}
                    {"id":"reclassed","label":[\(per)]}
                    {"id":"emptied","label":[\(per)]}
                    {"id":"found","label":[]}

                    """.utf8), "old.jsonl", in: folder)
            try writeFile(
                Data(
                    """
                    {"id":"same","label":[\(per),\(loc)]}
                    {"id":"reordered","label":[\(loc),\(per)]}
                    {"id":"confidence","label":[{"confidence":1,"start":0,"end":3,"label":"PER"}]}
                    {"id":"moved","label":[{"start":0,"end":4,"label":"PER"}]}
                    {"id":"reclassed","label":[{"start":0,"end":3,"label":"ORG"}]}
                    {"id":"emptied","label":[]}
                    {"id":"found","label":[\(loc)]}

                    """.utf8), "new.jsonl", in: folder)
            let result = try DatasetDiff.compare(
                old: folder.appendingPathComponent("old.jsonl"), new: folder.appendingPathComponent("new.jsonl"))
            #expect(result.relabeled.map(\.id) == ["moved", "reclassed", "emptied", "found"])
            #expect(result.counts == DatasetDiff.Counts(added: 0, removed: 0, relabeled: 4, unchanged: 3))
        }
    }

    @Test func badLineIsReportedWithItsNumber() async throws {
        try await withTempDirectory { folder in
            try writeFile(Data("{\"id\":1,\"label\":\"a\"}\nnot json\n".utf8), "bad.jsonl", in: folder)
            let url = folder.appendingPathComponent("bad.jsonl")
            #expect(throws: ArtifactStoreError.invalidLine(file: "bad.jsonl", line: 2, reason: "not a JSON object")) {
                try DatasetDiff.compare(old: url, new: url)
            }
        }
    }

    @Test func repositoryDiffsTwoVersions() async throws {
        try await withTempDirectory { folder in
            let repository = try makeRepository(in: folder)
            try repository.commit(try draft(repository, files: goldenFiles))
            var files = goldenFiles
            files[1].1 = Data("{\"id\":1,\"label\":\"dog\"}\n{\"id\":2,\"label\":\"cat\"}\n".utf8)
            try repository.commit(try draft(repository, files: files))
            let result = try repository.diff(
                ArtifactReference(parsing: "cats:v0"), ArtifactReference(parsing: "cats:latest"))
            #expect(result.old == "cats:v0")
            #expect(result.new == "cats:v1")
            #expect(result.relabeled == [DatasetDiff.Relabel(id: 1, old: "cat", new: "dog")])
            #expect(result.added == [2])
        }
    }
}
