import ArtifactStore
import Foundation
import GRDB
import Testing

@testable import LabelbenchCore

/// `export --split … --split-by …`: the split rule against vectors computed independently with Python's
/// hashlib (`Tests/data/split/make_split_vectors.py` wrote `split_vectors.json`), the refusals, the files and
/// records of a split version, byte-identical output, stability across versions, and groups kept whole.
@Suite struct DatasetSplitTests {
    private struct Vectors: Decodable {
        struct Split: Decodable {
            let shares: [[ShareField]]
            let cases: [Case]
        }
        enum ShareField: Decodable {
            case name(String)
            case share(Double)
            init(from decoder: any Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let name = try? c.decode(String.self) {
                    self = .name(name)
                } else {
                    self = .share(try c.decode(Double.self))
                }
            }
        }
        struct Case: Decodable {
            let key: String
            let u: Double
            let part: String
        }
        let splits: [Split]
    }

    private static let vectorsURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data/split/split_vectors.json")

    @Test func partsMatchVectorsComputedWithHashlib() throws {
        let vectors = try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: Self.vectorsURL))
        #expect(vectors.splits.count == 3)
        for split in vectors.splits {
            let text = split.shares.map { fields in
                fields.map {
                    switch $0 {
                    case .name(let name): name
                    case .share(let share): JSONText.number(share)
                    }
                }.joined(separator: "=")
            }.joined(separator: ",")
            let parsed = try DatasetSplit(parsing: text, field: "split")
            for vector in split.cases {
                #expect(DatasetSplit.position(ofKey: vector.key) == vector.u, "u of \(JSONText.string(vector.key))")
                #expect(parsed.part(forKey: vector.key) == vector.part, "\(text): \(JSONText.string(vector.key))")
            }
        }
    }

    @Test func sharesAndNamesAreRefusedNamingTheOption() throws {
        let refusals = [
            "train=0.8,val=0.1,test=0.2": "split: the shares must sum to 1; 0.8 + 0.1 + 0.2 = 1.1",
            "train=0.8,val=0.2,test=0": "split: the share of test must be a number above 0",
            "train=1.2,val=-0.2": "split: the share of val must be a number above 0",
            "train=0.5,train=0.5": "split: train is named twice",
            "labels=0.5,test=0.5": "split: \"labels\" cannot name a split file",
            "a/b=1": "split: \"a/b\" cannot name a split file",
            "train:0.8,val=0.2": "split: \"train:0.8\" is not NAME=SHARE",
            "train=most": "split: \"train=most\" is not NAME=SHARE",
            "": "split: \"\" is not NAME=SHARE",
        ]
        for (text, message) in refusals {
            let error = #expect(throws: DomainError.self) { try DatasetSplit(parsing: text, field: "split") }
            #expect(error?.description.hasPrefix(message) == true, "\(text): \(String(describing: error))")
        }
        // Decimal shares that miss 1 only by rounding are taken.
        #expect(try DatasetSplit(parsing: "x=0.7,y=0.2,z=0.1", field: "split").parts.count == 3)
        #expect(try DatasetSplit.Grouping(parsing: "meta.city", field: "split_by") == .meta("city"))
        for grouping in ["meta.", "user", ""] {
            let error = #expect(throws: DomainError.self) { try DatasetSplit.Grouping(parsing: grouping, field: "split_by") }
            #expect(error?.description.hasPrefix("split_by:") == true)
        }
    }

    @Test func splitFilesHoldTheSliceRowsAndAreListedAndRecorded() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await SliceFixture(folder: folder)
            let split = try DatasetSplit(parsing: "train=0.5,val=0.25,test=0.25", field: "split")
            let slice = ExportSlice(meta: [MetaCondition(key: "city", value: "Oslo")])
            let result = try fixture.export(ExportOptions(slice: slice, split: split))
            let version = result.version
            let labels = try fixture.bytes(version.reference, "labels.jsonl")
            var fromParts: [String: Data] = [:]
            for part in split.parts {
                let data = try fixture.bytes(version.reference, "\(part.name).jsonl")
                for row in data.split(separator: 0x0A) {
                    let id = try SliceFixture.ids(in: Data(row))[0]
                    #expect(split.part(forKey: id) == part.name, "\(id) is in \(part.name)")
                    fromParts[id] = Data(row)
                }
            }
            // Every row of labels.jsonl is in exactly one part, byte for byte.
            let rows = labels.split(separator: 0x0A).map { Data($0) }
            #expect(try rows.map { try SliceFixture.ids(in: $0)[0] } == ["i01", "i02", "i05"])
            #expect(Set(rows) == Set(fromParts.values) && fromParts.count == rows.count)
            let wandb = try #require(
                try JSONSerialization.jsonObject(with: try fixture.bytes(version.reference, "wandb_manifest.json"))
                    as? [String: Any])
            let listed = try #require(wandb["contents"] as? [String: Any])
            let manifest = try ArtifactManifest.parse(try fixture.bytes(version.reference, "manifest.json"))
            for name in ["train.jsonl", "val.jsonl", "test.jsonl"] {
                #expect(listed[name] != nil && manifest.files.contains { $0.path == name }, "\(name) listed in both manifests")
            }
            let counts = Dictionary(grouping: rows, by: { split.part(forKey: try! SliceFixture.ids(in: $0)[0]) })
                .mapValues { JSONValue.int(Int64($0.count)) }
            let recorded: JSONValue = .object([
                "shares": .object(["train": .double(0.5), "val": .double(0.25), "test": .double(0.25)]),
                "order": .array([.string("train"), .string("val"), .string("test")]), "by": .string("id"),
                "items": .object(["train": .int(0), "val": .int(0), "test": .int(0)].merging(counts) { $1 }),
            ])
            #expect(version.metadata["split"] == recorded)
            #expect(version.lineage["split"] == recorded)
            #expect(version.lineage["slice"] == slice.json)
        }
    }

    @Test func theSameStateGivesTheSameBytes() async throws {
        try await withTemporaryFolder { folder in
            let fixture = try await SliceFixture(folder: folder)
            let options = ExportOptions(
                slice: ExportSlice(minConfidence: 0.5),
                split: try DatasetSplit(parsing: "train=0.6,test=0.4", grouping: .annotator, field: "split"))
            let first = try fixture.files(options)
            let second = try fixture.files(options)
            #expect(first == second)
            #expect(Set(first.keys).isSuperset(of: ["labels.jsonl", "train.jsonl", "test.jsonl"]))
        }
    }

    @Test func anItemStaysInItsPartWhenLaterVersionsAddItems() async throws {
        try await withTemporaryFolder { folder in
            var fixture = try await SliceFixture(folder: folder)
            let options = ExportOptions(split: try DatasetSplit(parsing: "train=0.8,val=0.1,test=0.1", field: "split"))
            let first = try fixture.export(options).version
            try await fixture.db.importItems(
                (8...60).map {
                    ItemDraft(
                        externalID: String(format: "i%02d", $0), content: .text("more"), gold: nil,
                        origin: .line($0, of: "more.jsonl"))
                }, into: fixture.task)
            fixture.task = try await fixture.db.task(named: "animals", visibleTo: fixture.practitioner)
            try await fixture.annotate((8...60).map { (String(format: "i%02d", $0), "ann-3", "bird", 2) }, from: 100)
            let second = try fixture.export(options).version
            #expect(second.number == first.number + 1)
            func parts(_ version: ArtifactVersion) throws -> [String: String] {
                var parts: [String: String] = [:]
                for name in ["train", "val", "test"] {
                    for id in try SliceFixture.ids(in: try fixture.bytes(version.reference, "\(name).jsonl")) { parts[id] = name }
                }
                return parts
            }
            let before = try parts(first)
            let after = try parts(second)
            #expect(before.count == 6 && after.count == 59)
            for (id, part) in before { #expect(after[id] == part, "\(id) moved from \(part)") }
            // With 59 items, each part gets some.
            #expect(Set(after.values) == ["train", "val", "test"])
        }
    }

    @Test func annotatorAndMetaGroupsStayTogether() async throws {
        try await withTemporaryFolder { folder in
            var fixture = try await SliceFixture(folder: folder)
            // Forty more items, each first answered by one of the three annotators, with a city each.
            let cities = ["Oslo", "Bergen", "Tromsø", "Bodø", "Molde"]
            try await fixture.db.importItems(
                (10..<50).map { index in
                    ItemDraft(
                        externalID: "g\(index)", content: .text("more"),
                        meta: index % 7 == 0 ? nil : #"{"city":"\#(cities[index % 5])"}"#, gold: nil,
                        origin: .line(index, of: "more.jsonl"))
                }, into: fixture.task)
            fixture.task = try await fixture.db.task(named: "animals", visibleTo: fixture.practitioner)
            var answers: [(String, String, String, Int)] = []
            for index in 10..<50 {
                let first = index % 3
                answers.append(("g\(index)", "ann-\(first + 1)", "cat", 2))
                answers.append(("g\(index)", "ann-\((first + 1) % 3 + 1)", "dog", 2))
            }
            try await fixture.annotate(answers, from: 100)
            for grouping in [DatasetSplit.Grouping.annotator, .meta("city")] {
                let split = try DatasetSplit(parsing: "a=0.34,b=0.33,c=0.33", grouping: grouping, field: "split")
                let files = try fixture.files(ExportOptions(split: split))
                var partOf: [String: String] = [:]
                for name in ["a", "b", "c"] {
                    for id in try SliceFixture.ids(in: try #require(files["\(name).jsonl"])) { partOf[id] = name }
                }
                let keys = try await fixture.db.writer.read { db in
                    try Row.fetchAll(
                        db,
                        sql: """
                            SELECT external_id, meta,
                              (SELECT user.name FROM annotation a JOIN user ON user.id = a.user_id WHERE a.item_id = item.id
                               ORDER BY a.created_at, a.id LIMIT 1) AS first
                            FROM item
                            """
                    ).map { row -> (String, String) in
                        let key: String =
                            switch grouping {
                            case .meta(let name): ItemMeta(storedJSON: row["meta"]).text(name)
                            default: row["first"] ?? ""
                            }
                        return (row["external_id"], key)
                    }
                }
                var groups: [String: Set<String>] = [:]
                for (id, key) in keys { if let part = partOf[id] { groups[key, default: []].insert(part) } }
                #expect(groups.count >= 3, "\(grouping): \(groups)")
                for (key, partsOfGroup) in groups {
                    #expect(partsOfGroup == [split.part(forKey: key)], "\(grouping) group \(JSONText.string(key))")
                }
            }
        }
    }
}
