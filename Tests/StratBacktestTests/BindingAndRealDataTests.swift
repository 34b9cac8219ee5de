import Foundation
import StratABI
import StratRuntime
import StratBacktest
import StratMarket
import Testing

@Suite struct BindingAndRealDataTests {
  static let pairs: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path + "/../shared/data/daily-etf-pairs"
  }()

  @Test func bindsInstrumentsToSeriesBySymbol() throws {
    let series = [Fixture.flat("KO", [1], ["1"]), Fixture.flat("PEP", [1], ["1"])]
    let interface = Fixture.interface(["PEP", "KO"])
    #expect(try Backtester.seriesIndices(for: interface, in: series) == [1, 0])
    #expect(
      try Backtester.seriesIndices(for: interface, in: series, overrides: ["PEP": "KO"]) == [0, 0]
    )
    #expect(throws: BacktestError.self) {
      try Backtester.seriesIndices(for: Fixture.interface(["GLD"]), in: series)
    }
  }

  @Test func rejectsABindingThatDoesNotFit() {
    let executor = ScriptedExecutor(interface: Fixture.interface(["A", "B"]))
    let series = [Fixture.flat("A", [1], ["1"])]
    #expect(throws: BacktestError.self) {
      try Backtester(series: series, config: BacktestConfig(seriesForInstrument: [0])).run(executor)
    }
    #expect(throws: BacktestError.self) {
      try Backtester(series: series, config: BacktestConfig(seriesForInstrument: [0, 3])).run(
        executor
      )
    }
  }

  @Test func sharesOneSeriesBetweenTwoInstruments() throws {
    let a = Fixture.flat("A", [1, 2], ["10", "11"])
    let executor = ScriptedExecutor(interface: Fixture.interface(["X", "Y"]))
    let r = try Backtester(series: [a], config: BacktestConfig(seriesForInstrument: [0, 0])).run(
      executor
    )
    #expect(r.metrics.steps == 2)
    #expect(r.metrics.events == 4)
    #expect(r.instruments.map(\.symbol) == ["A", "A"])
  }

  @Test func replaysTheRealPairAlignedByDate() throws {
    let series = try MarketDataSource.load(specs: [
      "KO=\(Self.pairs)/KO.csv", "PEP=\(Self.pairs)/PEP.csv",
    ])
    var script: [Int: [Decision]] = [:]
    for k in stride(from: 0, to: 1_180, by: 20) {
      let side: Double = (k / 20) % 2 == 0 ? 100 : -100
      script[k] = [Fixture.target(0, side), Fixture.target(1, -side)]
    }
    let executor = ScriptedExecutor(interface: Fixture.interface(["KO", "PEP"]), script: script)
    let config = BacktestConfig(seriesForInstrument: [0, 1], fill: .nextOpen)
    let r = try Backtester(series: series, config: config).run(executor)
    #expect(r.metrics.steps == 1_180)
    #expect(r.metrics.events == 1_178 + 1_180)
    #expect(executor.fed.filter { $0.instrument == 0 }.count == 1_178)
    #expect(r.metrics.trades == 2 * 59)
    #expect(r.metrics.unfilled == 0)
    let pnl = r.equity.last!
    #expect(pnl == r.metrics.pnl)
    let marks = r.lastClose.map { $0! }
    #expect(try r.ledger.equity(marks: marks) == pnl)
  }
}
