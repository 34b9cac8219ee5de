import StratABI
import StratRuntime
import StratBacktest
import StratMarket
import Testing

/// The order-book backtest loop: the two clocks, latency, routing of every decision kind, and
/// the account, on a small hand-made book whose fills can be worked out by hand.
@Suite struct BookBacktesterTests {
  /// Prices in 1e-8 units.
  static func px(_ cents: Int64) -> Int64 { cents * 1_000_000 }

  /// bid 10.00 ×100 (id 1), ask 10.10 ×100 (id 2), bid 10.00 ×50 behind (id 3), then the
  /// 100 at 10.00 trades (id 1), then the 50 behind it (id 3), then an ask 10.05 ×10 (id 4),
  /// then a bid 9.90 ×10 (id 5).
  static let events: [OrderEvent] = [
    OrderEvent(timeNanos: 1_000, kind: .add, side: .buy, orderID: 1, price: px(1000), quantity: 100),
    OrderEvent(timeNanos: 2_000, kind: .add, side: .sell, orderID: 2, price: px(1010), quantity: 100),
    OrderEvent(timeNanos: 3_000, kind: .add, side: .buy, orderID: 3, price: px(1000), quantity: 50),
    OrderEvent(timeNanos: 4_000, kind: .execute, side: .buy, orderID: 1, price: px(1000), quantity: 100),
    OrderEvent(timeNanos: 5_000, kind: .execute, side: .buy, orderID: 3, price: px(1000), quantity: 50),
    OrderEvent(timeNanos: 6_000, kind: .add, side: .sell, orderID: 4, price: px(1005), quantity: 10),
    OrderEvent(timeNanos: 7_000, kind: .add, side: .buy, orderID: 5, price: px(990), quantity: 10),
  ]

  static func run(
    _ script: [Int: [Decision]], venue: VenueConfig = VenueConfig()
  ) throws -> (BacktestResult, ScriptedExecutor) {
    let executor = ScriptedExecutor(interface: Fixture.interface(["s"]), script: script)
    let config = BookBacktestConfig(
      venue: venue, feedInstrumentForInstrument: [0], symbols: ["S"], backend: "test")
    return (try BookBacktester(events: events, config: config).run(executor), executor)
  }

  @Test func aRestingBuyFillsOnlyAfterTheQueueAheadOfItHasTraded() throws {
    let (result, _) = try Self.run([1: [Fixture.limit(0, 20, at: 10.00)]])
    let fills = result.ledger.fills
    #expect(fills.count == 1)
    #expect(fills.first?.time == 5_000, "the 100 ahead trade at 4000; the 50 behind at 5000 reach us")
    #expect(fills.first?.price == Price(raw: Self.px(1000)))
    #expect(fills.first?.quantity == Quantity(20))
    #expect(result.positions == [Quantity(20)])
  }

  @Test func anOrderNeverFillsOnTheEventThatCausedIt() throws {
    var filled = 0
    for step in 0..<Self.events.count {
      let (result, _) = try Self.run([step: [Fixture.limit(0, 10, at: 10.00)]])
      for fill in result.ledger.fills {
        #expect(fill.time > Self.events[step].timeNanos, "decided on event \(step)")
      }
      filled += result.ledger.fills.count
    }
    #expect(filled > 0, "some of these orders must fill, or the check above proves nothing")
  }

  @Test func orderLatencyDecidesWhatTheOrderFinds() throws {
    // A market buy decided on event 1 (t = 2000) takes the ask 10.10 when it arrives at 3500.
    let early = try Self.run(
      [1: [Fixture.market(0, 10)]], venue: VenueConfig(orderLatency: .constant(nanos: 1_500))).0
    #expect(early.ledger.fills.map(\.time) == [3_500])
    #expect(early.ledger.fills.map(\.price) == [Price(raw: Self.px(1010))])
    // Arriving after the 10.05 ask was added, it takes that first.
    let late = try Self.run(
      [1: [Fixture.market(0, 10)]], venue: VenueConfig(orderLatency: .constant(nanos: 4_500))).0
    #expect(late.ledger.fills.map(\.price) == [Price(raw: Self.px(1005))])
  }

  @Test func theStrategySeesEachEventAfterTheFeedLatency() throws {
    let (_, executor) = try Self.run([:], venue: VenueConfig(feedLatency: .constant(nanos: 300)))
    #expect(executor.times == Self.events.map { $0.timeNanos + 300 })
  }

  @Test func replaceWithTheSameQuoteSendsNothingNew() throws {
    let quote = Decision(kind: .replace, instrument: 0, quantity: 5, price: 9.90)
    let (result, _) = try Self.run([1: [quote], 2: [quote], 3: [quote], 4: [quote]])
    #expect(result.unfilledOrders.count == 1, "one resting quote, not four")
    #expect(result.cancelled == 0)
  }

  @Test func cancelWithdrawsTheRestingOrder() throws {
    let (result, _) = try Self.run([
      1: [Fixture.limit(0, 20, at: 10.00)], 2: [Decision(kind: .cancel, instrument: 0, quantity: 1)],
    ])
    #expect(result.ledger.fills.isEmpty, "cancelled at 3000, before the executions at 4000–5000")
    #expect(result.cancelled == 1)
    #expect(result.unfilledOrders.isEmpty)
  }

  @Test func sameSeedSameFillsWithRandomLatency() throws {
    let venue = VenueConfig(
      orderLatency: .uniform(lowNanos: 0, highNanos: 3_000),
      feedLatency: .uniform(lowNanos: 0, highNanos: 800), seed: 42)
    let script: [Int: [Decision]] = [0: [Fixture.limit(0, 5, at: 10.00)], 1: [Fixture.market(0, 5)]]
    let a = try Self.run(script, venue: venue).0
    let b = try Self.run(script, venue: venue).0
    #expect(!a.ledger.fills.isEmpty)
    #expect(a.ledger.fills == b.ledger.fills)
    #expect(a.equity == b.equity)
  }

  @Test func barFieldsAreRefusedOnBookData() throws {
    var interface = Fixture.interface(["s"])
    interface.inputFields = [.close]
    let executor = ScriptedExecutor(interface: interface)
    let config = BookBacktestConfig(
      venue: VenueConfig(), feedInstrumentForInstrument: [0], symbols: ["S"])
    #expect(throws: BacktestError.self) { try BookBacktester(events: Self.events, config: config).run(executor) }
  }
}
