import StratABI
import StratMarket

/// Turns a step's decisions into gateway orders (`DecisionTranslator`'s rule), after the
/// strategy's risk checks, and keeps the table of the strategy's open orders (sent and not yet
/// filled or cancelled, in flight included) from which `open_orders`, `open_buy` and `open_sell`
/// are read. Where orders rest:
/// - `replace`: nothing is sent when one order with that price and quantity already stands; one
///   order is amended; several are cancelled but the oldest, which is amended; none: a new order;
/// - `cancel`: cancels each open order of the side not already being cancelled.
package struct OrderRouter {
  package internal(set) var open: [OpenOrder] = []
  /// The id the next order gets: the OMS numbers its orders 1, 2, 3, … per session (FIX's
  /// ClOrdID), so an order is journaled under its id before any gateway sees it.
  package private(set) var nextOrderID: UInt64 = 1
  package var gate: RiskGate
  package var rejectedCounts = [Int](repeating: 0, count: RiskDenial.Code.allCases.count)
  package var rejections: [OrderRecord] = []
  /// Orders that ended cancelled: on request, IOC and market remainders, lack of liquidity.
  package var cancelledCount = 0
  /// The execution reports applied, by the venue's execution id: a repeat is dropped and counted.
  package var executions = ExecutionReportFilter()
  /// Orders the OMS itself ended — expired at the session's end, or lost by the venue (found by
  /// reconciliation) — with their last state; at most 10 000 kept.
  package internal(set) var retired: [OpenOrder] = []
  /// Orders that expired (day orders resting when the session ended).
  package internal(set) var expiredCount = 0
  /// Position and average price per (venue, instrument), from the fills of the table's orders.
  package internal(set) var positions: VenuePositions
  /// Every order's life and every denial (`orders.csv`) and the session's fill traces, in a box
  /// the copies share (see `BookAudit`).
  package let audit = BookAudit()
  /// The 1-based step now deciding (set before each step).
  package var step = 0
  package let instrumentCount: Int

  /// The one decision-to-order rule.
  var translator: DecisionTranslator
  /// The engine's checks before the strategy's limits: kill switch, stale feeds, open orders,
  /// duplicates (nothing is set in a backtest unless its limits say so).
  package var guards: OrderGuards

  /// A router for `interface`'s strategy, checking `limits` (default: its declared limits).
  package init(interface: StrategyInterface, limits: RiskLimitTable? = nil) {
    instrumentCount = interface.instruments.count
    translator = DecisionTranslator(instrumentCount: instrumentCount)
    gate = RiskGate(limits: limits ?? RiskLimitTable(interface.risk, instrumentCount: instrumentCount))
    guards = OrderGuards(instrumentCount: instrumentCount)
    positions = VenuePositions(instrumentCount: instrumentCount)
  }

  // MARK: - Decisions

  /// Routes a step's decisions (`DecisionTranslator`'s rule); `reference[i]` is instrument i's
  /// mark (mid, else last trade).
  package mutating func route<G: OrderGateway, W: OrderWriteAhead>(
    _ decisions: UnsafeBufferPointer<Decision>, count n: Int, at time: Int64,
    venue: G, writeAhead: W, position: [Int64], reference: [Int64], equity: Int64
  ) {
    translator.begin(decisions, count: n)
    for k in 0..<n {
      let intent = translator.intent(decisions[k], index: k, time: time, step: step) { i in
        position[i] &+ openQuantity(i)
      }
      switch intent {
      case .skip: break
      case .reject(var record, let denial): reject(&record, denial)
      case .cancel(let i, let side): cancel(instrument: i, side: side, at: time, venue: venue, writeAhead: writeAhead)
      case .replace(let record):
        if !amend(record, at: time, venue: venue, writeAhead: writeAhead) {
          send(
            record, at: time, venue: venue, writeAhead: writeAhead, position: position[record.instrument],
            reference: reference[record.instrument], equity: equity)
        }
      case .order(let record):
        send(
          record, at: time, venue: venue, writeAhead: writeAhead, position: position[record.instrument],
          reference: reference[record.instrument], equity: equity)
      }
    }
    translator.end(decisions, count: n)
  }

  /// Risk-checks a new order, numbers it, logs and persists its `submitted` row, then submits
  /// it; `reference` (the mid, else the last trade) prices the notional and price-band checks.
  package mutating func send(
    _ order: OrderRecord, at time: Int64, venue: some OrderGateway, venueIndex: Int = 0,
    writeAhead: some OrderWriteAhead = NoWriteAhead(), position: Int64, reference: Int64, equity: Int64
  ) {
    var record = order
    let i = order.instrument
    let referencePrice = reference > 0 ? reference : order.limit?.raw ?? -1
    guard referencePrice > 0 else { return reject(&record, .noReferencePrice) }
    if let denial = guards.denial(order, time: time, open: open.count, limits: gate.limits) {
      return reject(&record, denial)
    }
    if let denial = gate.denial(
      instrument: i, quantity: order.quantity, before: position &+ openQuantity(i),
      limit: order.limit?.raw, reference: referencePrice, time: time, equity: equity)
    {
      return reject(&record, denial)
    }
    gate.recordSent(time: time)
    guards.recordSent(order, time: time)
    let side: Side = order.quantity > 0 ? .buy : .sell
    let quantity = Int64(order.quantity.magnitude)
    var request: VenueOrderRequest =
      if let limit = order.limit {
        .limit(
          instrument: i, side: side, quantity: quantity, price: limit.raw,
          timeInForce: order.kind == .immediateOrCancel ? .immediateOrCancel : .day)
      } else {
        .market(instrument: i, side: side, quantity: quantity)
      }
    let id = nextOrderID
    nextOrderID += 1
    request.id = id
    audit.orderSteps.append(step)
    let row = entry(id, i, .submitted, side, quantity, order.limit, time, remaining: quantity)
    audit.log.append(row)
    guard writeAhead.persist(row) else { return }
    _ = venue.submit(request, decidedAt: time, reference: reference)
    open.append(OpenOrder(id: id, instrument: i, side: side, remaining: quantity, price: order.limit?.raw, venue: venueIndex))
  }

  /// Applies a `replace` to the side's open orders; false when there is none to amend.
  package mutating func amend(
    _ order: OrderRecord, at time: Int64, venue: some OrderGateway, writeAhead: some OrderWriteAhead
  ) -> Bool {
    let side: Side = order.quantity > 0 ? .buy : .sell
    let quantity = Int64(order.quantity.magnitude)
    func isMine(_ o: OpenOrder) -> Bool {
      o.instrument == order.instrument && o.side == side && !o.cancelling
    }
    guard let first = open.firstIndex(where: isMine) else { return false }
    let stands = open[first].price == order.limit?.raw && open[first].remaining == quantity
    let others = open[(first + 1)...].contains(where: isMine)
    if stands && !others { return true }
    // A replace sends requests: the same guards as a new order (the whole replace is denied).
    if let denial = guards.amendDenial(order, time: time, limits: gate.limits) {
      var record = order
      reject(&record, denial)
      return true
    }
    for k in (first + 1)..<open.count where isMine(open[k]) {
      requestCancel(k, at: time, venue: venue, writeAhead: writeAhead)
    }
    if stands { return true }
    let row = entry(open[first].id, order.instrument, .replaceRequested, side, quantity, order.limit, time)
    audit.log.append(row)
    guard writeAhead.persist(row) else { return true }
    venue.replace(orderID: open[first].id, quantity: quantity, price: order.limit!.raw, decidedAt: time)
    guards.recordSent(order, time: time)
    audit.requests.append((open[first].id, step, time))
    open[first].remaining = quantity
    open[first].price = order.limit?.raw
    return true
  }

  /// Cancels the instrument's open orders on `side` (both when nil).
  package mutating func cancel(
    instrument i: Int, side: Side?, at time: Int64, venue: some OrderGateway, writeAhead: some OrderWriteAhead
  ) {
    for k in open.indices where open[k].instrument == i && !open[k].cancelling && (side == nil || open[k].side == side) {
      requestCancel(k, at: time, venue: venue, writeAhead: writeAhead)
    }
  }

  /// Logs and persists a cancel for open order `k`, then sends it.
  package mutating func requestCancel(
    _ k: Int, at time: Int64, venue: some OrderGateway, writeAhead: some OrderWriteAhead
  ) {
    let o = open[k]
    let row = entry(o.id, o.instrument, .cancelRequested, o.side, o.remaining, o.price.map(Price.init(raw:)), time)
    audit.log.append(row)
    guard writeAhead.persist(row) else { return }
    venue.cancel(orderID: o.id, decidedAt: time)
    open[k].cancelling = true
    audit.requests.append((o.id, step, time))
  }

  /// A log row about order `id` decided now (at `time`, in the current step).
  package func entry(
    _ id: UInt64, _ instrument: Int, _ event: OrderLogEntry.Event, _ side: Side, _ quantity: Int64,
    _ price: Price?, _ time: Int64, remaining: Int64? = nil
  ) -> OrderLogEntry {
    OrderLogEntry(
      time: time, orderID: id, instrument: instrument, event: event, side: side == .buy ? 1 : -1,
      quantity: quantity, price: price, remaining: remaining, decided: time, step: step)
  }

  /// Signed quantity of the instrument's open orders.
  package func openQuantity(_ i: Int) -> Int64 {
    open.reduce(0) { $0 &+ ($1.instrument == i ? ($1.side == .buy ? $1.remaining : -$1.remaining) : 0) }
  }

  /// Writes open-order counts into the order state the strategy reads.
  package func publish(into state: inout OrderStateFeed) {
    guard state.isRead else { return }
    state.clearOpenOrders()
    for order in open {
      state.addOpenOrder(instrument: order.instrument, quantity: order.side == .buy ? order.remaining : -order.remaining)
    }
  }

  package mutating func reject(_ record: inout OrderRecord, _ denial: RiskDenial) {
    rejectedCounts[denial.code.index] += 1
    let q = record.quantity
    let row = OrderLogEntry(
      time: record.time, orderID: 0, instrument: record.instrument, event: .denied, side: q > 0 ? 1 : q < 0 ? -1 : 0,
      quantity: Int64(clamping: q.magnitude), price: record.limit, reason: .denial(denial.code), decided: record.time, step: step)
    audit.log.append(denied: row, denial)
    guard rejections.count < 10_000 else { return }
    record.denial = denial
    rejections.append(record)
  }
}
