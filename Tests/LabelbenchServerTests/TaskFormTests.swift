import Foundation
import Hummingbird
import LabelbenchCore
import Testing

@testable import LabelbenchServer

/// The task form read as a browser posts it: CRLF newlines, label rows, row buttons, problems by field.
@Suite struct TaskFormTests {
    static func decode(_ fields: [(String, String)]) throws -> TaskForm {
        let body = fields.map { name, value in
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._*"))
            return name.addingPercentEncoding(withAllowedCharacters: allowed)! + "=" + value.addingPercentEncoding(
                withAllowedCharacters: allowed)!
        }.joined(separator: "&")
        return try URLEncodedFormDecoder().decode(TaskForm.self, from: body)
    }

    static let base: [(String, String)] = [
        ("name", "birds"), ("title", "Birds"), ("kind", "text"), ("answer", "single"), ("overlap", "2"), ("lease_seconds", "600"),
    ]

    @Test func crlfTextareasFromABrowserAreRead() throws {
        let form = try Self.decode(
            Self.base + [
                ("labels", "bird | 1 | A bird\r\nno-bird | 2\r\n"), ("instructions", "Line one\r\nLine two\rthree"),
                ("guideline_title[]", "Penguins"), ("guideline_ruling[]", "A penguin\r\nis a bird."),
            ])
        let (definition, errors) = form.definition(existing: nil)
        #expect(errors.isEmpty, "\(errors.byField)")
        #expect(
            definition.labels == [TaskLabel(name: "bird", key: "1", description: "A bird"), TaskLabel(name: "no-bird", key: "2")])
        #expect(definition.instructions == "Line one\nLine two\nthree")
        #expect(definition.guidelines.map(\.ruling) == ["A penguin\nis a bird."])
    }

    @Test func labelRowsSkipBlankRowsAndFileProblemsUnderTheirRow() throws {
        let form = try Self.decode(
            Self.base + [
                ("label_name[]", "bird"), ("label_key[]", "1"), ("label_description[]", "Any\r\nbird"),
                ("label_name[]", ""), ("label_key[]", ""), ("label_description[]", ""),
                ("label_name[]", "bird"), ("label_key[]", "2"), ("label_description[]", ""),
                ("label_name[]", ""), ("label_key[]", "3"), ("label_description[]", ""),
            ])
        let (definition, errors) = form.definition(existing: nil)
        #expect(definition.labels.map(\.name) == ["bird", "bird"])
        #expect(definition.labels.first?.description == "Any\nbird")
        #expect(errors.byLabelRow[2]?.contains("appears twice") == true, "\(errors.byLabelRow)")
        #expect(errors.byLabelRow[3] == "Give this label a name.")
        #expect(errors.byLabelRow[0] == nil && errors.byLabelRow[1] == nil)
    }

    @Test func rowButtonsAddMoveAndRemoveRows() throws {
        let rows: [(String, String)] = ["a", "b", "c"].flatMap {
            [("label_name[]", $0), ("label_key[]", ""), ("label_description[]", "")]
        }
        #expect(try Self.decode(Self.base + rows + [("row_action", "up:2")]).editedRows().map(\.name) == ["a", "c", "b"])
        #expect(try Self.decode(Self.base + rows + [("row_action", "remove:0")]).editedRows().map(\.name) == ["b", "c"])
        #expect(try Self.decode(Self.base + rows + [("row_action", "add")]).editedRows().map(\.name) == ["a", "b", "c", ""])
        #expect(try Self.decode(Self.base + rows + [("row_action", "up:0")]).editedRows().map(\.name) == ["a", "b", "c"])
        #expect(try Self.decode(Self.base + rows).rowEdit == nil)
    }

    @Test func spansAreAnAnswerForTextTasksOnly() throws {
        let fields: [(String, String)] = [
            ("name", "ner"), ("title", "NER"), ("answer", "spans"), ("overlap", "2"), ("lease_seconds", "600"),
            ("label_name[]", "PER"), ("label_name[]", "LOC"),
        ]
        let (text, textErrors) = try Self.decode(fields + [("kind", "text")]).definition(existing: nil)
        #expect(textErrors.isEmpty && text.answer == .spans)
        let (_, imageErrors) = try Self.decode(fields + [("kind", "image")]).definition(existing: nil)
        #expect(
            imageErrors.templateValues["answer"]
                == "Spans mark ranges of a text item; an image task answers single, multiple, rating or boxes.")
        let page = TaskFormPage.answerLabel(.spans)
        #expect(page == "spans (mark ranges of a text)")
    }

    @Test func boxesAreAnAnswerForImageTasksOnly() throws {
        let fields: [(String, String)] = [
            ("name", "street"), ("title", "Street"), ("answer", "boxes"), ("overlap", "2"), ("lease_seconds", "600"),
            ("label_name[]", "pedestrian"), ("label_key[]", "p"), ("label_name[]", "car"), ("label_key[]", "c"),
        ]
        let (image, imageErrors) = try Self.decode(fields + [("kind", "image")]).definition(existing: nil)
        #expect(imageErrors.isEmpty && image.answer == .boxes && image.labels.map(\.key) == ["p", "c"])
        let (_, textErrors) = try Self.decode(fields + [("kind", "text")]).definition(existing: nil)
        #expect(
            textErrors.templateValues["answer"]
                == "Boxes mark objects on an image item; a text task answers single, multiple, rating or spans.")
        #expect(TaskFormPage.answerLabel(.boxes) == "boxes (mark objects on an image)")
    }

    /// The form offers boxes, and a box task on text items is shown again (422) with the refusal
    /// under the answer field and nothing created.
    @Test func theFormOffersBoxesAndRefusesThemForTextBesideTheField() async throws {
        try await TestServer.inProcess { server in
            try await server.addUser("pat", role: .practitioner, withPassword: true)
            let cookie = try await server.client.login("pat")
            let blank = try await server.client.get("/tasks/new", cookie: cookie)
            #expect(blank.text.contains(#"<option value="boxes">boxes (mark objects on an image)</option>"#), "\(blank.text)")
            let csrf = try await server.client.csrfToken(on: "/tasks/new", cookie: cookie)
            let fields = BrowserSessionTests.taskFields(csrf: csrf, name: "street").map { name, value in
                name == "answer" ? (name, "boxes") : (name, value)
            }
            let refused = try await server.client.postForm("/tasks/new", fields, cookie: cookie)
            #expect(refused.status == 422)
            let answerField = try #require(refused.text.range(of: #"<select id="answer""#))
            let rest = refused.text[answerField.lowerBound...]
            #expect(rest.contains(#"<option value="boxes" selected>"#), "\(rest.prefix(800))")
            #expect(
                rest.prefix(1200).contains(
                    #"<p class="field-error">Boxes mark objects on an image item; a text task answers single, multiple, rating or spans.</p>"#
                ), "\(rest.prefix(1200))")
            #expect(try server.count("task") == 0)
            let image = fields.map { name, value in name == "kind" ? (name, "image") : (name, value) }
            let created = try await server.client.postForm("/tasks/new", image, cookie: cookie)
            #expect(created.status == 303, "\(created.text)")
        }
    }

    @Test func numbersAndGuidelinesAreFiledByField() throws {
        let form = try Self.decode([
            ("name", "birds"), ("title", ""), ("kind", "text"), ("answer", "single"), ("labels", "a\nb"),
            ("overlap", "two"), ("lease_seconds", "600"), ("gold_rate", "x"),
            ("guideline_title[]", ""), ("guideline_ruling[]", "A ruling without a title"),
        ])
        let (_, errors) = form.definition(existing: nil)
        #expect(errors.templateValues["overlap"] == "Give a whole number.")
        #expect(errors.templateValues["goldRate"] == "Give a number between 0 and 1.")
        #expect(errors.templateValues["title"] == "Give a title of 1 to 200 characters.")
        #expect(errors.byGuideline[0] == "Give a title of 1 to 200 characters.")
    }

    @Test func refusalsNamingAFieldAreFiledUnderIt() {
        var errors = TaskFormErrors()
        errors.add(refusal: "name: a task named birds already exists")
        errors.add(refusal: "the database is busy")
        #expect(errors.templateValues["name"] == "A task named birds already exists.")
        #expect(errors.templateValues["general"] == "The database is busy.")
    }
}
