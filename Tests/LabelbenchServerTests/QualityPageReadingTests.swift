import Foundation
import LabelbenchCore
import Testing

@testable import LabelbenchServer

/// The quality page says what its figures are: contested means below a threshold, paged with its
/// count; every card names its coefficient; notes speak to a person; the trend is a line with axes.
@Suite struct QualityPageReadingTests {
    /// 40 items, three annotators: the first 10 agree fully, the other 30 split two to one.
    static func seed(_ server: TestServer, token: String) async throws {
        try await server.addTask("split", labels: ["yes", "no"], overlap: 3)
        #expect(try await server.client.importItems("split", TestClient.itemLines(40), token: token).status == 201)
        var lines = ""
        for item in 0..<40 {
            for (annotator, label) in [("amy", "yes"), ("ben", "yes"), ("carl", item < 10 ? "yes" : "no")] {
                lines += "{\"item\":\"i\(item)\",\"annotator\":\"\(annotator)\",\"label\":\"\(label)\"}\n"
            }
        }
        let imported = try await server.client.postRaw(
            "/api/v1/tasks/split/annotations/import", Data(lines.utf8), contentType: "application/x-ndjson", token: token)
        #expect(imported.status == 201, "\(imported.text)")
    }

    static func rows(_ html: String) -> [String] {
        guard let table = html.range(of: "contested-table") else { return [] }
        return html[table.upperBound...].components(separatedBy: "<td class=\"item-cell\">").dropFirst()
            .map { String($0.prefix { $0 != "<" }) }
    }

    @Test func contestedItemsAreThoseBelowTheThresholdPagedWithTheirCount() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
            try await Self.seed(server, token: pat.token)
            let cookie = try await server.client.login("pat")
            let first = try await server.client.get("/tasks/split/quality", cookie: cookie)
            #expect(first.status == 200)
            let shown = Self.rows(first.text)
            #expect(shown.count == 25, "\(shown)")
            #expect(!shown.contains { ["i0", "i1", "i9"].contains($0) }, "full-agreement items are not contested: \(shown)")
            #expect(first.text.contains("30 items with agreement below 0.80; showing 1–25"))
            #expect(first.text.contains("Page 1 of 2"))
            let second = try await server.client.get("/tasks/split/quality?below=0.8&page=2", cookie: cookie)
            #expect(Self.rows(second.text).count == 5)
            #expect(Set(Self.rows(first.text) + Self.rows(second.text)).count == 30)
            let strict = try await server.client.get("/tasks/split/quality?below=0.3", cookie: cookie)
            #expect(Self.rows(strict.text).isEmpty && strict.text.contains("No items with agreement below 0.30."))
        }
    }

    @Test func everyFigureIsNamedForWhatItIs() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
            try await Self.seed(server, token: pat.token)
            let cookie = try await server.client.login("pat")
            let html = try await server.client.get("/tasks/split/quality", cookie: cookie).text
            // Every item has three annotations, so the classic Fleiss' kappa is defined and shown as such.
            #expect(html.contains(">Fleiss' kappa</h2>") || html.contains(">Fleiss&#39; kappa</h2>"))
            #expect(!html.contains("fleiss_kappa") && !html.contains(" is null"))
        }
    }

    @Test func notesNameFiguresAsThePageDoes() {
        let notes = QualityNotes.sentences(
            [
                "fleiss_kappa is null: Fleiss' kappa needs the same number of annotations on every item",
                "gold_accuracy is null: no gold answers were given",
                "agreement_with_peers is null for annotators who share no item with anyone",
                "cohen_kappa is empty: no two annotators share two or more items",
                "too_fast is null: fewer than three annotators have timing (seconds)",
            ], generalisedFleissShown: true)
        #expect(
            notes == [
                "Gold accuracy is not available: no gold answers were given.",
                "Agreement with peers is not available for annotators who share no item with anyone.",
                "The \"too fast\" flag is not available: fewer than three annotators have timing (seconds).",
            ])
        #expect(
            QualityNotes.sentences(["fleiss_kappa is null: chance agreement is 1"], generalisedFleissShown: false)
                == ["Fleiss' kappa is not available: chance agreement is 1."])
    }

    @Test func theTrendIsALineWithAxesTicksAndValues() throws {
        let windows = [0.2, 0.5, nil, 0.9].enumerated().map { index, alpha in
            TrendChart.Window(until: "2026-05-0\(index + 1)T10:00:00Z", items: 50, alpha: alpha)
        }
        let chart = try #require(TrendChart(windows, width: 720, height: 260))
        #expect(chart.points.map(\.value) == ["0.20", "0.50", "0.90"])
        #expect(chart.ticks.map(\.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(chart.points.allSatisfy { $0.y >= chart.plotTop && $0.y <= chart.plotBottom })
        #expect(chart.points[0].y > chart.points[2].y, "higher alpha is drawn higher")
        #expect(chart.dates.first?.label == "2026-05-01 10:00" && chart.dates.last?.label == "2026-05-04 10:00")
        let below = try #require(
            TrendChart(
                windows.map { TrendChart.Window(until: $0.until, items: 50, alpha: $0.alpha.map { $0 - 0.7 }) }, width: 340,
                height: 220))
        #expect(below.zeroY != nil && below.ticks.map(\.label) == ["-0.5", "0.0", "0.5", "1.0"])
        #expect(TrendChart(Array(windows.prefix(1)), width: 720, height: 260) == nil)
    }
}

/// A ruling's note as the review page shows it.
@Suite struct RulingNoteTests {
    @Test func aRulingWithoutANoteShowsNoEmptyQuotesAndCRLFNotesAreStoredWithLF() async throws {
        try await TestServer.inProcess { server in
            let pat = try await server.addUser("pat", role: .practitioner, withPassword: true)
            try await QualityPageTests.seed(server, token: pat.token)
            let cookie = try await server.client.login("pat")
            let csrf = try TestClient.hiddenField(
                "csrf", in: try await server.client.get("/tasks/review/review?item=i5", cookie: cookie).text)
            for (item, note) in [("i5", ""), ("i4", "  "), ("i3", "first line\r\nsecond line")] {
                let saved = try await server.client.postForm(
                    "/tasks/review/review",
                    [("csrf", csrf), ("item", item), ("label", "no"), ("note", note), ("action", "rule")], cookie: cookie)
                #expect(saved.status == 303)
            }
            for item in ["i5", "i4"] {
                let page = try await server.client.get("/tasks/review/review?item=\(item)", cookie: cookie).text
                #expect(
                    page.contains("Ruled <strong>no</strong> by pat") && !page.contains("“”") && !page.contains("“  ”"), "\(item)"
                )
            }
            let task = try await server.database.task(named: "review", visibleTo: server.database.user(named: "pat")!)
            let notes = try await server.database.adjudications(in: task).reduce(into: [String: String]()) {
                $0[$1.item] = $1.note ?? ""
            }
            #expect(notes["i3"] == "first line\nsecond line")
        }
    }
}
