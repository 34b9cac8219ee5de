import StratRuntime
import StratABI
import StratMarket

/// The simulated account and order book of one backtest in bar mode: turns decisions into
/// orders, checks them against the risk gate, fills them and books the fills. Everything here is
/// sized once; the per-step path allocates nothing (fills and rejections append to reserved
/// arrays).
///
/// Decisions become orders by `DecisionTranslator` (pending orders count as open). A limit
/// order fills only if the fill price is at or better than the limit (buy: price ≤ limit, sell:
/// price ≥ limit); otherwise it is cancelled (counted), never left resting — order-book fills
/// come with the venue model.
///
/// Per-instrument state read or written on every step lives in buffers this (noncopyable) value
/// owns, so the step loop does no reference counting or uniqueness checks.
struct Simulation: ~Copyable {
  let fill: FillMode
  let fees: FeeModel
  let instrumentCount: Int
  var gate: RiskGate
  var ledger: Ledger
  /// Last close per instrument (raw 1e-8), or −1 before its first bar.
  let lastClose: UnsafeMutableBufferPointer<Int64>
  /// Sum of pending order quantities per instrument.
  let pendingQuantity: UnsafeMutableBufferPointer<Int64>
  /// Orders waiting for the next bar of their instrument, in submission order.
  var pending: [OrderRecord] = []
  /// The one decision-to-order rule.
  var translator: DecisionTranslator
  /// Rejections per `RiskDenial.Code.index`.
  var rejectedCounts = [Int](repeating: 0, count: RiskDenial.Code.allCases.count)
  /// The first `rejectionLogLimit` rejections.
  var rejections: [OrderRecord] = []
  /// Orders cancelled: limits whose fill price was worse than the limit, and `cancel` decisions.
  var cancelled = 0
  /// Equity recorded at the end of the last step.
  var lastEquity: Int64 = 0
  /// Set when accounting would overflow; the run stops after the step.
  var failure: BacktestError?
  /// Position, average price, fills and open orders as the strategy sees them.
  var orderState: OrderStateFeed
  /// The audit trail (see `Simulation+Audit.swift`): one trace per ledger fill and the order
  /// life events, in reserved storage.
  var audit = BarAudit()
  /// Sequence number (1-based, merged bar stream) of each instrument's latest bar.
  let barEvent: UnsafeMutableBufferPointer<Int>
  /// The replay's current rows (owned by `Replay`; set by `Backtester.run`).
  var rows = UnsafeMutableBufferPointer<Int>(start: nil, count: 0)

  /// How many rejected orders are kept in detail (all are counted).
  static let rejectionLogLimit = 10_000

  /// Creates an empty account for `interface`'s instruments.
  init(interface: StrategyInterface, fill: FillMode, fees: FeeModel) {
    let count = interface.instruments.count
    self.fill = fill
    self.fees = fees
    instrumentCount = count
    gate = RiskGate(limits: interface.risk, instrumentCount: count)
    ledger = Ledger(instrumentCount: count)
    orderState = OrderStateFeed(instrumentCount: count, fieldsRead: interface.inputFields)
    lastClose = .allocate(capacity: count)
    lastClose.initialize(repeating: -1)
    pendingQuantity = .allocate(capacity: count)
    pendingQuantity.initialize(repeating: 0)
    translator = DecisionTranslator(instrumentCount: count)
    barEvent = .allocate(capacity: count)
    barEvent.initialize(repeating: 0)
    pending.reserveCapacity(64)
    rejections.reserveCapacity(64)
  }

  deinit {
    lastClose.deallocate()
    pendingQuantity.deallocate()
    barEvent.deallocate()
  }

  // MARK: - Per step

  /// Fills the pending orders of every instrument that has a bar now (`rows[i] ≥ 0`) at that
  /// bar's open, instrument by instrument, each in submission order.
  mutating func fillPending(time: Int64, rows: UnsafeMutableBufferPointer<Int>, opens: [[Price]]) {
    var filledAny = false
    for instrument in 0..<instrumentCount where rows[instrument] >= 0 {
      let open = opens[instrument][rows[instrument]]
      for k in 0..<pending.count
      where pending[k].instrument == instrument && pending[k].quantity != 0 {
        let order = pending[k]
        pendingQuantity[instrument] -= order.quantity
        pending[k].quantity = 0
        filledAny = true
        execute(order, price: open, time: time)
      }
    }
    if filledAny { pending.removeAll { $0.quantity == 0 } }
  }

  /// Turns one step's decisions into orders, in decision order (`DecisionTranslator`'s rule;
  /// on bars nothing rests, so a `replace` is a limit order good for the next fill price).
  mutating func process(_ decisions: UnsafeBufferPointer<Decision>, count: Int, time: Int64) {
    let n = min(count, decisions.count)
    translator.begin(decisions, count: n)
    for k in 0..<n {
      let intent = translator.intent(decisions[k], index: k, time: time, step: audit.step) { i in
        ledger.positions[i] &+ pendingQuantity[i]
      }
      switch intent {
      case .skip: break
      case .reject(let order, let denial): reject(order, denial)
      case .order(let order), .replace(let order): submit(order)
      case .cancel(let i, let side): cancelPending(instrument: i, side: side, time: time)
      }
    }
    translator.end(decisions, count: n)
  }

  /// Writes the order state into the executor's inputs (orders waiting for the next open are
  /// the open orders); does nothing when the strategy reads none of it.
  mutating func publishOrderState<E: StrategyExecutor>(to executor: E) {
    guard orderState.isRead else { return }
    orderState.clearOpenOrders()
    for order in pending { orderState.addOpenOrder(instrument: order.instrument, quantity: order.quantity) }
    orderState.publish(to: executor)
  }

  /// Withdraws orders still waiting for the next open on `side` (both when nil); in close mode
  /// nothing is ever waiting.
  mutating func cancelPending(instrument i: Int, side: Side?, time: Int64) {
    pending.removeAll { order in
      guard order.instrument == i, side == nil || (side == .buy) == (order.quantity > 0) else {
        return false
      }
      pendingQuantity[i] -= order.quantity
      cancelled += 1
      audit.log.append(audit.entry(order, .cancelled, time: time, remaining: 0, reason: .requested))
      return true
    }
  }

  /// Returns cash + Σ position × last close, or nil on overflow.
  @inline(__always)
  func equity() -> Int64? {
    var total = ledger.cash.raw
    for i in 0..<instrumentCount {
      let position = ledger.positions[i]
      if position == 0 { continue }
      let (value, o1) = position.multipliedReportingOverflow(by: lastClose[i])
      let (sum, o2) = total.addingReportingOverflow(value)
      if o1 || o2 { return nil }
      total = sum
    }
    return total
  }

  // MARK: - Orders

  /// Checks an order and then fills it now (close mode) or queues it (next-open mode).
  mutating func submit(_ order: OrderRecord) {
    var order = order
    let i = order.instrument
    let reference = lastClose[i]
    guard reference >= 0 else { return reject(order, .noReferencePrice) }
    let equityNow = gate.tracksDailyLoss ? equity() ?? .min : 0
    let denial = gate.denial(
      instrument: i,
      quantity: order.quantity,
      before: ledger.positions[i] &+ pendingQuantity[i],
      limit: order.limit?.raw,
      reference: reference,
      time: order.time,
      equity: equityNow
    )
    if let denial { return reject(order, denial) }
    gate.recordSent(time: order.time)
    audit.send(&order)
    switch fill {
    case .close:
      execute(order, price: Price(raw: reference), time: order.time)
    case .nextOpen, .venue:  // bars never run with the venue (BookBacktester does)
      pending.append(order)
      pendingQuantity[i] += order.quantity
    }
  }

  /// Fills an order at `price` (a limit order only at or better than its limit) and books it.
  mutating func execute(_ order: OrderRecord, price: Price, time: Int64) {
    if let limit = order.limit {
      let acceptable = order.quantity > 0 ? price <= limit : price >= limit
      guard acceptable else {
        cancelled += 1
        audit.log.append(audit.entry(order, .cancelled, time: time, remaining: 0, reason: .limitNotReached))
        return
      }
    }
    let (notional, o) = price.raw.multipliedReportingOverflow(by: order.quantity)
    guard !o, let fee = fees.fee(quantity: order.quantity, notional: notional) else {
      return fail(order, time: time)
    }
    do throws(FixedPointError) {
      try ledger.book(
        time: time,
        instrument: order.instrument,
        quantity: order.quantity,
        price: price,
        fee: Money(raw: fee)
      )
      orderState.recordFill(instrument: order.instrument, quantity: order.quantity, price: price.raw)
      audit.recordFill(order, price: price, time: time, event: barEvent[order.instrument])
    } catch {
      fail(order, time: time)
    }
  }

  /// Counts and records a rejected order.
  mutating func reject(_ order: OrderRecord, _ denial: RiskDenial) {
    rejectedCounts[denial.code.index] += 1
    audit.log.append(denied: audit.entry(order, .denied, time: order.time, reason: .denial(denial.code)), denial)
    guard rejections.count < Self.rejectionLogLimit else { return }
    var record = order
    record.denial = denial
    rejections.append(record)
  }

  /// Stops the run: a fill's amounts do not fit in 64-bit fixed point.
  mutating func fail(_ order: OrderRecord, time: Int64) {
    guard failure == nil else { return }
    failure = BacktestError(
      id: "backtest.overflow",
      message: "expected amounts within ±92233720368.54775807; the fill of \(order.quantity) "
        + "units of instrument \(order.instrument) at \(Timestamp.iso8601(time)) overflows",
      notes: ["check the data's prices and the strategy's quantities"]
    )
  }
}
