import Foundation
import LabelbenchCore
import LabelbenchServer
import LabelbenchTestSupport
import TestImageFixtures
import Testing

/// The quality and review pages of a box task, on a hand-worked example of two annotators.
@Suite struct BoxQualityPageTests {
    /// A class name with markup in it, to check class names are escaped wherever they show.
    static let scriptClass = "<script>bus"

    /// Three 64 × 48 images, amy and ben on each:
    ///
    /// a: amy car (0, 0, 10, 10) and pedestrian (30, 20, 10, 20); ben car (0, 0, 10, 8). The cars overlap
    /// 80 of 100 px² (IoU 0.8, matched), the pedestrian is unmatched: F1 = 2·1/(2+1) = 0.667.
    /// b: both car (10, 10, 20, 20): IoU 1, F1 1. c: amy <script>bus (40, 30, 10, 10), ben car on the same
    /// spot: different classes never match, F1 0.
    /// Overall F1 = (0.667 + 1 + 0)/3 = 0.556 over 3 pairs; mean IoU of the two matches (0.8 + 1)/2 = 0.900.
    /// Per class: car in a (1), b (1), c (0): 0.667, n 3; pedestrian in a: 0, n 1; <script>bus in c: 0, n 1.
    /// The consensus of a is the car both drew at the median corners: (0, 0, 10, 9).
    static func seed(_ server: TestServer) async throws -> Account {
        let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
        _ = try await server.database.createTask(
            TaskDefinition(
                name: "street", title: "Street", kind: .image, answer: .boxes,
                labels: [TaskLabel(name: "pedestrian"), TaskLabel(name: "car"), TaskLabel(name: scriptClass)], overlap: 2),
            by: nil)
        let upload = try await server.client.importImages(
            "street",
            ["a.png", "b.png", "c.png"].enumerated().map { ($1, TestImages.png(width: 64, height: 48, seed: $0 + 1)) },
            token: pat.token)
        #expect(upload.status == 201, "\(upload.text)")
        func box(_ x: Int, _ y: Int, _ w: Int, _ h: Int, _ label: String) -> String {
            "{\"x\":\(x),\"y\":\(y),\"w\":\(w),\"h\":\(h),\"label\":\(SpanQualityPageTests.json(label))}"
        }
        let line = { (item: String, annotator: String, boxes: [String]) in
            "{\"item\":\"\(item)\",\"annotator\":\"\(annotator)\",\"label\":[\(boxes.joined(separator: ","))]}"
        }
        let lines = [
            line("a.png", "amy", [box(0, 0, 10, 10, "car"), box(30, 20, 10, 20, "pedestrian")]),
            line("a.png", "ben", [box(0, 0, 10, 8, "car")]),
            line("b.png", "amy", [box(10, 10, 20, 20, "car")]),
            line("b.png", "ben", [box(10, 10, 20, 20, "car")]),
            line("c.png", "amy", [box(40, 30, 10, 10, scriptClass)]),
            line("c.png", "ben", [box(40, 30, 10, 10, "car")]),
        ]
        let imported = try await APIInputTests.send(
            server.client, .post, "/api/v1/tasks/street/annotations/import", lines.joined(separator: "\n"), token: pat.token)
        #expect(imported.status == 201, "\(imported.text)")
        return pat
    }

    /// The part of `html` from the contested article of `item` to the next article.
    static func article(_ item: String, in html: String) throws -> Substring {
        let start = try #require(html.range(of: "<h3 class=\"item-cell\">\(item)</h3>"))
        let rest = html[start.upperBound...]
        return rest[..<(rest.range(of: "</article>")?.lowerBound ?? rest.endIndex)]
    }

    /// The rects of the layer `name` in an SVG fragment, as "x y w h".
    static func rects(of name: String, in html: Substring) -> [String] {
        guard let start = html.range(of: "data-layer=\"\(name)\">") else { return [] }
        let layer = html[start.upperBound...]
        let body = layer[..<(layer.range(of: "</g>")?.lowerBound ?? layer.endIndex)]
        return body.components(separatedBy: "<rect class=\"box-rect\" ").dropFirst().map { rect in
            ["x", "y", "width", "height"].map { attribute in
                let value = rect.components(separatedBy: "\(attribute)=\"")[1]
                return String(value.prefix { $0 != "\"" })
            }.joined(separator: " ")
        }
    }

    @Test func qualityPageShowsBoxFiguresPerClassAndAnnotators() async throws {
        try await TestServer.inProcess { server in
            _ = try await Self.seed(server)
            let cookie = try await server.client.login("pat")
            let page = try await server.client.get("/tasks/street/quality?below=1", cookie: cookie)
            #expect(page.status == 200)
            #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
            let html = page.text
            for card in [
                "<h2 class=\"metric-name\">F1 at IoU 0.5</h2>\n    <p class=\"metric-value\">0.556</p>",
                "<h2 class=\"metric-name\">Mean IoU</h2>\n    <p class=\"metric-value\">0.900</p>",
                "<h2 class=\"metric-name\">Pairs compared</h2>\n    <p class=\"metric-value\">3</p>",
                "<h2 class=\"metric-name\">Contested images</h2>\n    <p class=\"metric-value\">2</p>",
            ] {
                #expect(html.contains(card), "\(card) missing")
            }
            for row in [
                "<td>pedestrian</td><td class=\"num\">0.000</td><td class=\"num\">1</td>",
                "<td>car</td><td class=\"num\">0.667</td><td class=\"num\">3</td>",
                "<td>&lt;script&gt;bus</td><td class=\"num\">0.000</td><td class=\"num\">1</td>",
            ] {
                #expect(html.contains(row), "\(row) missing")
            }
            #expect(html.components(separatedBy: "data-label=\"F1 with others\">0.556<").count - 1 == 2)
            // No internal keys, and the single-label coefficients are explained rather than shown as dashes.
            for absent in ["f1_iou50", "mean_iou", "box_agreement", "Krippendorff's alpha</h2>", "Gwet's AC1</h2>"] {
                #expect(!html.contains(absent), "\(absent) shown")
            }
            #expect(html.contains("are not shown: they compare one label per item"))
            // Contested: c (F1 0) before a (0.667); b agrees.
            let c = try #require(html.range(of: "<h3 class=\"item-cell\">c.png</h3>"))
            let a = try #require(html.range(of: "<h3 class=\"item-cell\">a.png</h3>"))
            #expect(c.lowerBound < a.lowerBound)
            #expect(!html.contains("<h3 class=\"item-cell\">b.png</h3>"))
            // One rect per box of each annotator, at the stored coordinates, over the image.
            let articleA = try Self.article("a.png", in: html)
            #expect(Self.rects(of: "amy", in: articleA) == ["0 0 10 10", "30 20 10 20"])
            #expect(Self.rects(of: "ben", in: articleA) == ["0 0 10 8"])
            #expect(articleA.components(separatedBy: "<rect ").count - 1 == 3)
            #expect(articleA.contains("<svg class=\"box-svg\" viewBox=\"0 0 64 48\""))
            #expect(articleA.contains("<image href=\"/media/"))
            #expect(articleA.contains("<title>amy: pedestrian (x 30, y 20, w 10, h 20)</title>"))
            #expect(articleA.contains("<strong>1</strong> amy"))
            #expect(articleA.contains("<strong>2</strong> ben"))
            // Class names escaped in the SVG and the legend.
            let articleC = try Self.article("c.png", in: html)
            #expect(articleC.contains("1 &lt;script&gt;bus</text>"))
            #expect(!html.contains("<script>bus"))
        }
    }

    @Test func theDefaultThresholdListsOnlyImagesBelowIt() async throws {
        try await TestServer.inProcess { server in
            _ = try await Self.seed(server)
            let cookie = try await server.client.login("pat")
            let html = try await server.client.get("/tasks/street/quality?below=0.5", cookie: cookie).text
            #expect(html.contains("<h3 class=\"item-cell\">c.png</h3>"))
            #expect(!html.contains("<h3 class=\"item-cell\">a.png</h3>"))
            #expect(html.contains("1 item with F1 at IoU 0.5 below 0.50"))
        }
    }

    @Test func reviewPageDrawsEveryAnswerAndTheConsensusAndPrefillsTheRows() async throws {
        try await TestServer.inProcess { server in
            _ = try await Self.seed(server)
            let cookie = try await server.client.login("pat")
            let page = try await server.client.get("/tasks/street/review?item=a.png", cookie: cookie)
            #expect(page.status == 200)
            let html = Substring(page.text)
            #expect(Self.rects(of: "amy", in: html) == ["0 0 10 10", "30 20 10 20"])
            #expect(Self.rects(of: "ben", in: html) == ["0 0 10 8"])
            #expect(Self.rects(of: "consensus", in: html) == ["0 0 10 9"])
            #expect(html.contains("<li>car: x 0, y 0, w 10, h 9</li>"))
            // Against the consensus: amy 2·1/(2+1), ben 1.
            #expect(html.contains("F1 against the consensus 0.667"))
            #expect(html.contains("F1 against the consensus 1.000"))
            // The rows: the consensus box, then an empty row.
            let xs = html.components(separatedBy: "name=\"box_x[]\" value=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
            let hs = html.components(separatedBy: "name=\"box_h[]\" value=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
            #expect(xs == ["0", ""])
            #expect(hs == ["9", ""])
            #expect(html.contains("<option value=\"&lt;script&gt;bus\">&lt;script&gt;bus</option>"))
            let added = try await server.client.postForm(
                "/tasks/street/review",
                [("csrf", try TestClient.hiddenField("csrf", in: String(html))), ("item", "a.png"), ("add_row", "1")]
                    + BoxQueuePageTests.row("1", "2", "3", "4", "car"), cookie: cookie)
            #expect(added.status == 200)
            #expect(added.text.components(separatedBy: "name=\"box_x[]\"").count - 1 == 2)
        }
    }

    @Test func rulingByRowsStoresTheBoxes() async throws {
        try await TestServer.inProcess { server in
            let pat = try await Self.seed(server)
            let cookie = try await server.client.login("pat")
            let csrf = try TestClient.hiddenField(
                "csrf", in: try await server.client.get("/tasks/street/review?item=a.png", cookie: cookie).text)
            let saved = try await server.client.postForm(
                "/tasks/street/review",
                [("csrf", csrf), ("item", "a.png"), ("action", "rule"), ("note", "both")]
                    + BoxQueuePageTests.row("0", "0", "10", "9.5", "car") + BoxQueuePageTests.row("", "", "", "", "")
                    + BoxQueuePageTests.row("30", "20", "10", "20", "pedestrian"), cookie: cookie)
            #expect(saved.status == 303)
            let stored = try await APIInputTests.send(
                server.client, .get, "/api/v1/tasks/street/adjudications?item=a.png", nil, token: pat.token)
            #expect(
                stored.text.contains(
                    "\"label\":[{\"x\":0,\"y\":0,\"w\":10,\"h\":9.5,\"label\":\"car\"},"
                        + "{\"x\":30,\"y\":20,\"w\":10,\"h\":20,\"label\":\"pedestrian\"}]"), "\(stored.text)")
            let page = try await server.client.get("/tasks/street/review?item=a.png", cookie: cookie).text
            #expect(page.contains("Ruled 2 boxes by pat"))
            let hs = page.components(separatedBy: "name=\"box_h[]\" value=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
            #expect(hs == ["9.5", "20", ""])
            // The quality page says the image is ruled on.
            let quality = try await server.client.get("/tasks/street/quality?below=1", cookie: cookie).text
            #expect(try Self.article("a.png", in: quality).contains("ruled: 2 boxes"))
        }
    }

    @Test func refusedRowsAre422BesideTheRowAndStoreNothing() async throws {
        try await TestServer.inProcess { server in
            let pat = try await Self.seed(server)
            let cookie = try await server.client.login("pat")
            let csrf = try TestClient.hiddenField(
                "csrf", in: try await server.client.get("/tasks/street/review?item=a.png", cookie: cookie).text)
            let ok = BoxQueuePageTests.row("0", "0", "10", "10", "car")
            let cases: [([(String, String)], String)] = [
                (ok + BoxQueuePageTests.row("60", "0", "10", "10", "car"), "Row 2"),
                (BoxQueuePageTests.row("0", "0", "10", "10", ""), "Row 1: choose a class."),
                (BoxQueuePageTests.row("0", "zero", "10", "10", "car"), "Row 1: y must be a number of pixels"),
                (BoxQueuePageTests.row("0", "0", "-1", "10", "car"), "Row 1"),
                (ok + BoxQueuePageTests.row("1", "1", "5", "5", "<b>NOPE</b>"), "Row 2"),
                ([], "No boxes yet"),
            ]
            for (rows, message) in cases {
                let refused = try await server.client.postForm(
                    "/tasks/street/review", [("csrf", csrf), ("item", "a.png"), ("action", "rule")] + rows, cookie: cookie)
                #expect(refused.status == 422, "\(rows)")
                #expect(refused.text.contains(message), "\(message) missing")
                #expect(!refused.text.contains("<b>NOPE"))
                if rows.count > 5 {
                    // The refused row is marked and described by its message, with what was typed.
                    #expect(refused.text.contains("<p class=\"field-error\" id=\"ruling-box-2-error\">Row 2"))
                    #expect(refused.text.contains("value=\"\(rows[5].1)\""))
                }
            }
            // Past the image's right edge (64 px) is named by the core check too, beside its row.
            let past = try await server.client.postForm(
                "/tasks/street/review",
                [("csrf", csrf), ("item", "a.png"), ("action", "rule")] + BoxQueuePageTests.row("60", "0", "10", "10", "car"),
                cookie: cookie)
            #expect(past.text.contains("id=\"ruling-box-1-error\">Row 1"))
            let withoutToken = try await server.client.postForm(
                "/tasks/street/review", [("item", "a.png"), ("action", "rule")] + ok, cookie: cookie)
            #expect(withoutToken.status == 403)
            let rulings = try await APIInputTests.send(
                server.client, .get, "/api/v1/tasks/street/adjudications", nil, token: pat.token)
            #expect(rulings.status == 200)
            #expect(rulings.text.isEmpty, "\(rulings.text)")
        }
    }

    @Test func nothingToBoxRulesAnEmptyListAndRelabelingStillWorks() async throws {
        try await TestServer.inProcess { server in
            let pat = try await Self.seed(server)
            let cookie = try await server.client.login("pat")
            let csrf = try TestClient.hiddenField(
                "csrf", in: try await server.client.get("/tasks/street/review?item=c.png", cookie: cookie).text)
            let nothing = try await server.client.postForm(
                "/tasks/street/review", [("csrf", csrf), ("item", "c.png"), ("nothing", "1")], cookie: cookie)
            #expect(nothing.status == 303)
            let stored = try await APIInputTests.send(
                server.client, .get, "/api/v1/tasks/street/adjudications?item=c.png", nil, token: pat.token)
            #expect(stored.text.contains("\"label\":[]"), "\(stored.text)")
            let sent = try await server.client.postForm(
                "/tasks/street/review", [("csrf", csrf), ("item", "c.png"), ("action", "relabel")], cookie: cookie)
            #expect(sent.status == 303)
            let page = try await server.client.get("/tasks/street/review?item=c.png", cookie: cookie).text
            #expect(page.contains("No annotations yet."))
            #expect(page.contains("Consensus <span class=\"hint\">· no boxes"))
        }
    }

    @Test func annotatorsCannotSeeTheBoxPages() async throws {
        try await TestServer.inProcess { server in
            _ = try await Self.seed(server)
            try await server.addUser("ann", role: .annotator, withPassword: true)
            try await server.database.assignAnnotator("ann", toTask: "street")
            let cookie = try await server.client.login("ann")
            #expect(try await server.client.get("/tasks/street/quality", cookie: cookie).status == 403)
            #expect(try await server.client.get("/tasks/street/review?item=a.png", cookie: cookie).status == 403)
            let ruled = try await server.client.postForm(
                "/tasks/street/review",
                [
                    ("csrf", try await server.client.csrfToken(on: "/queue", cookie: cookie)), ("item", "a.png"),
                    ("action", "rule"),
                ]
                    + BoxQueuePageTests.row("0", "0", "10", "10", "car"), cookie: cookie)
            #expect(ruled.status == 403)
            let practitioner = try await server.client.login("pat")
            #expect(try await server.client.get("/tasks/street/review?item=nope", cookie: practitioner).status == 404)
        }
    }
}
