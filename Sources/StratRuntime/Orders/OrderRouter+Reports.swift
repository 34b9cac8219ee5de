import StratMarket

extension OrderRouter {
  // MARK: - Venue feedback (each report once: `BookSession.dropRepeatedReports`)

  /// Follows the venue's report on one of our orders.
  package mutating func apply(_ update: VenueOrderUpdate) {
    if case .cancelled = update.kind { cancelledCount += 1 }
    guard let k = open.firstIndex(where: { $0.id == update.orderID }) else { return }
    if update.state.isFinal {
      open.remove(at: k)
    } else {
      if case .accepted = update.kind { open[k].state = .open }
      open[k].remaining = update.remainingQuantity
    }
  }

  /// Follows a fill of one of our orders: books it on the order's venue, and a filled order
  /// leaves the table.
  package mutating func applyFill(_ fill: VenueFill) {
    let k = open.firstIndex { $0.id == fill.orderID }
    let venue = k.map { open[$0].venue } ?? 0
    positions.record(venue: venue, instrument: fill.instrument, quantity: fill.signedQuantity, price: fill.price)
    guard let k else { return }
    if fill.remainingQuantity == 0 {
      open.remove(at: k)
    } else {
      open[k].remaining = fill.remainingQuantity
      open[k].state = .partiallyFilled
    }
  }

  // MARK: - Session end

  /// Ends the day: every limit order still in the table (a day order resting at the venue when
  /// the session ends; market and IOC orders never rest) becomes `expired` and leaves the table.
  /// Returns how many. The engine calls it after the last event; a backtest reports them as
  /// unfilled instead (`summary.json`), and `orders.csv` has no row for either.
  @discardableResult
  package mutating func expireDayOrders() -> Int {
    var kept: [OpenOrder] = []
    for var order in open {
      guard order.price != nil else {
        kept.append(order)
        continue
      }
      order.state = .expired
      retire(order)
    }
    let expired = open.count - kept.count
    open = kept
    expiredCount += expired
    return expired
  }

  /// Keeps an order the OMS ended itself (bounded).
  mutating func retire(_ order: OpenOrder) {
    if retired.count < 10_000 { retired.append(order) }
  }
}
