import Foundation
import StratMarket
import Testing

import StratRuntime
@testable import StratBacktest

/// The tear-sheet sections of the HTML report: what they show and that they read the metrics.
@Suite struct TearSheetTests {
  /// Daily bars over about three years (weekdays and weekends alike).
  static func dailyRun(count: Int = 1_100, period: Int = 7) throws -> (BacktestResult, [BarSeries]) {
    var series = CycleStrategy.bars("AAA", count: count, seed: 3)
    let start = Timestamp.nanos(year: 2021, month: 1, day: 4)
    series.times = (0..<count).map { start + Int64($0) * 86_400 * Timestamp.nanosPerSecond }
    let result = try CycleStrategy.run(CycleStrategy(instruments: ["a"], period: period), [series])
    return (result, [series])
  }

  @Test func heatmapHasOneCellPerMonthWithItsReturn() throws {
    let (result, series) = try Self.dailyRun()
    let html = ReportTests.page(result, series)
    let months = BacktestMetrics.monthlyReturns(
      times: result.stepTimes, pnl: result.equity.map(\.doubleValue), capital: result.capital.doubleValue)
    #expect(months.count == 37)
    let table = try #require(Self.element("monthly-returns-table", in: html))
    #expect(table.components(separatedBy: "<tr>").count - 1 == 1 + 4, "a header and the years 2021 to 2024")
    for cell in months.prefix(5) {
      #expect(table.contains(">\(HTMLText.number(cell.value * 100, decimals: 1))</td>"))
    }
    #expect(html.contains("<th>Jan</th>") && html.contains("<th>Dec</th>"))
    #expect(html.contains("id=\"heatmap-legend\""))
  }

  @Test func returnsTableShowsTheMetricsOfTheSummary() throws {
    let (result, series) = try Self.dailyRun()
    let html = ReportTests.page(result, series)
    let r = result.returnMetrics()
    #expect(r.strategy.isAnnualised)
    for figure in [r.strategy.totalReturn, r.strategy.cagr!, r.strategy.maxDrawdown, r.exposure, r.benchmark!.totalReturn] {
      #expect(html.contains(">\(HTMLText.number(figure * 100, decimals: 2))%</td>"), "\(figure)")
    }
    #expect(html.contains(">\(HTMLText.number(r.strategy.sharpe!, decimals: 2))</td>"))
    #expect(html.contains("Over the trailing 63 returns (per step), annualised."))
  }

  @Test func calendarTicksFallOnYearsMonthsAndHours() {
    let day: Int64 = 86_400 * Timestamp.nanosPerSecond
    let start = Timestamp.nanos(year: 2021, month: 1, day: 4)
    #expect(TimeTicks.aligned(start: start, end: start + 1_100 * day).map(\.label) == ["2022", "2023", "2024"])
    #expect(
      TimeTicks.aligned(start: start, end: start + 200 * day).map(\.label)
        == ["2021-02", "2021-03", "2021-04", "2021-05", "2021-06", "2021-07"])
    let open = Timestamp.nanos(year: 2012, month: 6, day: 21, hour: 13, minute: 30)
    let close = Timestamp.nanos(year: 2012, month: 6, day: 21, hour: 20)
    #expect(TimeTicks.aligned(start: open, end: close).map(\.label) == ["14:00", "15:00", "16:00", "17:00", "18:00", "19:00", "20:00"])
    let (result, series) = try! Self.dailyRun()
    let chart = try! #require(Self.element("equity-chart", in: ReportTests.page(result, series)))
    #expect(chart.contains(">2022</text>") && chart.contains(">2024</text>"))
  }

  @Test func roundTripTableIsCappedAndSaysHowManyAreLeftOut() throws {
    let series = [CycleStrategy.bars("AAA", count: 3_000, seed: 5)]
    let result = try CycleStrategy.run(CycleStrategy(instruments: ["a"], period: 5), series)
    let trips = result.roundTrips.closed.count
    #expect(trips > HTMLReport.roundTripRows)
    let table = try #require(Self.element("round-trips-table", in: ReportTests.page(result, series)))
    #expect(table.components(separatedBy: "<tr>").count - 1 == HTMLReport.roundTripRows + 1)
    let html = ReportTests.page(result, series)
    #expect(html.contains("the first 100 are shown, \(trips - 100) more are in round_trips.csv"))
  }

  @Test func roundTripCellsAreShortButSayTheirUnits() {
    let t = Timestamp.nanos(year: 2012, month: 6, day: 21, hour: 13, minute: 30, nanosecond: 203_135_277)
    #expect(HTMLReport.tableTime(t) == "2012-06-21 13:30:00.203")
    #expect(HTMLReport.tableTime(Timestamp.nanos(year: 2020, month: 7, day: 1)) == "2020-07-01 00:00:00")
    #expect(HTMLReport.heldText(1_500_000_000) == "1.500s")
    #expect(HTMLReport.heldText(184_156_398_335) == "3m 04s")
    #expect(HTMLReport.heldText(7_500 * 1_000_000_000) == "2h 05m")
    #expect(HTMLReport.heldText(777_600 * 1_000_000_000) == "9d 0h")
  }

  @Test func thousandsOfFillsAreAggregatedIntoFewMarkers() throws {
    let series = [CycleStrategy.bars("AAA", count: 20_000, seed: 9)]
    let result = try CycleStrategy.run(CycleStrategy(instruments: ["a"], period: 4), series)
    #expect(result.metrics.trades > 3_000)
    let html = ReportTests.page(result, series)
    let chart = try #require(Self.element("price-0", in: html))
    let buyPath = try #require(chart.components(separatedBy: "<path class=\"buy\" d=\"").dropFirst().first)
    let markers = buyPath.prefix { $0 != "\"" }.filter { $0 == "M" }.count
    #expect(markers > 50 && markers <= 884 / 6 + 1, "\(markers) buy markers")
    #expect(chart.contains("buy fills in \(markers) markers (mean price per 6-pixel time bucket)"))
    #expect(html.contains("each marker stands for the fills of one side in a 6-pixel slice of time"))
  }

  @Test func chartsNameTheirUnits() throws {
    let (result, series) = try Self.dailyRun()
    let html = ReportTests.page(result, series)
    for unit in ["% of capital", "% below peak", "Sharpe ratio", "samples", "P&amp;L, currency", "units", "price"] {
      #expect(html.contains("<text class=\"unit\" x=\"76\" y=\"12\">\(unit)</text>"), "\(unit)")
    }
  }

  /// The text of the element with `id` up to its closing tag of the same name.
  static func element(_ id: String, in html: String) -> String? {
    guard let open = html.range(of: "id=\"\(id)\"") else { return nil }
    let tagStart = html[..<open.lowerBound].lastIndex(of: "<")!
    let name = html[html.index(after: tagStart)...].prefix { $0.isLetter }
    guard let close = html.range(of: "</\(name)>", range: open.upperBound..<html.endIndex) else { return nil }
    return String(html[tagStart..<close.upperBound])
  }
}
