import Foundation
import Testing

@testable import LabelbenchCore

@Suite struct ItemImportTests {
    private func itemCount(_ db: AppDatabase, _ task: LabelingTask) async throws -> Int {
        let admin = User(id: nil, name: "admin", role: .admin, createdAt: Date())
        return try await db.tasks(visibleTo: admin).first { $0.task.name == task.name }?.items ?? -1
    }

    @Test func importsJSONLWithMetaAndGold() async throws {
        let db = try Fixture.database()
        let (task, _) = try await Fixture.task(db, items: 0)
        let drafts = try ItemFileParser.parse(Fixture.jsonl([
            #"{"id": "a1", "text": "a cat", "meta": {"z": 1, "a": "x"}, "gold": "cat"}"#,
            "",
            #"{"id": "a2", "text": "a dog"}"#,
        ]), fileName: "items.jsonl")
        #expect(drafts.map(\.externalID) == ["a1", "a2"])
        #expect(drafts[0].meta == #"{"a":"x","z":1}"#)
        #expect(drafts[1].origin.description == "items.jsonl line 3")
        let report = try await db.importItems(drafts, into: task)
        #expect(report == ImportReport(imported: 2, updated: 0, gold: 1))
        #expect(try await itemCount(db, task) == 2)
    }

    @Test func importsCSVWithQuotedFieldsAndExtraColumnsAsMeta() async throws {
        let db = try Fixture.database()
        let (task, _) = try await Fixture.task(db, items: 0)
        let csv = "id,text,gold,source\r\nc1,\"hello, \"\"world\"\"\",cat,web\r\nc2,plain,,mail\r\n"
        let drafts = try ItemFileParser.parse(Data(csv.utf8), fileName: "items.CSV")
        #expect(drafts.count == 2)
        #expect(drafts[0].content == .text(#"hello, "world""#))
        #expect(drafts[0].meta == #"{"source":"web"}"#)
        #expect(drafts[0].gold != nil && drafts[1].gold == nil)
        #expect(drafts[1].origin.description == "items.CSV row 3")
        let report = try await db.importItems(drafts, into: task)
        #expect(report.imported == 2 && report.gold == 1)
    }

    @Test func csvNeedsIdAndTextColumns() {
        #expect(throws: DomainError.self) { try ItemFileParser.parse(Data("name,text\nx,y\n".utf8), fileName: "a.csv") }
        #expect(throws: DomainError.self) { try ItemFileParser.parse(Data("id,text\nx\n".utf8), fileName: "a.csv") }
    }

    @Test func badJSONLLinesAreNamed() {
        func message(_ lines: [String]) -> String? {
            do {
                _ = try ItemFileParser.parse(Fixture.jsonl(lines), fileName: "items.jsonl")
                return nil
            } catch {
                return (error as? DomainError)?.description
            }
        }
        #expect(message([#"{"id": "a", "text": "x"}"#, "{not json"])?.hasPrefix("items.jsonl line 2") == true)
        #expect(message([#"{"id": "a", "txt": "x"}"#])?.contains("txt") == true)
        #expect(message([#"{"id": "a"}"#])?.hasPrefix("items.jsonl line 1") == true)
        #expect(message([#"{"id": "a", "text": "x", "image": "y.png"}"#]) != nil)
        #expect(message([#"{"id": "a", "text": "x", "meta": [1]}"#])?.contains("meta") == true)
        #expect(message([""]) != nil)
    }

    @Test func duplicateIdNamesBothLines() async throws {
        let db = try Fixture.database()
        let (task, _) = try await Fixture.task(db, items: 0)
        let drafts = try ItemFileParser.parse(Fixture.jsonl([
            #"{"id": "a1", "text": "one"}"#, #"{"id": "a2", "text": "two"}"#, #"{"id": "a1", "text": "again"}"#,
        ]), fileName: "items.jsonl")
        let error = await domainError { try await db.importItems(drafts, into: task) }
        let message = error?.description ?? ""
        #expect(message.contains("items.jsonl line 3") && message.contains("items.jsonl line 1"), "got \(message)")
        #expect(try await itemCount(db, task) == 0)
    }

    @Test func existingIdFailsUnlessUpdateAndNothingIsStored() async throws {
        let db = try Fixture.database()
        let (task, _) = try await Fixture.task(db, items: 3)
        let drafts = try ItemFileParser.parse(Fixture.jsonl([
            #"{"id": "new-1", "text": "fresh"}"#, #"{"id": "item-001", "text": "changed", "gold": "dog"}"#,
            #"{"id": "new-2", "text": "fresh"}"#,
        ]), fileName: "more.jsonl")
        let error = await domainError { try await db.importItems(drafts, into: task) }
        #expect(error?.isConflict == true)
        #expect(error?.description.contains("more.jsonl line 2") == true && error?.description.contains("item-001") == true)
        #expect(try await itemCount(db, task) == 3, "a refused import must store nothing")

        let report = try await db.importItems(drafts, into: task, update: true)
        #expect(report == ImportReport(imported: 2, updated: 1, gold: 1))
        #expect(try await itemCount(db, task) == 5)
    }

    @Test func goldIsValidatedAgainstTheLabels() async throws {
        let db = try Fixture.database()
        let (task, _) = try await Fixture.task(db, items: 0)
        let drafts = try ItemFileParser.parse(Fixture.jsonl([
            #"{"id": "g1", "text": "x", "gold": "cat"}"#, #"{"id": "g2", "text": "y", "gold": "zebra"}"#,
        ]), fileName: "gold.jsonl")
        let error = await domainError { try await db.importItems(drafts, into: task) }
        #expect(error?.description.hasPrefix("gold.jsonl line 2") == true)
        #expect(error?.description.contains("zebra") == true)
        #expect(try await itemCount(db, task) == 0)
        let numeric = try ItemFileParser.parse(Fixture.jsonl([#"{"id": "g3", "text": "x", "gold": 1}"#]), fileName: "n.jsonl")
        #expect(await domainError { try await db.importItems(numeric, into: task) } != nil)
    }

    @Test func imageItemsAreRefusedInATextTask() async throws {
        let db = try Fixture.database()
        let (task, _) = try await Fixture.task(db, items: 0)
        let drafts = try ItemFileParser.parse(Fixture.jsonl([#"{"id": "i1", "image": "a.png"}"#]), fileName: "i.jsonl")
        #expect(await domainError { try await db.importItems(drafts, into: task) }?.description.hasPrefix("i.jsonl line 1") == true)
    }

    /// Files of a megabyte or more are parsed in two halves at once: lines must keep their
    /// numbers in the file and the order of items must be the file's.
    @Test func largeFilesKeepLineNumbersAndOrderAcrossHalves() throws {
        let filler = String(repeating: "word ", count: 40)
        var lines = (0..<6000).map { #"{"id": "item-\#($0)", "text": "\#(filler)\#($0)"}"# }
        lines[10] = #"{"id": "item-10", "text": "x", "meta": {"b": [1, 2.5, true, null], "a": "\u00e9"}}"#
        let drafts = try ItemFileParser.parse(Fixture.jsonl(lines), fileName: "big.jsonl")
        #expect(Fixture.jsonl(lines).count > 1 << 20)
        #expect(drafts.map(\.externalID) == (0..<6000).map { "item-\($0)" })
        #expect(drafts[5999].origin.description == "big.jsonl line 6000")
        #expect(drafts[10].meta == #"{"a":"é","b":[1,2.5,true,null]}"#)

        func message(_ lines: [String]) -> String {
            do {
                _ = try ItemFileParser.parse(Fixture.jsonl(lines), fileName: "big.jsonl")
                return "no error"
            } catch {
                return String(describing: error)
            }
        }
        var late = lines
        late[5000] = "{broken"
        #expect(message(late).hasPrefix("big.jsonl line 5001"), "got \(message(late))")
        var both = late
        both[20] = "{also broken"
        #expect(message(both).hasPrefix("big.jsonl line 21"), "the earliest bad line is named: \(message(both))")
    }

    @Test func idsWithControlCharactersAreRefused() {
        for id in ["a\u{0}b", "tab\there", "del\u{7F}", "c1\u{85}x", "c1\u{9F}"] {
            #expect(ItemFileParser.hasControlCharacter(id), "\(Array(id.unicodeScalars))")
        }
        for id in ["plain", "é-ß-中", "\u{A0}nbsp", "emoji-😀", "\u{2028}"] {
            #expect(!ItemFileParser.hasControlCharacter(id), "\(Array(id.unicodeScalars))")
        }
    }

    @Test func metaIsWrittenWithSortedKeysAndExactNumbers() throws {
        let parsed = try JSONSerialization.jsonObject(with: Data(#"""
            {"z": {"y": 1, "x": [false, -3, 0.1, 1e300, 18446744073709551615]}, "a": "q\"uote\n", "m": null}
            """#.utf8))
        let text = JSONText.value(parsed)
        #expect(text == #"{"a":"q\"uote\n","m":null,"z":{"x":[false,-3,0.1,1e+300,18446744073709551615],"y":1}}"#)
        let reparsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary
        #expect(reparsed == parsed as? NSDictionary)
        #expect(JSONText.value(["b": "2", "a": "1"]) == #"{"a":"1","b":"2"}"#)
    }
}
