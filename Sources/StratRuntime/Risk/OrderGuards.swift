import StratMarket

/// The checks an order passes before the strategy's limits, which a live engine sets: the kill
/// switch, stale feeds, the number of open orders and the duplicate-order guard. Sized once; the
/// per-order path allocates nothing.
package struct OrderGuards: Sendable {
  /// On: every new order is denied (cancels still go out) until an operator resumes.
  package var killed = false
  /// Instruments whose feed has an unrecovered gap.
  package var stale: [Bool]
  /// The last order sent per instrument (time, signed quantity, limit or −1 for market).
  private var last: [(time: Int64, quantity: Int64, price: Int64)]

  package init(instrumentCount: Int) {
    stale = Array(repeating: false, count: instrumentCount)
    last = Array(repeating: (.min, 0, 0), count: instrumentCount)
  }

  /// Why `order` must not go out, or nil; `open` is the number of open orders now (nil: the
  /// request adds no order, so the open-order limit does not apply).
  @inline(__always)
  package func denial(_ order: OrderRecord, time: Int64, open: Int?, limits: RiskLimitTable) -> RiskDenial? {
    if killed { return .killSwitch }
    let i = order.instrument
    if stale[i] { return .staleFeed }
    if let open, let maxOpen = limits.maxOpenOrders, open >= maxOpen { return .maxOpenOrders(limit: maxOpen, open: open) }
    if let window = limits.duplicateWindowNanos {
      let previous = last[i]
      let (age, overflow) = time.subtractingReportingOverflow(previous.time)
      if !overflow, age < window, previous.quantity == order.quantity, previous.price == (order.limit?.raw ?? -1) {
        return .duplicateOrder(windowNanos: window)
      }
    }
    return nil
  }

  /// Why a replace (an amend of a standing order to `order`'s quantity and price) must not go
  /// out: the kill switch, a stale feed and the duplicate guard, as for a new order. The
  /// open-order limit does not apply: an amend changes an order in place (and the cancels of the
  /// side's other orders only lower the count).
  @inline(__always)
  package func amendDenial(_ order: OrderRecord, time: Int64, limits: RiskLimitTable) -> RiskDenial? {
    denial(order, time: time, open: nil, limits: limits)
  }

  /// Remembers a sent order (or amend) for the duplicate guard.
  @inline(__always)
  package mutating func recordSent(_ order: OrderRecord, time: Int64) {
    last[order.instrument] = (time, order.quantity, order.limit?.raw ?? -1)
  }
}
