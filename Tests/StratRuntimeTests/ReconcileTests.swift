import StratABI
import StratMarket
import Testing
@testable import StratRuntime

/// Reconciliation: the OMS's open orders against the venue's, after a recovery.
@Suite struct ReconcileTests {
  /// A venue that lost one of our orders and holds one the OMS never sent (or forgot).
  final class LosingGateway: OrderGateway {
    var known: [VenueOrderStatus] = []
    var lost: UInt64 = 0
    var cancelled: [UInt64] = []
    func submit(_ order: VenueOrderRequest, decidedAt: Int64) -> UInt64 {
      if order.id != lost { known.append(VenueOrderStatus(id: order.id, request: order, decidedAt: decidedAt, arrivalTime: decidedAt)) }
      return order.id
    }
    func cancel(orderID: UInt64, decidedAt: Int64) { cancelled.append(orderID) }
    func replace(orderID: UInt64, quantity: Int64, price: Int64, decidedAt: Int64) {}
    func openOrders() -> [VenueOrderStatus] { known }
  }

  @Test func anOrderTheVenueLostIsMarkedAndOneTheOMSDoesNotKnowIsCancelled() {
    var router = VenuePositionsTests.router()
    let venue = LosingGateway()
    venue.lost = 2
    for quantity in [10, 20, 30] as [Int64] {
      let order = OrderRecord(time: 1, instrument: 0, kind: .limit, quantity: quantity, limit: Price(raw: 100))
      router.send(order, at: 1, venue: venue, position: 0, reference: 100, equity: 0)
    }
    venue.known.append(VenueOrderStatus(
      id: 77, request: .limit(instrument: 1, side: .sell, quantity: 5, price: 200), decidedAt: 0, arrivalTime: 0))
    let found = router.reconcile(with: venue, at: 9)
    #expect(found.venueOrders == 3 && found.omsOrders == 3)
    #expect(found.unknownAtVenue == [2])
    #expect(found.unknownToOMS == [77])
    #expect(venue.cancelled == [77])
    #expect(router.open.map(\.id) == [1, 3])
    #expect(router.retired.map(\.id) == [2])
    #expect(router.retired.map(\.state) == [.unknownAtVenue])
    // The lost order no longer counts as open quantity (it can never fill).
    #expect(router.openQuantity(0) == 40)
  }

  @Test func aVenueAndOMSThatAgreeFindNothing() throws {
    let session = BookReplay.replay(
      SmallDay.events, session: try SmallDay.session(), executor: ScriptedStrategy(SmallDay.script),
      interval: 1 << 20, progress: nil)
    var router = session.router
    #expect(session.venue.openOrders().map(\.id) == [5])
    let found = router.reconcile(with: session.venue, at: 8_000)
    #expect(found.venueOrders == 1 && found.omsOrders == 1)
    #expect(found.unknownAtVenue.isEmpty && found.unknownToOMS.isEmpty)
    #expect(router.open.map(\.id) == [5])
  }
}
