import StratABI
import StratBacktest
import StratMarket
import StratRuntime
import Testing

/// The daily loss limit on a book run: it halts the day once the marked loss exceeds it, and
/// the next UTC day starts again from the last equity, as bar runs do (RiskTests).
@Suite struct BookDailyLossTests {
  static func px(_ cents: Int64) -> Int64 { cents * 1_000_000 }
  static let day: Int64 = 86_400_000_000_000

  /// Day 1: bid 10.00, ask 10.10; the bid then falls to 5.00 (the mid to 7.55). Day 2: a new bid.
  static let events: [OrderEvent] = [
    OrderEvent(timeNanos: 1_000, kind: .add, side: .buy, orderID: 1, price: px(1000), quantity: 1000),
    OrderEvent(timeNanos: 2_000, kind: .add, side: .sell, orderID: 2, price: px(1010), quantity: 1000),
    OrderEvent(timeNanos: 3_000, kind: .add, side: .sell, orderID: 9, price: px(1020), quantity: 1000),
    OrderEvent(timeNanos: 4_000, kind: .delete, side: .buy, orderID: 1, price: px(1000), quantity: 1000),
    OrderEvent(timeNanos: 5_000, kind: .add, side: .buy, orderID: 3, price: px(500), quantity: 1000),
    OrderEvent(timeNanos: 6_000, kind: .add, side: .buy, orderID: 4, price: px(499), quantity: 10),
    OrderEvent(timeNanos: day + 1_000, kind: .add, side: .buy, orderID: 5, price: px(498), quantity: 10),
    OrderEvent(timeNanos: day + 2_000, kind: .add, side: .buy, orderID: 6, price: px(497), quantity: 10),
  ]

  static func run(maxDailyLoss: Double?) throws -> BacktestResult {
    // Buy 10 at 10.10 on step 1; after the fall (loss 10 × (10.10 − 7.55) = 25.50) buy 1 more
    // on day 1 (step 5) and on day 2 (step 6).
    let script: [Int: [Decision]] = [
      1: [Fixture.market(0, 10)], 5: [Fixture.market(0, 1)], 6: [Fixture.market(0, 1)],
    ]
    let risk = RiskLimits(maxDailyLoss: maxDailyLoss)
    let executor = ScriptedExecutor(interface: Fixture.interface(["s"], risk: risk), script: script)
    let config = BookBacktestConfig(venue: VenueConfig(), feedInstrumentForInstrument: [0], symbols: ["S"], backend: "test")
    return try BookBacktester(events: events, config: config).run(executor)
  }

  @Test func theLimitHaltsTheDayAndTheNextUTCDayTradesAgain() throws {
    let r = try Self.run(maxDailyLoss: 20)
    #expect(r.rejections.count == 1, "only day 1's second buy is denied")
    #expect(r.rejections.first.map { if case .maxDailyLoss = $0.denial { true } else { false } } == true)
    #expect(r.positions == [Quantity(11)], "10 on day 1, 1 on day 2")
  }

  @Test func withoutTheLimitEveryBuyFills() throws {
    let r = try Self.run(maxDailyLoss: nil)
    #expect(r.rejections.isEmpty)
    #expect(r.positions == [Quantity(12)])
  }
}
