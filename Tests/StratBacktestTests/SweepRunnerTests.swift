import Foundation
import StratMarket
import Testing

import StratRuntime
@testable import StratBacktest

/// The parallel runner: results in index order whatever the threads, and a bounded buffer.
@Suite struct SweepRunnerTests {
  /// Work whose duration varies with the index, so that threads finish out of order.
  static func work(_ k: Int) -> Int {
    var x = UInt64(k) &* 0x9E37_79B9_7F4A_7C15
    for _ in 0..<(1 + (k * 7919) % 13) * 20_000 { x = x &* 6_364_136_223_846_793_005 &+ 1 }
    return k * 1_000 + Int(x % 7)
  }

  @Test(arguments: [1, 2, 3, 8])
  func emitsInIndexOrderWithTheSameResults(jobs: Int) {
    var emitted: [Int] = []
    var results: [Int] = []
    SweepRunner.run(count: 200, jobs: jobs, work: { Self.work($0) }) { k, result in
      emitted.append(k)
      results.append(result)
    }
    #expect(emitted == Array(0..<200))
    #expect(results == (0..<200).map(Self.work))
  }

  /// Records, under a lock, how far ahead of the output the workers ever started.
  final class Watermark: @unchecked Sendable {
    let lock = NSLock()
    var emitted = 0
    var furthestAhead = 0

    func started(_ k: Int) {
      lock.lock()
      furthestAhead = max(furthestAhead, k - emitted)
      lock.unlock()
    }

    func emitted(_ k: Int) {
      lock.lock()
      emitted = k + 1
      lock.unlock()
    }
  }

  @Test func workersNeverRunMoreThanTheWindowAheadOfTheOutput() {
    let watermark = Watermark()
    SweepRunner.run(
      count: 500, jobs: 4, window: 6,
      work: { k in
        watermark.started(k)
        return Self.work(k)
      }
    ) { k, _ in
      // A slow consumer: without the window the workers would race to the end.
      if k % 50 == 0 { Thread.sleep(forTimeInterval: 0.01) }
      watermark.emitted(k)
    }
    // The runner counts result k as emitted just before this closure sees it, so seen from
    // here a worker may be one further ahead: window results in flight at most.
    #expect(watermark.furthestAhead <= 6)
    #expect(watermark.furthestAhead >= 1)
  }

  @Test func emptyGridRunsNothing() {
    var calls = 0
    SweepRunner.run(count: 0, jobs: 4, work: { $0 }) { _, _ in calls += 1 }
    #expect(calls == 0)
  }
}

/// The CSV rows and the choice of the best run.
@Suite struct SweepCSVTests {
  static func outcome(pnl: String, drawdown: String) throws -> SweepOutcome {
    let a = Fixture.flat("AAA", [1, 2, 3], ["10", "11", "10.5"])
    var result = try Fixture.run([a], script: [0: [Fixture.target(0, 100)]], fill: .close)
    result.metrics.pnl = money(pnl)
    result.metrics.maxDrawdown = money(drawdown)
    return SweepOutcome(result)
  }

  @Test func rowsCarryExactMoneyAndSixDecimalRatios() throws {
    let header = String(decoding: SweepCSV.header(parameters: ["lookback", "entry"]), as: UTF8.self)
    #expect(header == "run,lookback,entry,pnl,sharpe,sortino,max_drawdown,trades,turnover,fees,steps,events,rejected,unfilled,total_return,sharpe_returns,error,run_id\n")
    var outcome = try Self.outcome(pnl: "50.125", drawdown: "0")
    outcome.runID = "abc123"
    let row = String(
      decoding: SweepCSV.row(
        index: 3, values: [.number(SweepDecimal("20")!), .number(SweepDecimal("1.5")!)],
        outcome: outcome),
      as: UTF8.self)
    let sharpe = outcome.metrics!.sharpe
    var ratio = TextBuffer()
    ratio.append(sharpe, decimals: 6)
    #expect(row.hasPrefix("3,20,1.5,50.125,\(ratio.text),"))
    // Equity 0, 100, 50 on the default capital of 100,000; three returns are not annualised.
    #expect(row.hasSuffix(",1000.00,0.00,3,3,0,0,0.000500,,,abc123\n"))
  }

  @Test func failedRunsKeepTheirColumnsAndQuoteTheError() {
    let row = String(
      decoding: SweepCSV.row(index: 0, values: [.bool(true)], outcome: SweepOutcome(error: "x.y: a, \"b\"")),
      as: UTF8.self)
    // Fourteen metric columns, all empty but the quoted error, then the empty run id (it never
    // compiled).
    #expect(row == "0,true" + String(repeating: ",", count: 14) + "\"x.y: a, \"\"b\"\"\",\n")
  }

  @Test func bestRunPrefersTheEarlierIndexOnTiesAndHonoursDirection() throws {
    let low = try Self.outcome(pnl: "10", drawdown: "5")
    let high = try Self.outcome(pnl: "20", drawdown: "9")
    #expect(SweepMetric.pnl.isBetter(high, than: low))
    #expect(!SweepMetric.pnl.isBetter(low, than: high))
    #expect(!SweepMetric.pnl.isBetter(high, than: high))
    #expect(SweepMetric.maxDrawdown.isBetter(low, than: high))
    #expect(!SweepMetric.pnl.isBetter(SweepOutcome(error: "x"), than: nil))
    #expect(SweepMetric.pnl.isBetter(low, than: SweepOutcome(error: "x")))
  }
}
