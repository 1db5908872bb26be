import Foundation
import GRDB
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
        let drafts = try ItemFileParser.parse(
            Fixture.jsonl([
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
        let drafts = try ItemFileParser.parse(
            Fixture.jsonl([
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
        let drafts = try ItemFileParser.parse(
            Fixture.jsonl([
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
        let drafts = try ItemFileParser.parse(
            Fixture.jsonl([
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
        #expect(
            await domainError { try await db.importItems(drafts, into: task) }?.description.hasPrefix("i.jsonl line 1") == true)
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
        let parsed = try JSONSerialization.jsonObject(
            with: Data(
                #"""
                {"z": {"y": 1, "x": [false, -3, 0.1, 1e300, 18446744073709551615]}, "a": "q\"uote\n", "m": null}
                """#.utf8))
        let text = JSONText.value(parsed)
        #expect(text == #"{"a":"q\"uote\n","m":null,"z":{"x":[false,-3,0.1,1e+300,18446744073709551615],"y":1}}"#)
        let reparsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary
        #expect(reparsed == parsed as? NSDictionary)
        #expect(JSONText.value(["b": "2", "a": "1"]) == #"{"a":"1","b":"2"}"#)
    }
}

@Suite struct DraftStreamTests {
    private func lines(_ count: Int) -> [String] {
        (1...count).map { #"{"id": "n\#($0)", "text": "item number \#($0)"}"# }
    }

    @Test func smallPiecesKeepOrderAndLineNumbers() throws {
        var file = lines(500)
        file.insert("", at: 100)
        file.insert("   ", at: 101)
        let drafts = try DraftStream.parsingJSONL(Fixture.jsonl(file), fileName: "s.jsonl", pieceBytes: 64).collect()
        #expect(drafts.map(\.externalID) == (1...500).map { "n\($0)" })
        #expect(drafts[99].origin.description == "s.jsonl line 100")
        #expect(drafts[100].origin.description == "s.jsonl line 103")
        #expect(drafts[499].origin.description == "s.jsonl line 502")
    }

    @Test func cutsFallAfterLineEnds() {
        let text = "a\nbb\n\nccc\ndddd"
        let pieces = Data(text.utf8).withUnsafeBytes { ItemFileParser.jsonlPieces($0, pieceBytes: 3) }
        #expect(pieces.map(\.range) == [0..<5, 5..<10, 10..<14])
        #expect(pieces.map(\.firstLine) == [1, 3, 5])
        #expect(Data().withUnsafeBytes { ItemFileParser.jsonlPieces($0, pieceBytes: 3) }.count == 1)
    }

    @Test func emptyFileHasNoItems() {
        #expect(throws: DomainError.self) { try DraftStream.parsingJSONL(Data("\n\n".utf8), fileName: "e.jsonl").collect() }
    }

    /// A stored-while-parsed import reports the earliest bad line of any kind, across pieces.
    @Test func earliestProblemWinsWhenStoringWhileParsing() async throws {
        let db = try Fixture.database()
        let (task, _) = try await Fixture.task(db, items: 0)
        func failure(_ file: [String]) async -> String {
            let stream = DraftStream.parsingJSONL(Fixture.jsonl(file), fileName: "p.jsonl", pieceBytes: 100)
            return await domainError { try await db.importItems(stream, into: task) }?.description ?? "no error"
        }
        var repeated = lines(300)
        repeated[250] = #"{"id": "n7", "text": "again"}"#
        repeated[280] = "{broken"
        let message = await failure(repeated)
        #expect(message.hasPrefix("p.jsonl line 251") && message.contains("line 7"), "got \(message)")

        var samePiece = lines(300)
        samePiece[200] = #"{"id": "n199", "text": "again"}"#
        samePiece[201] = "{broken"
        #expect(await failure(samePiece).hasPrefix("p.jsonl line 201"))

        var badGold = lines(300)
        badGold[150] = #"{"id": "g", "text": "x", "gold": "zebra"}"#
        badGold[151] = #"{"id": "n1", "text": "dup"}"#
        #expect(await failure(badGold).hasPrefix("p.jsonl line 151"))
        #expect(try await itemCount(db, task) == 0, "a refused import stores nothing")

        let report = try await db.importItems(
            DraftStream.parsingJSONL(Fixture.jsonl(lines(300)), fileName: "p.jsonl", pieceBytes: 100), into: task)
        #expect(report.imported == 300)
        let again = await failure(lines(3))
        #expect(again.contains("p.jsonl line 1") && again.contains("already exists"), "got \(again)")

        var updated = lines(300)
        updated[290] = #"{"id": "n12", "text": "twice in one file"}"#
        let stream = DraftStream.parsingJSONL(Fixture.jsonl(updated), fileName: "p.jsonl", pieceBytes: 100)
        let inUpdate = await domainError { try await db.importItems(stream, into: task, update: true) }?.description ?? ""
        #expect(inUpdate.hasPrefix("p.jsonl line 291") && inUpdate.contains("line 12"), "got \(inUpdate)")
    }

    /// The import turns automatic checkpoints off for its own commit only, whether it succeeds or fails.
    @Test func automaticCheckpointsComeBackAfterAnImport() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lb-ckpt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try AppDatabase.openFile(at: folder.appendingPathComponent("db.sqlite"))
        let (task, _) = try await Fixture.task(db, items: 0)
        func autocheckpoint() async throws -> Int? {
            try await db.writer.write { try Int.fetchOne($0, sql: "PRAGMA wal_autocheckpoint") }
        }
        try await db.importItems(DraftStream.parsingJSONL(Fixture.jsonl(lines(50)), fileName: "c.jsonl"), into: task)
        #expect(try await autocheckpoint() == AppDatabase.walAutocheckpointPages)
        _ = await domainError {
            try await db.importItems(DraftStream.parsingJSONL(Fixture.jsonl(["{bad"]), fileName: "c.jsonl"), into: task)
        }
        #expect(try await autocheckpoint() == AppDatabase.walAutocheckpointPages)
    }

    private func itemCount(_ db: AppDatabase, _ task: LabelingTask) async throws -> Int {
        let admin = User(id: nil, name: "admin", role: .admin, createdAt: Date())
        return try await db.tasks(visibleTo: admin).first { $0.task.name == task.name }?.items ?? -1
    }
}

/// The fast JSONL path must give exactly what the general parser gives, or step aside.
@Suite struct FastItemLineTests {
    private func general(_ line: String) -> ItemDraft? {
        try? ItemFileParser.draft(fromJSONLine: Data(line.utf8), origin: .line(1, of: "f"))
    }

    private func fast(_ line: String) -> (id: String, text: String, meta: String?)? {
        var bytes = Array(line.utf8)
        return bytes.withUnsafeMutableBufferPointer { FastItemLine.parse(UnsafeBufferPointer($0)) }
    }

    @Test func agreesWithTheGeneralParser() {
        let metas = [
            #"{}"#, #"{"source": "reviews", "shard": 3}"#, #"{"z": -12, "a": true, "m": false, "n": null}"#,
            #"{"q": "say \"hi\"\n\t\\ /slash\/"}"#, #"{"b": 0, "a": 123456789012345678}"#, #"{ "k" : "v" , "é": "ü" }"#,
            #"{"B": 1, "a": 2, "_": 3, "ä": 4}"#,
        ]
        for meta in metas {
            let line = #"{"id": "x1", "text": "hello", "meta": \#(meta)}"#
            let expected = general(line)
            let got = fast(line)
            #expect(got != nil, "the fast path should take \(meta)")
            #expect(
                got?.id == expected?.externalID && got?.meta == expected?.meta,
                "\(meta): \(got?.meta ?? "nil") vs \(expected?.meta ?? "nil")")
            let reordered = #"{"meta": \#(meta), "text": "hello", "id": "x1"}"#
            #expect(fast(reordered)?.meta == expected?.meta)
        }
    }

    @Test func leavesEverythingElseToTheGeneralParser() {
        let declined = [
            #"{"id": "x", "text": "t", "meta": {"a": 1.5}}"#, #"{"id": "x", "text": "t", "meta": {"a": 1e3}}"#,
            #"{"id": "x", "text": "t", "meta": {"a": -0}}"#, #"{"id": "x", "text": "t", "meta": {"a": 01}}"#,
            #"{"id": "x", "text": "t", "meta": {"a": 1234567890123456789}}"#, #"{"id": "x", "text": "t", "meta": {"a": [1]}}"#,
            #"{"id": "x", "text": "t", "meta": {"a": {"b": 1}}}"#, #"{"id": "x", "text": "t", "meta": {"a": 1, "a": 2}}"#,
            #"{"id": "x", "text": "t", "meta": {"a": "\u00e9"}}"#, #"{"id": "x", "text": "t", "meta": null}"#,
            #"{"id": "x", "text": "t", "meta": {"a": tru}}"#, #"{"id": "x", "text": "t", "meta": {"a": 1}, "meta": {}}"#,
            #"{"id": "x", "text": "t", "meta": {"a" 1}}"#, #"{"id": "x", "text": "t", "gold": "cat"}"#,
        ]
        for line in declined {
            #expect(fast(line) == nil, "\(line)")
        }
    }
}
