import Testing

@testable import LabelbenchServer

/// The x axis of the agreement-over-time chart says something different at each tick.
@Suite struct QualityTrendLabelTests {
    @Test func windowsLabeledInOneMinuteAreToldApartByItemsSoFar() throws {
        let windows = (0..<5).map { TrendChart.Window(until: "2026-05-01T10:00:0\($0)Z", items: 40, alpha: 0.5) }
        let chart = try #require(TrendChart(windows, width: 720, height: 260))
        #expect(chart.dates.map(\.label) == ["40 items", "120 items", "200 items"])
    }
}
