import StratRuntime
import StratMarket

/// What a bar run records for `trades.csv` and `orders.csv` besides the ledger: per order and
/// per fill only, nothing per step (`equity.csv`'s cash and exposure are computed from the fills
/// and the series when it is written: `BarMarks`). The arrays are reserved before the loop.
struct BarAudit {
  /// One per ledger fill, in the same order.
  var traces: [FillTrace] = []
  var log = OrderLog()
  /// The current step, 1-based (the row of `equity.csv` it writes).
  var step = 0
  var nextOrderID: UInt64 = 1

  /// Reserves room for as many fills and log rows as there are steps: appending then never
  /// moves the arrays, and only the pages written are touched.
  mutating func reserve(steps: Int) {
    traces.reserveCapacity(steps)
    log.reserve(rows: steps)
  }

  /// Gives a sent order its id and logs it as submitted.
  mutating func send(_ order: inout OrderRecord) {
    order.id = nextOrderID
    nextOrderID += 1
    log.append(entry(order, .submitted, time: order.time, remaining: Int64(clamping: order.quantity.magnitude)))
  }

  /// Logs a full fill of `order` and traces it to bar number `event`.
  mutating func recordFill(_ order: OrderRecord, price: Price, time: Int64, event: Int) {
    var filled = entry(order, .filled, time: time, remaining: 0)
    filled.price = price
    log.append(filled)
    traces.append(FillTrace(orderID: order.id, decided: order.time, arrived: time, liquidity: .bar, event: event, step: step))
  }

  /// The log row of `event` for `order` (its units, limit and decision).
  func entry(
    _ order: OrderRecord, _ event: OrderLogEntry.Event, time: Int64, remaining: Int64? = nil,
    reason: OrderLogEntry.Reason = .none
  ) -> OrderLogEntry {
    OrderLogEntry(
      time: time, orderID: order.id, instrument: order.instrument, event: event,
      side: order.quantity > 0 ? 1 : order.quantity < 0 ? -1 : 0, quantity: Int64(clamping: order.quantity.magnitude),
      price: order.limit, remaining: remaining, reason: reason, decided: order.time, step: order.step)
  }
}

extension Simulation {
  /// Starts a step: numbers the bars it brings (`eventsBefore` were fed before it), in instrument
  /// order, as `Replay.feed` counts them.
  @inline(__always)
  mutating func beginStep(eventsBefore: Int) {
    audit.step += 1
    var number = eventsBefore
    for i in 0..<instrumentCount where rows[i] >= 0 {
      number += 1
      barEvent[i] = number
    }
  }
}
