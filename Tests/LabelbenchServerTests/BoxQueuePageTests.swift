import Foundation
import LabelbenchCore
import TestImageFixtures
import Testing

/// The queue page of a box task through the router: the image with the classes and their keys, boxes
/// typed into rows with JavaScript off (stored in image pixels), `boxes.js`'s JSON list, `[]` only
/// from "Nothing to box", refused rows named by number with nothing stored, and the revise page.
@Suite struct BoxQueuePageTests {
    /// A signed-in annotator on a box task with one 400×300 image (classes car `c`, person `p`).
    struct Desk: Sendable {
        let server: TestServer
        let practitioner: Account
        let cookie: String
        let csrf: String
        let item: String
        let lease: String

        /// Posts the answer form of the item shown, with `fields` after the hidden ones.
        func post(_ fields: [(String, String)], path: String = "/queue/boxes") async throws -> HTTPResult {
            try await server.client.postForm(path, [("csrf", csrf), ("item", item), ("lease", lease)] + fields, cookie: cookie)
        }

        /// The annotator's stored label, as the API lists it.
        func storedLabels() async throws -> [Any] {
            try await server.client.annotations("boxes", token: practitioner.token).compactMap { $0["label"] }
        }
    }

    static func withDesk(_ body: @Sendable (Desk) async throws -> Void) async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner)
            _ = try await server.addUser("ann", role: .annotator, withPassword: true)
            _ = try await server.database.createTask(
                TaskDefinition(
                    name: "boxes", title: "Cars and people", kind: .image, answer: .boxes,
                    labels: [TaskLabel(name: "car", key: "c"), TaskLabel(name: "person", key: "p")], annotators: ["ann"]),
                by: nil)
            let upload = try await server.client.uploadImage(
                "boxes", name: "street.png", TestImages.png(width: 400, height: 300, seed: 3), token: pat.token)
            #expect(upload.status == 201, "\(upload.text)")
            let cookie = try await server.client.login("ann")
            let page = try await server.client.get("/queue/boxes", cookie: cookie)
            try await body(
                Desk(
                    server: server, practitioner: pat, cookie: cookie, csrf: try TestClient.hiddenField("csrf", in: page.text),
                    item: try TestClient.hiddenField("item", in: page.text),
                    lease: try TestClient.hiddenField("lease", in: page.text)))
        }
    }

    /// One row of the no-JavaScript form.
    static func row(_ x: String, _ y: String, _ w: String, _ h: String, _ label: String) -> [(String, String)] {
        [("box_x[]", x), ("box_y[]", y), ("box_w[]", w), ("box_h[]", h), ("box_label[]", label)]
    }

    static func box(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ label: String) -> NSDictionary {
        ["x": x, "y": y, "w": w, "h": h, "label": label]
    }

    @Test func theBoxPageShowsTheImageTheClassesWithTheirKeysAndTheRows() async throws {
        try await Self.withDesk { desk in
            let page = try await desk.server.client.get("/queue/boxes", cookie: desk.cookie)
            #expect(page.status == 200)
            let html = page.text
            #expect(html.contains(#"<script src="/static/js/boxes.js" defer>"#))
            #expect(html.contains(#"data-label="car" data-key="c""#) && html.contains(#"data-label="person" data-key="p""#))
            #expect(html.contains(#"<kbd class="key-hint">c</kbd>"#))
            #expect(html.contains(#"class="box-image" src="/media/"#) && html.contains(#"width="400" height="300""#))
            #expect(html.contains(#"viewBox="0 0 400 300""#))
            #expect(html.contains("the image is 400 × 300 pixels"))
            #expect(html.contains(#"name="box_x[]""#) && html.contains(#"<option value="person">person</option>"#))
            #expect(html.contains(#"id="nothing-to-box""#))
            #expect(!html.contains(#"name="label""#), "no label choices on a box page")
        }
    }

    @Test func typedRowsAreStoredInImagePixelsAndEmptyRowsLeftOut() async throws {
        try await Self.withDesk { desk in
            let sent = try await desk.post(
                Self.row("10", "20", "30", "40", "car") + Self.row("", "", "", "", "")
                    + Self.row(" 100.5", "50", "20.25", "10", "person"))
            #expect(sent.status == 303, "\(sent.text.prefix(600))")
            let labels = try await desk.storedLabels()
            #expect(labels.count == 1)
            #expect(labels.first as? NSArray == [Self.box(10, 20, 30, 40, "car"), Self.box(100.5, 50, 20.25, 10, "person")])
        }
    }

    @Test func aBoxWithinHalfAPixelOfTheEdgeIsMovedOntoIt() async throws {
        try await Self.withDesk { desk in
            let sent = try await desk.post(Self.row("-0.4", "280", "10", "20.5", "car"))
            #expect(sent.status == 303, "\(sent.text.prefix(600))")
            #expect(try await desk.storedLabels().first as? NSArray == [Self.box(0, 280, 9.6, 20, "car")])
        }
    }

    @Test func theJavaScriptListIsTakenAndWinsOverTheRows() async throws {
        try await Self.withDesk { desk in
            let list = #"[{"x": 1.5, "y": 2, "w": 3, "h": 4, "label": "person"}]"#
            let sent = try await desk.post([("boxes", list)] + Self.row("10", "20", "30", "40", "car"))
            #expect(sent.status == 303, "\(sent.text.prefix(600))")
            #expect(try await desk.storedLabels().first as? NSArray == [Self.box(1.5, 2, 3, 4, "person")])
        }
    }

    @Test func nothingToBoxIsAnAnswerButAnEmptyFormIsNot() async throws {
        try await Self.withDesk { desk in
            let empty = try await desk.post(Self.row("", "", "", "", ""))
            #expect(empty.status == 422)
            #expect(empty.text.contains("No boxes yet"))
            let emptyList = try await desk.post([("boxes", "[]")])
            #expect(emptyList.status == 422, "an empty list from boxes.js without the button is not an answer")
            let both = try await desk.post([("nothing", "1")] + Self.row("10", "20", "30", "40", "car"))
            #expect(both.status == 422)
            #expect(both.text.contains("remove them to answer that there is nothing"))
            #expect(try desk.server.count("annotation") == 0)

            let nothing = try await desk.post([("nothing", "1")] + Self.row("", "", "", "", ""))
            #expect(nothing.status == 303, "\(nothing.text.prefix(600))")
            #expect(try await desk.storedLabels().first as? NSArray == [])
        }
    }

    /// A refused row, sent as row 2 after a good row: 422, named by its number beside itself, what was
    /// typed kept, nothing stored.
    @Test(arguments: [
        (["390", "10", "11", "20", "car"], "Row 2 (x 390, y 10, w 11, h 20, label \"car\"): lies outside the 400×300 image"),
        (["10", "299", "5", "1.6", "car"], "Row 2 (x 10, y 299, w 5, h 1.6, label \"car\"): lies outside the 400×300 image"),
        (["10", "10", "0", "20", "car"], "Row 2 (x 10, y 10, w 0, h 20, label \"car\"): w must be greater than 0"),
        (["10", "10", "20", "-3", "person"], "Row 2 (x 10, y 10, w 20, h -3, label \"person\"): h must be greater than 0."),
        (
            ["10", "10", "20", "20", "truck"],
            "Row 2 (x 10, y 10, w 20, h 20, label \"truck\"): \"truck\" is not one of the task's labels."
        ),
        (["10", "10", "20", "20", ""], "Row 2: choose a class."),
        (["ten", "10", "20", "20", "car"], "Row 2: x must be a number of pixels, not \"ten\"."),
        (["10", "", "20", "20", "car"], "Row 2: y is missing."),
    ])
    func aRefusedRowIsNamedAndNothingIsStored(_ typed: [String], _ message: String) async throws {
        try await Self.withDesk { desk in
            let sent = try await desk.post(
                Self.row("1", "1", "5", "5", "person") + Self.row(typed[0], typed[1], typed[2], typed[3], typed[4]))
            #expect(sent.status == 422, "\(sent.text.prefix(600))")
            let html = sent.text
            let escaped = message.replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
            #expect(html.contains(#"<p class="field-error" id="box-2-error">\#(escaped)"#), "\(html)")
            #expect(html.contains(#"id="box-2-x" name="box_x[]" value="\#(typed[0])""#), "what was typed is kept")
            #expect(!html.contains(#"id="box-1-error""#), "the good row has no message")
            #expect(try desk.server.count("annotation") == 0)
        }
    }

    @Test func addAnotherRowShowsTheRowsAgainWithOneMore() async throws {
        try await Self.withDesk { desk in
            let page = try await desk.post([("add_row", "1")] + Self.row("7", "8", "9", "", "car"))
            #expect(page.status == 200)
            #expect(page.text.contains(#"id="box-1-x" name="box_x[]" value="7""#))
            #expect(page.text.contains(#"id="box-2-x" name="box_x[]" value="""#))
            #expect(!page.text.contains(#"id="box-3-x""#))
            #expect(try desk.server.count("annotation") == 0)
        }
    }

    @Test func theFormStillNeedsItsCSRFToken() async throws {
        try await Self.withDesk { desk in
            let forged = try await desk.server.client.postForm(
                "/queue/boxes", [("item", desk.item), ("lease", desk.lease), ("nothing", "1")], cookie: desk.cookie)
            #expect(forged.status == 403)
            let wrong = try await desk.server.client.postForm(
                "/queue/boxes", [("csrf", "x" + desk.csrf), ("item", desk.item), ("nothing", "1")], cookie: desk.cookie)
            #expect(wrong.status == 403)
            #expect(try desk.server.count("annotation") == 0)
        }
    }

    @Test func aBoxAnswerIsShownAndChangedOnThePreviousPage() async throws {
        try await Self.withDesk { desk in
            #expect(try await desk.post(Self.row("10", "20", "30", "40", "car")).status == 303)
            let previous = try await desk.server.client.get("/queue/boxes/previous", cookie: desk.cookie)
            #expect(previous.status == 200)
            #expect(previous.text.contains(#"id="box-1-x" name="box_x[]" value="10""#))
            #expect(previous.text.contains(#"<rect class="box-rect" x="10" y="20" width="30" height="40">"#))
            #expect(previous.text.contains(#"action="/queue/boxes/previous""#))

            let refused = try await desk.post(Self.row("10", "20", "0", "40", "car"), path: "/queue/boxes/previous")
            #expect(refused.status == 422)
            #expect(refused.text.contains("Row 1 (x 10, y 20, w 0, h 40, label &quot;car&quot;): w must be greater than 0"))
            let changed = try await desk.post(Self.row("12", "20", "30", "40", "person"), path: "/queue/boxes/previous")
            #expect(changed.status == 303, "\(changed.text.prefix(600))")
            #expect(try await desk.storedLabels().first as? NSArray == [Self.box(12, 20, 30, 40, "person")])
        }
    }
}

extension TestClient {
    /// `POST /api/v1/tasks/TASK/items` with one image file as `multipart/form-data`.
    fileprivate func uploadImage(_ task: String, name: String, _ data: Data, token: String) async throws -> HTTPResult {
        let boundary = "labelbench-\(UUID().uuidString)"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(name)\"\r\n".utf8)
        body.append(Data("Content-Type: application/octet-stream\r\n\r\n".utf8))
        body.append(data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return try await postRaw(
            "/api/v1/tasks/\(task)/items", body, contentType: "multipart/form-data; boundary=\(boundary)", token: token)
    }
}
