import StratABI
import StratMarket
import Testing
@testable import StratRuntime

/// Journal before send: the OMS numbers each order and hands every request's row to the
/// write-ahead before the gateway sees the request; a refused write-ahead sends nothing.
@Suite struct WriteAheadTests {
  /// Rows persisted, in order; `accepts` false refuses them.
  final class Sink: OrderWriteAhead {
    var rows: [OrderLogEntry] = []
    var accepts = true
    func persist(_ row: OrderLogEntry) -> Bool {
      rows.append(row)
      return accepts
    }
  }

  /// A gateway that notes, for each request, whether the sink already held its row.
  final class CheckingGateway: OrderGateway {
    let sink: Sink
    var seen: [(request: String, id: UInt64, persistedFirst: Bool)] = []
    init(sink: Sink) { self.sink = sink }

    func persisted(_ id: UInt64, _ event: OrderLogEntry.Event) -> Bool {
      sink.rows.last.map { $0.orderID == id && $0.event == event } ?? false
    }
    func submit(_ order: VenueOrderRequest, decidedAt: Int64) -> UInt64 {
      seen.append(("new", order.id, persisted(order.id, .submitted)))
      return order.id
    }
    func cancel(orderID: UInt64, decidedAt: Int64) {
      seen.append(("cancel", orderID, persisted(orderID, .cancelRequested)))
    }
    func replace(orderID: UInt64, quantity: Int64, price: Int64, decidedAt: Int64) {
      seen.append(("replace", orderID, persisted(orderID, .replaceRequested)))
    }
    func openOrders() -> [VenueOrderStatus] { [] }
  }

  static let price: Int64 = 100 * 100_000_000

  static func router() -> OrderRouter {
    let interface = StrategyInterface(
      name: "t", instruments: [InstrumentBinding(name: "s", symbol: "S")], params: [], stateBytes: 0,
      risk: RiskLimits())
    var table = RiskLimitTable(instrumentCount: 1)
    table.maxPosition = [1_000]
    return OrderRouter(interface: interface, limits: table)
  }

  static func limit(_ quantity: Int64, at price: Int64 = Self.price) -> OrderRecord {
    OrderRecord(time: 5, instrument: 0, kind: .limit, quantity: quantity, limit: Price(raw: price))
  }

  @Test func everyRequestIsPersistedBeforeTheGatewaySeesIt() {
    var router = Self.router()
    let sink = Sink()
    let gateway = CheckingGateway(sink: sink)
    router.send(Self.limit(10), at: 5, venue: gateway, writeAhead: sink, position: 0, reference: Self.price, equity: 0)
    router.send(Self.limit(-10, at: Self.price + 1), at: 6, venue: gateway, writeAhead: sink, position: 0, reference: Self.price, equity: 0)
    let amended = router.amend(Self.limit(20, at: Self.price - 1), at: 7, venue: gateway, writeAhead: sink)
    #expect(amended)
    router.cancel(instrument: 0, side: .sell, at: 8, venue: gateway, writeAhead: sink)
    #expect(gateway.seen.map(\.request) == ["new", "new", "replace", "cancel"])
    #expect(gateway.seen.map(\.id) == [1, 2, 1, 2])
    #expect(gateway.seen.map(\.persistedFirst) == [true, true, true, true])
    #expect(sink.rows.map(\.event) == [.submitted, .submitted, .replaceRequested, .cancelRequested])
  }

  @Test func theOMSNumbersOrdersOneTwoThreeAndADenialGetsNoNumber() {
    var router = Self.router()
    let sink = Sink()
    let gateway = CheckingGateway(sink: sink)
    router.send(Self.limit(10), at: 5, venue: gateway, writeAhead: sink, position: 0, reference: Self.price, equity: 0)
    router.send(Self.limit(5_000), at: 5, venue: gateway, writeAhead: sink, position: 0, reference: Self.price, equity: 0)
    router.send(Self.limit(-3), at: 5, venue: gateway, writeAhead: sink, position: 0, reference: Self.price, equity: 0)
    #expect(router.rejectedCounts.reduce(0, +) == 1)
    #expect(gateway.seen.map(\.id) == [1, 2])
    #expect(router.open.map(\.id) == [1, 2])
    #expect(router.nextOrderID == 3)
  }

  @Test func aRefusedWriteAheadSendsNothing() {
    var router = Self.router()
    let sink = Sink()
    let gateway = CheckingGateway(sink: sink)
    router.send(Self.limit(10), at: 5, venue: gateway, writeAhead: sink, position: 0, reference: Self.price, equity: 0)
    sink.accepts = false
    router.send(Self.limit(7), at: 6, venue: gateway, writeAhead: sink, position: 0, reference: Self.price, equity: 0)
    router.cancel(instrument: 0, side: nil, at: 7, venue: gateway, writeAhead: sink)
    #expect(gateway.seen.map(\.request) == ["new"])
    #expect(router.open.map(\.id) == [1])
    #expect(router.open.first?.cancelling == false)
  }

  @Test func theSimulatedVenueUsesTheIDItIsGiven() throws {
    let venue = try SimulatedVenue(config: VenueConfig(), instrumentCount: 1)
    var request = VenueOrderRequest.limit(instrument: 0, side: .buy, quantity: 5, price: Self.price)
    request.id = 1
    #expect(venue.submit(request, decidedAt: 0) == 1)
    request.id = 41
    #expect(venue.submit(request, decidedAt: 0) == 41)
    #expect(venue.order(41)?.id == 41)
    #expect(venue.order(2) == nil)
    #expect(venue.order(1)?.id == 1)
  }
}
