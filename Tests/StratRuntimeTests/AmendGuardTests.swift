import StratABI
import StratMarket
import Testing
@testable import StratRuntime

/// A replace passes the guards a new order passes: kill switch, stale feed, duplicate guard
/// (the open-order limit does not apply: an amend adds no order). Denials are typed and counted.
@Suite struct AmendGuardTests {
  static let price: Int64 = 100 * 100_000_000

  static func router(maxOpen: Int? = nil, window: Int64? = nil) -> OrderRouter {
    let interface = StrategyInterface(
      name: "t", instruments: [InstrumentBinding(name: "s", symbol: "S")], params: [], stateBytes: 0,
      risk: RiskLimits())
    var table = RiskLimitTable(instrumentCount: 1)
    table.maxPosition = [1_000]
    table.maxOpenOrders = maxOpen
    table.duplicateWindowNanos = window
    return OrderRouter(interface: interface, limits: table)
  }

  static func limit(_ quantity: Int64, _ price: Int64, at time: Int64) -> OrderRecord {
    OrderRecord(time: time, instrument: 0, kind: .replace, quantity: quantity, limit: Price(raw: price))
  }

  /// Sends a resting buy, then applies `amend` to it; returns the router and the gateway.
  static func amended(
    _ router: inout OrderRouter, _ replace: OrderRecord, before: (inout OrderRouter) -> Void = { _ in }
  ) -> (amended: Bool, gateway: WriteAheadTests.CheckingGateway) {
    let gateway = WriteAheadTests.CheckingGateway(sink: WriteAheadTests.Sink())
    router.send(Self.limit(10, Self.price, at: 0), at: 0, venue: gateway, position: 0, reference: Self.price, equity: 0)
    before(&router)
    let amended = router.amend(replace, at: replace.time, venue: gateway, writeAhead: NoWriteAhead())
    return (amended, gateway)
  }

  @Test func theKillSwitchDeniesAReplace() {
    var router = Self.router()
    let (amended, gateway) = Self.amended(&router, Self.limit(20, Self.price - 1, at: 5)) { $0.guards.killed = true }
    #expect(amended, "handled: no new order instead")
    #expect(gateway.seen.map(\.request) == ["new"])
    #expect(router.rejectedCounts[RiskDenial.Code.killSwitch.index] == 1)
    #expect(router.audit.log.entries.last?.event == .denied)
    #expect(router.audit.log.entries.last?.reason == .denial(.killSwitch))
    #expect(router.open.first?.remaining == 10)
  }

  @Test func aStaleFeedDeniesAReplace() {
    var router = Self.router()
    let (_, gateway) = Self.amended(&router, Self.limit(20, Self.price, at: 5)) { $0.guards.stale[0] = true }
    #expect(gateway.seen.map(\.request) == ["new"])
    #expect(router.rejectedCounts[RiskDenial.Code.staleFeed.index] == 1)
  }

  @Test func theDuplicateGuardDeniesAReplaceToTheLastSentOrder() {
    var router = Self.router(window: 1_000)
    // A second buy 7 at 99 goes out at t = 1; amending the first to 7 at 99 at t = 2 repeats it.
    let (_, gateway) = Self.amended(&router, Self.limit(7, Self.price - 1, at: 2)) { router in
      let gateway = WriteAheadTests.CheckingGateway(sink: WriteAheadTests.Sink())
      router.send(Self.limit(7, Self.price - 1, at: 1), at: 1, venue: gateway, position: 0, reference: Self.price, equity: 0)
    }
    #expect(gateway.seen.map(\.request) == ["new"], "neither the replace nor the cancel of the other buy went out")
    #expect(router.rejectedCounts[RiskDenial.Code.duplicateOrder.index] == 1)
    #expect(router.open.map(\.cancelling) == [false, false])
  }

  @Test func theOpenOrderLimitDoesNotStopAnAmendAndAnAmendIsRemembered() {
    var router = Self.router(maxOpen: 1, window: 1_000)
    let (_, gateway) = Self.amended(&router, Self.limit(20, Self.price - 1, at: 5))
    #expect(gateway.seen.map(\.request) == ["new", "replace"])
    #expect(router.rejectedCounts.reduce(0, +) == 0)
    // The amend is the last sent order now: a new order like it within the window is a duplicate.
    let again = OrderRecord(time: 6, instrument: 0, kind: .limit, quantity: 20, limit: Price(raw: Self.price - 1))
    #expect(router.guards.denial(again, time: 6, open: 0, limits: router.gate.limits) == .duplicateOrder(windowNanos: 1_000))
  }

  @Test func aReplaceThatChangesNothingIsNeitherSentNorDenied() {
    var router = Self.router()
    let (amended, gateway) = Self.amended(&router, Self.limit(10, Self.price, at: 5)) { $0.guards.killed = true }
    #expect(amended)
    #expect(gateway.seen.map(\.request) == ["new"])
    #expect(router.rejectedCounts.reduce(0, +) == 0)
  }
}
