import StratMarket

/// What a bar run records for `trades.csv`, `orders.csv` and `equity.csv` besides the ledger.
/// Every array is reserved before the loop, so recording allocates nothing per step (the order
/// log grows only when a run makes more orders than its first reserve).
struct BarAudit {
  /// One per ledger fill, in the same order.
  var traces: [FillTrace] = []
  var log = OrderLog()
  /// Cash and Σ |position × last close| after each step.
  var cash: [Money] = []
  var gross: [Money] = []
  /// The current step, 1-based (the row of `equity.csv` it writes).
  var step = 0
  var nextOrderID: UInt64 = 1

  /// Reserves room for `steps` steps.
  mutating func reserve(steps: Int) {
    cash.reserveCapacity(steps)
    gross.reserveCapacity(steps)
    traces.reserveCapacity(1_024)
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
    traces.append(FillTrace(orderID: order.id, decided: order.time, arrived: time, liquidity: .bar, event: event))
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

  /// Returns the equity after the step (nil on overflow) and records cash and gross exposure.
  @inline(__always)
  mutating func recordEquity() -> Int64? {
    var market: Int64 = 0
    var gross: Int64 = 0
    for i in 0..<instrumentCount {
      let position = ledger.positions[i]
      if position == 0 { continue }
      let (value, o1) = position.multipliedReportingOverflow(by: lastClose[i])
      let (sum, o2) = market.addingReportingOverflow(value)
      let (all, o3) = gross.addingReportingOverflow(Int64(clamping: value.magnitude))
      if o1 || o2 || o3 || value == .min { return nil }
      market = sum
      gross = all
    }
    let (total, o) = ledger.cash.raw.addingReportingOverflow(market)
    if o { return nil }
    audit.cash.append(ledger.cash)
    audit.gross.append(Money(raw: gross))
    return total
  }
}
