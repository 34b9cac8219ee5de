import StratABI
import StratMarket
import Testing
@testable import StratRuntime

/// The OMS's order states: who moves an order where, and the end of the session.
@Suite struct OrderLifeCycleTests {
  static func fill(_ id: UInt64, quantity: Int64, remaining: Int64, price: Int64 = 100) -> VenueFill {
    VenueFill(
      orderID: id, instrument: 0, side: .buy, price: price, quantity: quantity, time: 2, liquidity: .maker, fee: .zero,
      remainingQuantity: remaining)
  }

  static func day() throws -> BookSession {
    BookReplay.replay(
      SmallDay.events, session: try SmallDay.session(), executor: ScriptedStrategy(SmallDay.script),
      interval: 1 << 20, progress: nil)
  }

  @Test func aDayOrderRestingAtTheSessionsEndExpires() throws {
    var session = try Self.day()
    // The 9.80 bid decided on the last event rests; everything else ended at the venue.
    #expect(session.router.open.map(\.id) == [5])
    #expect(session.router.open.map(\.state) == [.open])
    #expect(session.venue.order(5)?.state == .open)
    #expect(session.router.expireDayOrders() == 1)
    #expect(session.router.open.isEmpty)
    #expect(session.router.retired.map(\.id) == [5])
    #expect(session.router.retired.map(\.state) == [.expired])
    #expect(session.router.expiredCount == 1)
    // No row in the order log: orders.csv documents none (Docs/OUTPUTS.md), and backtests match.
    #expect(session.audit.log.entries.last?.event == .accepted)
  }

  @Test func marketAndIOCOrdersStillInTheTableDoNotExpire() {
    let interface = ScriptedStrategy([:]).interface
    var router = OrderRouter(interface: interface, limits: {
      var t = RiskLimitTable(instrumentCount: 1)
      t.maxPosition = [1_000]
      return t
    }())
    let venue = WriteAheadTests.CheckingGateway(sink: WriteAheadTests.Sink())
    router.send(OrderRecord(time: 1, instrument: 0, kind: .market, quantity: 3), at: 1, venue: venue, position: 0, reference: 100, equity: 0)
    #expect(router.open.map(\.state) == [.pendingNew])
    #expect(router.expireDayOrders() == 0)
    #expect(router.open.count == 1)
  }

  @Test func venueReportsMoveTheStateForward() {
    var router = OrderRouter(interface: ScriptedStrategy([:]).interface, limits: {
      var t = RiskLimitTable(instrumentCount: 1)
      t.maxPosition = [1_000]
      return t
    }())
    let venue = WriteAheadTests.CheckingGateway(sink: WriteAheadTests.Sink())
    let limit = OrderRecord(time: 1, instrument: 0, kind: .limit, quantity: 10, limit: Price(raw: 100))
    router.send(limit, at: 1, venue: venue, position: 0, reference: 100, equity: 0)
    router.apply(VenueOrderUpdate(orderID: 1, time: 2, kind: .accepted, state: .open, remainingQuantity: 10))
    #expect(router.open.first?.state == .open)
    router.applyFill(Self.fill(1, quantity: 6, remaining: 4))
    #expect(router.open.first?.state == .partiallyFilled)
    #expect(router.open.first?.remaining == 4)
    router.applyFill(Self.fill(1, quantity: 4, remaining: 0))
    #expect(router.open.isEmpty)
  }
}
