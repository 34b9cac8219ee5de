import Foundation
import StratMarket
import Testing
@testable import StratRuntime

/// Post-trade figures on crafted fills: average-cost P&L that adds up to the ledger's, exposures,
/// and the minute-sample VaR.
@Suite struct PostTradeRiskTests {
  static let unit: Int64 = 100_000_000

  /// Books the same fills into a ledger and a PostTradeRisk.
  static func both(_ fills: [(q: Int64, p: Int64, fee: Int64)]) throws -> (Ledger, PostTradeRisk) {
    var ledger = Ledger(instrumentCount: 1)
    var risk = PostTradeRisk(instrumentCount: 1)
    for f in fills {
      try ledger.book(time: 0, instrument: 0, quantity: f.q, price: Price(raw: f.p * unit), fee: Money(raw: f.fee))
      risk.book(instrument: 0, quantity: f.q, price: f.p * unit, fee: f.fee)
    }
    return (ledger, risk)
  }

  @Test func averageCostRealisesOnReducingFillsAndFlipsThroughZero() throws {
    // Buy 100 @ 10 and 100 @ 12 (average 11), sell 150 @ 13 (+300), sell 100 @ 9: closes 50
    // (−100) and opens 50 short at 9.
    let (ledger, risk0) = try Self.both([(100, 10, 0), (100, 12, 0), (-150, 13, 0), (-100, 9, 0)])
    var risk = risk0
    risk.mark(0, 8 * Self.unit)
    #expect(risk.position == [-50])
    #expect(risk.realised == [200 * Int128(Self.unit)])
    #expect(risk.cost == [-450 * Int128(Self.unit)])
    let row = PostTradeSnapshot.exposure("X", risk: risk, instrument: 0)
    #expect(row.unrealised == Money(raw: 50 * Self.unit))
    #expect(row.pnl == Money(raw: 250 * Self.unit))
    #expect(row.gross == Money(raw: 400 * Self.unit) && row.net == Money(raw: -400 * Self.unit))
    #expect(row.pnl == (try ledger.equity(marks: [Price(raw: 8 * Self.unit)])))
  }

  @Test func profitAndLossEqualsTheLedgerEquityWithFeesAndOddPrices() throws {
    let fills: [(q: Int64, p: Int64, fee: Int64)] = [(7, 3, 11), (-3, 5, 13), (5, 4, 17), (-20, 2, 19), (13, 7, 23)]
    let (ledger, risk0) = try Self.both(fills)
    var risk = risk0
    risk.mark(0, 6 * Self.unit + 1)
    let row = PostTradeSnapshot.exposure("X", risk: risk, instrument: 0)
    #expect(row.position == 2)
    #expect(row.fees == Money(raw: 83))
    #expect(row.pnl == (try ledger.equity(marks: [Price(raw: 6 * Self.unit + 1)])))
  }

  @Test func aShortCoveredAtALowerPriceRealisesTheGain() throws {
    let (_, risk) = try Self.both([(-10, 10, 0), (10, 9, 0)])
    #expect(risk.position == [0] && risk.cost == [0])
    #expect(risk.realised == [10 * Int128(Self.unit)])
  }

  @Test func samplesAreTakenOncePerMinuteOfEventTime() {
    var risk = PostTradeRisk(instrumentCount: 1)
    risk.mark(0, 5)
    let first = risk.sample(at: 10)
    let early = risk.sample(at: PostTradeRisk.minuteNanos - 1)
    risk.mark(0, 6)
    let next = risk.sample(at: PostTradeRisk.minuteNanos)
    #expect(first && !early && next)
    #expect(risk.sampleCount == 2 && risk.sample(1, instrument: 0) == 6)
  }

  /// 100 long at 100, marks sampled minute by minute: 100 each minute but 95 at minute `lossAt`.
  static func risk(returns: Int, lossAt: Int?) -> PostTradeRisk {
    var risk = PostTradeRisk(instrumentCount: 1)
    risk.book(instrument: 0, quantity: 100, price: 100 * unit, fee: 0)
    for k in 0...returns {
      risk.mark(0, (k == lossAt ? 95 : 100) * unit)
      risk.sample(at: Int64(k) * PostTradeRisk.minuteNanos)
    }
    risk.mark(0, 100 * unit)
    return risk
  }

  @Test func valueAtRiskIsTheOnePercentMinuteLossScaledToADay() {
    let (value, returns) = PostTradeVaR.oneDay99(Self.risk(returns: 100, lossAt: 40))
    #expect(returns == 100)
    // Rank ⌈1 % × 100⌉ = 1: the −5 % minute (100 → 95); 100 × 100 × 5 % = 500 a minute.
    let expected = Int64((Double(500 * Self.unit) * 390.0.squareRoot()).rounded())
    #expect(value == expected)
  }

  @Test func valueAtRiskNeedsThirtyReturnsAndIsZeroWhenNoMinuteLoses() {
    #expect(PostTradeVaR.oneDay99(Self.risk(returns: 29, lossAt: 3)).value == nil)
    #expect(PostTradeVaR.oneDay99(Self.risk(returns: 30, lossAt: nil)).value == 0)
    var flat = Self.risk(returns: 100, lossAt: 40)
    flat.book(instrument: 0, quantity: -100, price: 100 * Self.unit, fee: 0)
    #expect(PostTradeVaR.oneDay99(flat).value == 0)
  }

  @Test func aSnapshotSumsStrategiesPerSymbol() {
    var a = PostTradeRisk(instrumentCount: 2)
    a.book(instrument: 0, quantity: 10, price: 5 * Self.unit, fee: 0)
    a.book(instrument: 1, quantity: -4, price: 20 * Self.unit, fee: 0)
    a.mark(0, 6 * Self.unit)
    a.mark(1, 20 * Self.unit)
    var b = PostTradeRisk(instrumentCount: 1)
    b.book(instrument: 0, quantity: -3, price: 6 * Self.unit, fee: 0)
    b.mark(0, 6 * Self.unit)
    let snapshot = PostTradeSnapshot.engine(
      [PostTradeSnapshot.strategy("a", symbols: ["X", "Y"], risk: a), PostTradeSnapshot.strategy("b", symbols: ["X"], risk: b)], events: 7)
    #expect(snapshot.instruments.map(\.symbol) == ["X", "Y"])
    #expect(snapshot.instruments[0].position == 7)
    #expect(snapshot.instruments[0].net == Money(raw: 42 * Self.unit))
    #expect(snapshot.instruments[0].gross == Money(raw: 78 * Self.unit))
    #expect(snapshot.total.gross == Money(raw: 158 * Self.unit))
    #expect(snapshot.total.net == Money(raw: -38 * Self.unit))
    #expect(snapshot.total.pnl == Money(raw: 10 * Self.unit))
    #expect(snapshot.strategies[0].total.pnl == Money(raw: 10 * Self.unit))
    #expect(snapshot.strategies[0].valueAtRisk == nil && snapshot.events == 7)
  }

  @Test func aDetachedCopySharesNoStorage() {
    var risk = PostTradeRisk(instrumentCount: 1)
    risk.mark(0, 5)
    let copy = risk.detached()
    risk.mark(0, 6)
    #expect(copy.marks == [5])
  }
}
