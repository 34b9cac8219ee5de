import StratMarket

/// What reconciling the OMS's table with the venue's open orders found.
package struct Reconciliation: Sendable, Equatable {
  /// Orders the venue reported as not final.
  package var venueOrders = 0
  /// Orders in the OMS's table before.
  package var omsOrders = 0
  /// Open in the OMS, unknown to the venue: marked `unknownAtVenue` and taken out of the table.
  package var unknownAtVenue: [UInt64] = []
  /// Open at the venue, unknown to the OMS: cancelled.
  package var unknownToOMS: [UInt64] = []

  package init() {}
}

extension OrderRouter {
  /// Compares the OMS's open orders with the venue's (after a recovery, when the OMS's table was
  /// rebuilt from the journal and the venue may have moved on): an order the venue does not know
  /// can never fill, so it leaves the table as `unknownAtVenue` (kept in `retired`); an order
  /// the OMS does not know is cancelled at `time`. Not on the hot path (it allocates).
  /// `theirs`: the venue's open orders when the caller asked already (nil: asked here).
  package mutating func reconcile(with venue: some OrderGateway, theirs asked: [VenueOrderStatus]? = nil, at time: Int64) -> Reconciliation {
    var found = Reconciliation()
    let theirs = asked ?? venue.openOrders()
    found.venueOrders = theirs.count
    found.omsOrders = open.count
    let venueIDs = Set(theirs.map(\.id))
    // An order the OMS closed since the venue answered (a fill booked just now) is known to it.
    let omsIDs = Set(open.map(\.id) + retired.map(\.id))
    found.unknownAtVenue = open.map(\.id).filter { !venueIDs.contains($0) }
    retireUnknownAtVenue(found.unknownAtVenue)
    for order in theirs where !omsIDs.contains(order.id) {
      venue.cancel(orderID: order.id, decidedAt: time)
      found.unknownToOMS.append(order.id)
    }
    return found
  }

  /// Takes orders `ids` out of the table as `unknownAtVenue` (a reconciliation's finding, or a
  /// recovery applying a journaled one).
  package mutating func retireUnknownAtVenue(_ ids: [UInt64]) {
    guard !ids.isEmpty else { return }
    let gone = Set(ids)
    var kept: [OpenOrder] = []
    for var order in open {
      if gone.contains(order.id) {
        order.state = .unknownAtVenue
        retire(order)
      } else {
        kept.append(order)
      }
    }
    open = kept
  }
}
