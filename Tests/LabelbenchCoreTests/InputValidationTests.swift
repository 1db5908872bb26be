import Foundation
import Testing

@testable import LabelbenchCore

/// Findings 9, 10 and 11 of the hardening issue: input is refused with the field (and line) named,
/// never truncated, silently defaulted or stored as a wrapped-around number.
@Suite struct InputValidationTests {
    private func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as DomainError {
            return error.description
        } catch {
            return "\(error)"
        }
    }

    private func asyncMessage(_ body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch let error as DomainError {
            return error.description
        } catch {
            return "\(error)"
        }
    }

    private func task(_ json: String) throws -> TaskDefinition { try TaskDefinition.decode(Data(json.utf8)) }

    private static let labels = #""labels": [{"name": "a"}, {"name": "b"}]"#

    // MARK: - Duplicate keys and nesting

    @Test func aKeyGivenTwiceIsRefusedWhereverItIs() {
        #expect(
            message { try StrictJSON.checkStructure(Data(#"{"item": "a", "item": "b"}"#.utf8)) }?.hasPrefix("item: given twice")
                == true)
        #expect(message { try StrictJSON.checkStructure(Data(#"{"item": "a", "\u0069tem": "b"}"#.utf8)) } != nil)
        #expect(message { try StrictJSON.checkStructure(Data(#"{"x": {"k": 1, "k": 2}}"#.utf8)) } != nil)
        #expect(
            message { try StrictJSON.checkStructure(Data(#"{"x": [{"k": 1}, {"k": 2}], "k": {"k": "k,\"k\""}}"#.utf8)) } == nil)
        #expect(message { try StrictJSON.checkStructure(Data(#"{"a": "\"", "b": ["a", "a"]}"#.utf8)) } == nil)
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(message { try StrictJSON.checkStructure(Data(deep.utf8)) }?.contains("nested") == true)
    }

    @Test func anItemLineWithADuplicateKeyIsRefused() {
        for line in [
            #"{"id": "a", "text": "x", "text": "y"}"#, #"{"id": "a", "id": "b", "text": "x"}"#,
            #"{"id": "a", "text": "x", "meta": {"k": 1, "k": 2}}"#,
        ] {
            let text = message { _ = try ItemFileParser.parse(Data((line + "\n").utf8), fileName: "d.jsonl") }
            #expect(
                text?.hasPrefix("d.jsonl line 1: ") == true && text?.contains("given twice") == true,
                "\(line): \(text ?? "accepted")")
        }
    }

    @Test func aTaskWithADuplicateKeyIsRefused() {
        let json = #"{"name": "t", "overlap": 1, "overlap": 3, \#(Self.labels)}"#
        #expect(
            message { _ = try StrictJSON.decode(TaskDefinition.self, from: Data(json.utf8)) }?.hasPrefix("overlap: given twice")
                == true)
    }

    // MARK: - Numbers

    @Test func aFractionalOverlapNamesTheField() {
        let text = message { _ = try task(#"{"name": "t", "overlap": 2.5, \#(Self.labels)}"#) }
        #expect(text?.hasPrefix("overlap:") == true, "\(text ?? "accepted")")
    }

    @Test func huge1e300NumbersAreRefusedNotWrapped() throws {
        #expect(
            message { _ = try task(#"{"name": "t", "guideline_version": 1e300, \#(Self.labels)}"#) }?.hasPrefix(
                "guideline_version:") == true)
        #expect(
            message { _ = try task(#"{"name": "t", "guideline_version": -7, \#(Self.labels)}"#) }?.hasPrefix("guideline_version:")
                == true)
        let text = message {
            _ = try ItemFileParser.parse(Data(#"{"id": 1e300, "text": "x", "meta": null}"#.utf8 + [0x0A]), fileName: "i.jsonl")
        }
        #expect(text?.contains("i.jsonl line 1") == true, "\(text ?? "accepted")")
        let whole = try ItemFileParser.parse(Data(#"{"id": 42, "text": "x", "meta": null}"#.utf8), fileName: "i.jsonl")
        #expect(whole.first?.externalID == "42")
    }

    // MARK: - The read-only fields of GET

    @Test func aTaskSentBackAsReadIsAccepted() throws {
        let definition = try task(#"{"name": "t", "guideline_version": 4, \#(Self.labels)}"#)
        #expect(definition.name == "t")
        #expect(
            message { _ = try task(#"{"name": "t", "guideline_version": "4", \#(Self.labels)}"#) }?.hasPrefix(
                "guideline_version:") == true)
    }

    // MARK: - NUL characters

    @Test func aNULInAnyTaskTextIsRefusedNamingTheField() {
        let cases: [(String, String)] = [
            ("title", #"{"name": "t", "title": "a\u0000b", \#(Self.labels)}"#),
            ("instructions", #"{"name": "t", "instructions": "read\u0000me", \#(Self.labels)}"#),
            ("labels[0].description", #"{"name": "t", "labels": [{"name": "a", "description": "x\u0000"}, {"name": "b"}]}"#),
            ("labels[1].name", #"{"name": "t", "labels": [{"name": "a"}, {"name": "b\u0000c"}]}"#),
            ("guidelines[0].ruling", #"{"name": "t", "guidelines": [{"title": "g", "ruling": "r\u0000"}], \#(Self.labels)}"#),
            ("guidelines[0].title", #"{"name": "t", "guidelines": [{"title": "\u0000", "ruling": "r"}], \#(Self.labels)}"#),
            ("annotators[0]", #"{"name": "t", "annotators": ["a\u0000"], \#(Self.labels)}"#),
        ]
        for (field, json) in cases {
            let text = message { _ = try task(json) }
            #expect(text?.hasPrefix(field + ":") == true, "\(field): \(text ?? "accepted")")
        }
    }

    @Test func aNULInItemTextIsRefusedWithItsLine() {
        for line in [#"{"id": "a", "text": "cut\u0000here"}"#, #"{"id": "a", "text": "cut\u0000here", "gold": null}"#] {
            let text = message {
                _ = try ItemFileParser.parse(
                    Data(("{\"id\": \"ok\", \"text\": \"fine\"}\n" + line + "\n").utf8), fileName: "i.jsonl")
            }
            #expect(text?.hasPrefix("i.jsonl line 2: \"text\" contains a NUL") == true, "\(text ?? "accepted")")
        }
        let csv = message { _ = try ItemFileParser.parse(Data("id,text\nc1,\"a\u{0}b\"\n".utf8), fileName: "i.csv") }
        #expect(csv?.hasPrefix("i.csv row 2: \"text\" contains a NUL") == true, "\(csv ?? "accepted")")
    }

    @Test func everyDraftIsCheckedBeforeItIsStored() async throws {
        let db = try Fixture.database()
        let (task, _) = try await Fixture.task(db, items: 0)
        let named = ItemDraft(externalID: "cat\n.png", content: .text("x"), origin: .named("cat\n.png"))
        #expect(await asyncMessage { _ = try await db.importItems([named], into: task) }?.contains("control characters") == true)
        let meta = ItemDraft(externalID: "m", content: .text("x"), meta: "{\"a\":\"b\u{0}\"}", origin: .line(3, of: "f"))
        #expect(
            await asyncMessage { _ = try await db.importItems([meta], into: task) }?.hasPrefix(
                "f line 3: \"meta\" contains a NUL")
                == true)
        #expect(try await db.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM item") } == 0)
    }

    @Test func aRulingNoteWithANULIsRefusedWhateverSendsIt() async throws {
        let db = try Fixture.database()
        let (task, _) = try await Fixture.task(db, items: 1)
        let admin = try await db.createUser(name: "judge", role: .admin, password: nil)
        let text = await asyncMessage {
            _ = try await db.adjudicate("item-000", in: task, answer: .one("cat"), note: "cut\u{0}here", by: admin)
        }
        #expect(text?.hasPrefix("note: contains a NUL") == true, "\(text ?? "accepted")")
        #expect(try await db.adjudications(in: task).isEmpty)
    }

    // MARK: - CSV strictness

    @Test func csvRefusesWhatJSONLRefuses() {
        let unterminated = message {
            _ = try ItemFileParser.parse(Data("id,text\nc1,ok\nc2,\"never closed\nc3,x\n".utf8), fileName: "u.csv")
        }
        #expect(unterminated?.hasPrefix("u.csv line 3: a quoted field is never closed") == true, "\(unterminated ?? "accepted")")
        let duplicate = message { _ = try ItemFileParser.parse(Data("id,text,id\nc1,ok,c2\n".utf8), fileName: "d.csv") }
        #expect(duplicate?.hasPrefix("d.csv row 1, column 3: \"id\" repeats column 1") == true, "\(duplicate ?? "accepted")")
        let both = message { _ = try ItemFileParser.parse(Data("id,text,image\nc1,ok,a.png\n".utf8), fileName: "b.csv") }
        #expect(both?.hasPrefix("b.csv row 1, column 3") == true, "\(both ?? "accepted")")
        // Quotes that close, doubled quotes and quoted newlines still read.
        let fine = try? ItemFileParser.parse(Data("id,text\nc1,\"a \"\"b\"\"\nc\"\nc2,x\n".utf8), fileName: "f.csv")
        #expect(fine?.map(\.externalID) == ["c1", "c2"])
    }

    // MARK: - Annotation import

    @Test func annotationLinesAreCheckedStrictly() async throws {
        let db = try Fixture.database()
        let (task, _) = try await Fixture.task(db, items: 2)
        let bad: [(String, String)] = [
            (#"{"item": "item-000", "annotator": "ann-1", "label": "cat", "guideline_version": 1e300}"#, "guideline_version:"),
            (#"{"item": "item-000", "annotator": "ann-1", "label": "cat", "guideline_version": -7}"#, "guideline_version:"),
            (#"{"item": 1e300, "annotator": "ann-1", "label": "cat"}"#, "item:"),
            (#"{"item": "item-000", "annotator": "ann-1", "label": "cat", "label": "dog"}"#, "label: given twice"),
            (#"{"item": "item-000", "annotator": "ann-1", "label": "cat", "seconds": "3"}"#, "seconds:"),
        ]
        for (line, field) in bad {
            let text = await asyncMessage { _ = try await db.importAnnotations(Data(line.utf8), fileName: "a.jsonl", into: task) }
            #expect(text?.hasPrefix("a.jsonl line 1: " + field) == true, "\(line): \(text ?? "accepted")")
        }
        #expect(try await db.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM annotation") } == 0)
    }

    @Test func anAnnotationLineIsBoundedWhileItArrives() async throws {
        let db = try Fixture.database()
        let task = try await db.createTask(Fixture.definition(), by: nil)
        var reader = AnnotationLineReader(fileName: "big.jsonl", task: task)
        let piece = [UInt8](repeating: 0x20, count: 256 << 10)
        try reader.append(Array(#"{"item": "a", "annotator": "b", "label": "cat"}"#.utf8) + [0x0A])
        let text = message {
            for _ in 0..<5 { try reader.append(piece) }
        }
        #expect(text == "big.jsonl line 2: longer than \(AnnotationLineReader.maxLineBytes) bytes")
    }
}
