import StratABI
import StratRuntime
import StratBacktest
import StratMarket
import Testing

@Suite struct MetricsTests {
  @Test func measuresDrawdownFromTheRunningPeak() throws {
    let a = Fixture.flat("A", [1, 2, 3, 4, 5], ["10", "12", "9", "13", "11"])
    let r = try Fixture.run([a], script: [0: [Fixture.target(0, 1)]], fill: .close)
    #expect(r.equity.map(\.description) == ["0.00", "2.00", "-1.00", "3.00", "1.00"])
    #expect(r.metrics.maxDrawdown == money("3"))
  }

  @Test func annualisesDailyStepsWith252() throws {
    let a = Fixture.flat("A", [1, 2, 3, 4], ["10", "11", "10", "12"])
    let r = try Fixture.run([a], script: [0: [Fixture.target(0, 1)]], fill: .close)
    let changes = [0.0, 1, -1, 2]
    let mean = changes.reduce(0, +) / 4
    let sd = (changes.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3).squareRoot()
    #expect(abs(r.metrics.sharpe - mean / sd * 252.0.squareRoot()) < 1e-12)
  }

  @Test func annualisesIntradayStepsBySessionSeconds() throws {
    var a = Fixture.flat("A", [1, 2, 3, 4], ["10", "11", "10", "12"])
    a.times = (0..<4).map { Fixture.day(1) + Int64($0) * 60_000_000_000 }
    let r = try Fixture.run([a], script: [0: [Fixture.target(0, 1)]], fill: .close)
    let changes = [0.0, 1, -1, 2]
    let mean = changes.reduce(0, +) / 4
    let sd = (changes.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3).squareRoot()
    let periods = 252.0 * 23_400 / 60
    #expect(abs(r.metrics.sharpe - mean / sd * periods.squareRoot()) < 1e-9)
  }

  @Test func isZeroWithoutVariationOrSteps() throws {
    let a = Fixture.flat("A", [1, 2, 3], ["10", "10", "10"])
    let r = try Fixture.run([a], script: [:])
    #expect(r.metrics.sharpe == 0)
    let one = Fixture.flat("A", [1], ["10"])
    #expect(
      try Fixture.run([one], script: [0: [Fixture.target(0, 1)]], fill: .close).metrics.sharpe == 0
    )
  }

  @Test func countsTradesTurnoverAndRejections() throws {
    let a = Fixture.flat("A", [1, 2, 3], ["10", "20", "30"])
    let r = try Fixture.run(
      [a],
      script: [0: [Fixture.target(0, 2)], 1: [Fixture.target(0, -1), Fixture.market(5, 1)]],
      fill: .close
    )
    #expect(r.metrics.trades == 2)
    #expect(r.metrics.turnover == money("80"))
    #expect(r.metrics.rejected == 1)
  }
}
