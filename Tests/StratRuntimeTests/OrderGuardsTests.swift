import StratABI
import StratMarket
import Testing
@testable import StratRuntime

/// The engine's checks before the strategy's limits: kill switch, stale feed, open orders,
/// duplicates, in that order.
@Suite struct OrderGuardsTests {
  static func order(_ quantity: Int64, limit: Int64? = nil, instrument: Int = 0) -> OrderRecord {
    OrderRecord(time: 0, instrument: instrument, kind: limit == nil ? .market : .limit, quantity: quantity, limit: limit.map(Price.init(raw:)))
  }

  static let limits: RiskLimitTable = {
    var t = RiskLimitTable(instrumentCount: 2)
    t.maxOpenOrders = 3
    t.duplicateWindowNanos = 1_000
    return t
  }()

  @Test func theKillSwitchDeniesEveryOrderFirst() {
    var g = OrderGuards(instrumentCount: 2)
    #expect(g.denial(Self.order(1), time: 0, open: 0, limits: Self.limits) == nil)
    g.killed = true
    g.stale[0] = true
    #expect(g.denial(Self.order(1), time: 0, open: 99, limits: Self.limits) == .killSwitch)
    #expect(g.denial(Self.order(-5, limit: 100), time: 0, open: 0, limits: Self.limits) == .killSwitch)
    g.killed = false
    #expect(g.denial(Self.order(1), time: 0, open: 99, limits: Self.limits) == .staleFeed)
  }

  @Test func aStaleFeedDeniesOnlyItsInstrument() {
    var g = OrderGuards(instrumentCount: 2)
    g.stale[1] = true
    #expect(g.denial(Self.order(1, instrument: 1), time: 0, open: 0, limits: Self.limits) == .staleFeed)
    #expect(g.denial(Self.order(1, instrument: 0), time: 0, open: 0, limits: Self.limits) == nil)
  }

  @Test func openOrdersAtTheLimitDenyTheNext() {
    let g = OrderGuards(instrumentCount: 2)
    #expect(g.denial(Self.order(1), time: 0, open: 2, limits: Self.limits) == nil)
    #expect(g.denial(Self.order(1), time: 0, open: 3, limits: Self.limits) == .maxOpenOrders(limit: 3, open: 3))
    #expect(g.denial(Self.order(1), time: 0, open: 50, limits: RiskLimitTable(instrumentCount: 2)) == nil)
  }

  @Test func theSameOrderWithinTheWindowIsADuplicate() {
    var g = OrderGuards(instrumentCount: 2)
    g.recordSent(Self.order(100, limit: 5_000), time: 10_000)
    let same = Self.order(100, limit: 5_000)
    #expect(g.denial(same, time: 10_999, open: 0, limits: Self.limits) == .duplicateOrder(windowNanos: 1_000))
    #expect(g.denial(same, time: 11_000, open: 0, limits: Self.limits) == nil)  // t − t₀ < window
    #expect(g.denial(Self.order(-100, limit: 5_000), time: 10_500, open: 0, limits: Self.limits) == nil)
    #expect(g.denial(Self.order(100, limit: 5_001), time: 10_500, open: 0, limits: Self.limits) == nil)
    #expect(g.denial(Self.order(100), time: 10_500, open: 0, limits: Self.limits) == nil)
    #expect(g.denial(Self.order(100, limit: 5_000, instrument: 1), time: 10_500, open: 0, limits: Self.limits) == nil)
    #expect(g.denial(same, time: 10_500, open: 0, limits: RiskLimitTable(instrumentCount: 2)) == nil)
  }

  @Test func theGuardComparesWithTheLastSentOrderOnly() {
    var g = OrderGuards(instrumentCount: 1)
    g.recordSent(Self.order(1), time: 0)
    g.recordSent(Self.order(-1), time: 1)
    #expect(g.denial(Self.order(1), time: 2, open: 0, limits: Self.limits) == nil)
    #expect(g.denial(Self.order(-1), time: 2, open: 0, limits: Self.limits) == .duplicateOrder(windowNanos: 1_000))
  }

  @Test func openOrdersAreCheckedBeforeDuplicates() {
    var g = OrderGuards(instrumentCount: 1)
    g.recordSent(Self.order(1), time: 0)
    #expect(g.denial(Self.order(1), time: 1, open: 3, limits: Self.limits) == .maxOpenOrders(limit: 3, open: 3))
  }
}
