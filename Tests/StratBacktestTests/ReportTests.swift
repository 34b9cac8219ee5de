import Foundation
import StratABI
import StratMarket
import Testing

import StratRuntime
@testable import StratBacktest

/// The HTML report: well-formed, self-contained, escaped, deterministic, small for long runs.
@Suite struct ReportTests {
  static let sectionIDs = [
    "summary", "fill-note", "run", "run-table", "metrics", "metrics-table", "equity",
    "equity-chart", "drawdown", "drawdown-chart", "positions", "position-0", "position-1",
    "trades", "price-0", "price-1", "returns", "returns-table", "benchmark", "benchmark-chart",
    "underwater", "underwater-chart", "monthly-returns", "monthly-returns-table", "heatmap-legend",
    "return-distribution", "returns-histogram", "rolling-sharpe", "rolling-sharpe-chart",
    "round-trips", "round-trips-table",
  ]

  static func twoInstrumentRun(fill: FillMode = .nextOpen) throws -> (BacktestResult, [BarSeries]) {
    let series = [
      CycleStrategy.bars("AAA", count: 2_000, seed: 1), CycleStrategy.bars("BBB", count: 2_000, seed: 2),
    ]
    let result = try CycleStrategy.run(CycleStrategy(instruments: ["a", "b"], period: 50), series, fill: fill)
    return (result, series)
  }

  static func page(_ result: BacktestResult, _ series: [BarSeries]) -> String {
    let prices = series.indices.map { ReportPriceSeries(instrument: $0, closesOf: series[$0]) }
    return HTMLReport.render(
      result,
      options: HTMLReportOptions(dataSources: ["AAA=a.csv"], prices: prices, fillNote: result.fill.note))
  }

  @Test func pageIsWellFormedWithEverySection() throws {
    let (result, series) = try Self.twoInstrumentRun()
    let page = ReportPage(Self.page(result, series))
    #expect(page.parseError == nil, "\(page.parseError ?? "")")
    #expect(page.has(ids: Self.sectionIDs), "\(page.ids)")
    // equity, drawdown, 2 positions, 2 trades; benchmark, underwater, histogram, rolling Sharpe
    #expect(page.elements["svg"] == 10)
    #expect((page.elements["tr"] ?? 0) >= 15)
  }

  @Test func pageIsSelfContained() throws {
    let (result, series) = try Self.twoInstrumentRun()
    let html = Self.page(result, series)
    #expect(!html.contains("http://"))
    #expect(!html.contains("https://"))
    #expect(!html.lowercased().contains("<script"))
    #expect(!html.contains("url("))
    #expect(!html.contains("<link"))
    #expect(!html.contains("<img"))
  }

  @Test func metricsTableShowsEveryMetric() throws {
    let (result, series) = try Self.twoInstrumentRun()
    let html = Self.page(result, series)
    let m = result.metrics
    #expect(m.trades > 50)
    for text in [
      "<td class=\"num\">\(m.pnl)</td>", "<td class=\"num\">\(m.maxDrawdown)</td>",
      "<td class=\"num\">\(m.turnover)</td>", "<td class=\"num\">\(m.trades)</td>",
      "<td class=\"num\">\(m.steps)</td>", "<td class=\"num\">\(m.events)</td>",
      "<td class=\"num\">\(HTMLText.number(m.sharpe, decimals: 6))</td>",
      "<td class=\"num\">\(HTMLText.number(result.sortino, decimals: 6))</td>",
      "Rejected orders", "Unfilled at end", "First step", "Last step", "Fees",
    ] {
      #expect(html.contains(text), "missing \(text)")
    }
  }

  @Test func fillNoteFollowsTheFillModeAndCanBeOmitted() throws {
    let (close, series) = try Self.twoInstrumentRun(fill: .close)
    #expect(Self.page(close, series).contains("close assumes the whole order fills at the close"))
    let exact = HTMLReport.render(close, options: HTMLReportOptions(fillNote: nil))
    #expect(!exact.contains("id=\"fill-note\""))
    #expect(ReportPage(exact).parseError == nil)
  }

  @Test func hostileNamesAreEscaped() throws {
    let evil = "<script>alert(\"x\")</script>&'"
    let strategy = CycleStrategy(name: evil, instruments: ["a<b>"], period: 10)
    let series = [CycleStrategy.bars("A&B", count: 200, seed: 3)]
    var result = try CycleStrategy.run(strategy, series)
    result.instruments[0].symbol = "</svg><b>"
    let html = HTMLReport.render(
      result, options: HTMLReportOptions(dataSources: ["\"quoted\" <path>"], fillNote: result.fill.note))
    #expect(!html.contains("<script>"))
    #expect(!html.contains("<b>"))
    #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"))
    #expect(ReportPage(html).parseError == nil)
  }

  @Test func sameResultGivesTheSameBytes() throws {
    let (first, series) = try Self.twoInstrumentRun()
    let (second, _) = try Self.twoInstrumentRun()
    #expect(Self.page(first, series) == Self.page(second, series))
    #expect(!Self.page(first, series).contains("Written by stratc ·"))
  }

  @Test func emptyRunStillRendersWellFormed() throws {
    let strategy = CycleStrategy(instruments: ["a"], period: 10)
    let empty = BarSeries(symbol: "a", times: [], open: [], high: [], low: [], close: [], volume: [])
    let result = try CycleStrategy.run(strategy, [empty])
    let page = ReportPage(HTMLReport.render(result))
    #expect(page.parseError == nil)
    #expect(page.has(ids: ["metrics-table", "equity-chart", "price-0"]))
  }

  @Test func millionBarRunStaysUnderTwoMegabytes() throws {
    let series = [CycleStrategy.bars("AAA", count: 1_000_000, seed: 7)]
    let result = try CycleStrategy.run(CycleStrategy(instruments: ["a"], period: 20), series)
    #expect(result.metrics.trades > 40_000)
    let html = Self.page(result, series)
    #expect(html.utf8.count < 2_000_000, "\(html.utf8.count) bytes")
    #expect(ReportPage(html).parseError == nil)
  }
}

/// The chart helpers on their own.
@Suite struct ReportChartTests {
  @Test func downsamplingKeepsEachBucketsExtremesInTimeOrder() {
    var series = ChartSeries()
    for k in 0..<10_000 { series.append(Int64(k), k == 4_321 ? 1e6 : k == 8_765 ? -1e6 : Double(k % 7)) }
    let reduced = series.downsampled(buckets: 100, start: 0, end: 9_999)
    #expect(reduced.count <= 400)
    #expect(reduced.values.contains(1e6))
    #expect(reduced.values.contains(-1e6))
    #expect(reduced.times == reduced.times.sorted())
    #expect(reduced.times.first == 0)
    #expect(reduced.times.last == 9_999)
    #expect(reduced == series.downsampled(buckets: 100, start: 0, end: 9_999))
  }

  @Test func shortSeriesAreKeptWhole() {
    var series = ChartSeries()
    for k in 0..<50 { series.append(Int64(k), Double(k)) }
    #expect(series.downsampled(buckets: 100, start: 0, end: 49) == series)
  }

  @Test func scaleTicksAreRoundAndCoverTheData() {
    let scale = ChartScale(low: -1_403.5, high: 2_466, includeZero: true)
    #expect(scale.ticks.first! <= -1_403.5)
    #expect(scale.ticks.last! >= 2_466)
    #expect(scale.ticks.contains(0))
    #expect(scale.ticks.allSatisfy { $0.truncatingRemainder(dividingBy: 1_000) == 0 })
    let fine = ChartScale(low: 0.12, high: 0.18)
    #expect(fine.decimals == 2)
    #expect(ChartScale(low: 5, high: 5).ticks.count >= 2)
  }

  @Test func coordinatesAreLocaleFreeOneDecimalText() {
    #expect(HTMLText.coordinate(12.345) == "12.3")
    #expect(HTMLText.coordinate(-0.05) == "-0.1")
    #expect(HTMLText.coordinate(7) == "7")
    #expect(HTMLText.coordinate(.nan) == "0")
  }
}
