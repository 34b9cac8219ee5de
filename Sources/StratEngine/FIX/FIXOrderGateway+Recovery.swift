import StratRuntime

extension FIXOrderGateway {
  /// While a recovery replays the journal: the OMS's requests rebuild the gateway's table (ids,
  /// amendment numbers, prices) without going out; they went out before the crash, or never.
  func restore(submit order: VenueOrderRequest, decidedAt: Int64) { register(order, decidedAt: decidedAt) }
  func restore(cancel orderID: UInt64) { _ = amendment(of: orderID) }
  func restore(replace orderID: UInt64, price: Int64) { _ = amendment(of: orderID, replacingAt: price) }

  /// A journaled batch of reports, applied to the table as when they first arrived: fills add
  /// up, a replace's ack takes its price and ClOrdID, and every execution id is marked seen (so
  /// the venue's resend of it is dropped).
  func replay(_ report: VenueReport) {
    locked {
      for fill in report.fills { _ = seen.isFirst(fill.executionID) }
      for update in report.updates { _ = seen.isFirst(update.executionID) }
      book(report)
    }
  }

  /// Books drained reports into the table (the inbox lock held).
  func book(_ report: VenueReport) {
    for fill in report.fills {
      orders[fill.orderID]?.filled += fill.quantity
      if orders[fill.orderID]?.arrivedAt == 0 { orders[fill.orderID]?.arrivedAt = fill.time }
    }
    for update in report.updates {
      if orders[update.orderID]?.arrivedAt == 0 { orders[update.orderID]?.arrivedAt = update.time }
      if case .replaced = update.kind, let replace = replacing.removeValue(forKey: update.orderID) {
        orders[update.orderID]?.price = replace.price
        orders[update.orderID]?.clOrdID = replace.clOrdID
      }
    }
  }
}
