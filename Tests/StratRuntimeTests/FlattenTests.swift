import StratABI
import StratMarket
import Testing
@testable import StratRuntime

/// The kill switch's flatten: the one order that passes the kill switch, always reducing,
/// within the order-quantity and notional limits.
@Suite struct FlattenTests {
  final class Gateway: OrderGateway {
    var submitted: [VenueOrderRequest] = []
    func submit(_ order: VenueOrderRequest, decidedAt: Int64) -> UInt64 {
      submitted.append(order)
      return UInt64(submitted.count)
    }
    func cancel(orderID: UInt64, decidedAt: Int64) {}
    func replace(orderID: UInt64, quantity: Int64, price: Int64, decidedAt: Int64) {}
    func openOrders() -> [VenueOrderStatus] { [] }
  }

  static let price: Int64 = 500 * 100_000_000

  static func router(maxOrder: Int64 = .max, notional: String? = nil) -> OrderRouter {
    let interface = StrategyInterface(
      name: "t", instruments: [InstrumentBinding(name: "s", symbol: "S")], params: [], stateBytes: 0,
      risk: RiskLimits())
    var table = RiskLimitTable(instrumentCount: 1)
    table.maxOrderQuantity = maxOrder
    table.maxOrderNotional = notional.map { try! Money($0) }
    table.maxPosition = [100]
    var router = OrderRouter(interface: interface, limits: table)
    router.guards.killed = true
    return router
  }

  @Test func aFlattenOrderPassesTheKillSwitchAndNothingElseDoes() {
    var router = Self.router()
    let venue = Gateway()
    router.send(OrderRecord(time: 1, instrument: 0, kind: .market, quantity: -50), at: 1, venue: venue, position: 80, reference: Self.price, equity: 0)
    #expect(venue.submitted.isEmpty)
    #expect(router.rejectedCounts[RiskDenial.Code.killSwitch.index] == 1)
    #expect(router.sendFlatten(instrument: 0, position: 80, at: 2, venue: venue, reference: Self.price, equity: 0) == -80)
    var flatten = VenueOrderRequest.market(instrument: 0, side: .sell, quantity: 80)
    flatten.id = 1  // the OMS's number: the denied order before it got none
    #expect(venue.submitted == [flatten])
    #expect(router.guards.killed)
  }

  @Test func aFlattenWaitsUntilNothingOfTheInstrumentIsOpen() {
    var router = Self.router()
    let venue = Gateway()
    #expect(router.sendFlatten(instrument: 0, position: -30, at: 1, venue: venue, reference: Self.price, equity: 0) == 30)
    #expect(router.sendFlatten(instrument: 0, position: -30, at: 2, venue: venue, reference: Self.price, equity: 0) == 0)
    #expect(venue.submitted.count == 1)
    #expect(router.sendFlatten(instrument: 0, position: 0, at: 3, venue: venue, reference: Self.price, equity: 0) == 0)
  }

  @Test func aFlattenIsCutToTheQuantityAndNotionalLimits() {
    var byQuantity = Self.router(maxOrder: 25)
    #expect(byQuantity.sendFlatten(instrument: 0, position: 80, at: 1, venue: Gateway(), reference: Self.price, equity: 0) == -25)
    // 10,000 at 500 a unit: 20 units.
    var byNotional = Self.router(maxOrder: 25, notional: "10000")
    #expect(byNotional.sendFlatten(instrument: 0, position: -80, at: 1, venue: Gateway(), reference: Self.price, equity: 0) == 20)
  }

  @Test func aFlattenStillMeetsTheOtherChecks() {
    var router = Self.router()
    let venue = Gateway()
    // No price to value it at: denied like any order, and counted.
    #expect(router.sendFlatten(instrument: 0, position: 10, at: 1, venue: venue, reference: 0, equity: 0) == 0)
    #expect(router.rejectedCounts[RiskDenial.Code.noReferencePrice.index] == 1)
    #expect(venue.submitted.isEmpty)
  }
}
