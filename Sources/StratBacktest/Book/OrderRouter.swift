import StratABI
import StratMarket

/// Turns a step's decisions into venue orders, after the strategy's risk checks, and keeps the
/// table of the strategy's open orders (sent and not yet filled or cancelled, in flight included)
/// from which `open_orders`, `open_buy` and `open_sell` are read.
///
/// - `target x = q`: a market order for q − (position + open buys − open sells), only the last
///   target of an instrument in a step;
/// - `buy`/`sell` market, limit and `ioc`: one new order each;
/// - `replace`: the side's open orders become one order — nothing is sent when one order with
///   that price and quantity already stands; one order is amended; several are cancelled but
///   the oldest, which is amended; none: a new order;
/// - `cancel`: cancels each open order of the side not already being cancelled.
struct OrderRouter {
  struct OpenOrder {
    var id: UInt64
    var instrument: Int
    var side: Side
    var remaining: Int64
    var price: Int64?
    var cancelling: Bool
  }

  private(set) var open: [OpenOrder] = []
  var gate: RiskGate
  var rejectedCounts = [Int](repeating: 0, count: RiskDenial.Code.allCases.count)
  var rejections: [OrderRecord] = []
  /// Orders that ended cancelled: on request, IOC and market remainders, lack of liquidity.
  var cancelledCount = 0
  /// Every order's life and every denial (`orders.csv`) and the session's fill traces, in a box
  /// the copies share (see `BookAudit`).
  let audit = BookAudit()
  /// The 1-based step now deciding (set before each step).
  var step = 0
  let instrumentCount: Int

  init(interface: StrategyInterface) {
    instrumentCount = interface.instruments.count
    gate = RiskGate(limits: interface.risk, instrumentCount: instrumentCount)
  }

  // MARK: - Decisions

  /// Routes a step's decisions; `reference[i]` is instrument i's mark (mid, else last trade).
  mutating func route(
    _ decisions: UnsafeBufferPointer<Decision>.SubSequence, at time: Int64,
    venue: SimulatedVenue, position: [Int64], reference: [Int64], equity: Int64
  ) {
    // Integer indices: `zip(decisions.indices, decisions)` went through unspecialised generic
    // Slice code (tuple metadata lookups), 8 % of the LOBSTER-day loop.
    for k in decisions.startIndex..<decisions.endIndex {
      let d = decisions[k]
      let i = Int(d.instrument)
      var record = OrderRecord(time: time, instrument: i, kind: d.kind, quantity: 0)
      guard i >= 0 && i < instrumentCount else { reject(&record, .unknownInstrument(d.instrument)); continue }
      if d.kind == .target, Self.hasTarget(in: decisions, after: k, for: d.instrument) { continue }
      guard let units = d.wholeUnits else { reject(&record, .invalidQuantity(d.quantity)); continue }
      switch d.kind {
      case .cancel:
        cancel(instrument: i, side: units > 0 ? .buy : units < 0 ? .sell : nil, at: time, venue: venue)
        continue
      case .target:
        record.quantity = units &- position[i] &- openQuantity(i)
      case .market:
        record.quantity = units
      case .limit, .immediateOrCancel, .replace:
        guard d.price.isFinite, d.price > 0, let price = Price(rounding: d.price), price.raw > 0 else {
          record.quantity = units
          reject(&record, .invalidPrice(d.price))
          continue
        }
        record.quantity = units
        record.limit = price
      }
      if record.quantity == 0 { continue }
      if d.kind == .replace, amend(record, at: time, venue: venue) { continue }
      send(record, at: time, venue: venue, position: position[i], reference: reference[i], equity: equity)
    }
  }

  /// True when a decision after index `k` is also a target of `instrument` (only the last counts).
  static func hasTarget(
    in decisions: UnsafeBufferPointer<Decision>.SubSequence, after k: Int, for instrument: Int32
  ) -> Bool {
    var j = k + 1
    while j < decisions.endIndex {
      if decisions[j].kind == .target && decisions[j].instrument == instrument { return true }
      j += 1
    }
    return false
  }

  /// Risk-checks and submits a new order; `reference` (the mid, else the last trade) prices the
  /// notional and price-band checks.
  mutating func send(
    _ order: OrderRecord, at time: Int64, venue: SimulatedVenue, position: Int64,
    reference: Int64, equity: Int64
  ) {
    var record = order
    let i = order.instrument
    let referencePrice = reference > 0 ? reference : order.limit?.raw ?? -1
    guard referencePrice > 0 else { return reject(&record, .noReferencePrice) }
    if let denial = gate.denial(
      instrument: i, quantity: order.quantity, before: position &+ openQuantity(i),
      limit: order.limit?.raw, reference: referencePrice, time: time, equity: equity)
    {
      return reject(&record, denial)
    }
    gate.recordSent(time: time)
    let side: Side = order.quantity > 0 ? .buy : .sell
    let quantity = Int64(order.quantity.magnitude)
    let request: VenueOrderRequest =
      if let limit = order.limit {
        .limit(
          instrument: i, side: side, quantity: quantity, price: limit.raw,
          timeInForce: order.kind == .immediateOrCancel ? .immediateOrCancel : .day)
      } else {
        .market(instrument: i, side: side, quantity: quantity)
      }
    let id = venue.submit(request, decidedAt: time)
    audit.orderSteps.append(step)
    audit.log.append(entry(id, i, .submitted, side, quantity, order.limit, time, remaining: quantity))
    open.append(OpenOrder(id: id, instrument: i, side: side, remaining: quantity, price: order.limit?.raw, cancelling: false))
  }

  /// Applies a `replace` to the side's open orders; false when there is none to amend.
  mutating func amend(_ order: OrderRecord, at time: Int64, venue: SimulatedVenue) -> Bool {
    let side: Side = order.quantity > 0 ? .buy : .sell
    let quantity = Int64(order.quantity.magnitude)
    func isMine(_ o: OpenOrder) -> Bool {
      o.instrument == order.instrument && o.side == side && !o.cancelling
    }
    guard let first = open.firstIndex(where: isMine) else { return false }
    for k in (first + 1)..<open.count where isMine(open[k]) {
      requestCancel(k, at: time, venue: venue)
    }
    if open[first].price == order.limit?.raw && open[first].remaining == quantity { return true }
    venue.replace(orderID: open[first].id, quantity: quantity, price: order.limit!.raw, decidedAt: time)
    audit.log.append(entry(open[first].id, order.instrument, .replaceRequested, side, quantity, order.limit, time))
    audit.requests.append((open[first].id, step, time))
    open[first].remaining = quantity
    open[first].price = order.limit?.raw
    return true
  }

  /// Cancels the instrument's open orders on `side` (both when nil).
  mutating func cancel(instrument i: Int, side: Side?, at time: Int64, venue: SimulatedVenue) {
    for k in open.indices where open[k].instrument == i && !open[k].cancelling && (side == nil || open[k].side == side) {
      requestCancel(k, at: time, venue: venue)
    }
  }

  /// Sends a cancel for open order `k` and logs the request.
  mutating func requestCancel(_ k: Int, at time: Int64, venue: SimulatedVenue) {
    venue.cancel(orderID: open[k].id, decidedAt: time)
    open[k].cancelling = true
    audit.requests.append((open[k].id, step, time))
    let o = open[k]
    audit.log.append(entry(o.id, o.instrument, .cancelRequested, o.side, o.remaining, o.price.map(Price.init(raw:)), time))
  }

  /// A log row about order `id` decided now (at `time`, in the current step).
  func entry(
    _ id: UInt64, _ instrument: Int, _ event: OrderLogEntry.Event, _ side: Side, _ quantity: Int64,
    _ price: Price?, _ time: Int64, remaining: Int64? = nil
  ) -> OrderLogEntry {
    OrderLogEntry(
      time: time, orderID: id, instrument: instrument, event: event, side: side == .buy ? 1 : -1,
      quantity: quantity, price: price, remaining: remaining, decided: time, step: step)
  }

  // MARK: - Venue feedback

  /// Follows the venue's report on one of our orders.
  mutating func apply(_ update: VenueOrderUpdate) {
    if case .cancelled = update.kind { cancelledCount += 1 }
    guard let k = open.firstIndex(where: { $0.id == update.orderID }) else { return }
    if update.state.isFinal {
      open.remove(at: k)
    } else {
      open[k].remaining = update.remainingQuantity
    }
  }

  /// Follows a fill of one of our orders: a filled order leaves the table.
  mutating func applyFill(orderID: UInt64, remaining: Int64) {
    guard let k = open.firstIndex(where: { $0.id == orderID }) else { return }
    if remaining == 0 { open.remove(at: k) } else { open[k].remaining = remaining }
  }

  /// Signed quantity of the instrument's open orders.
  func openQuantity(_ i: Int) -> Int64 {
    open.reduce(0) { $0 &+ ($1.instrument == i ? ($1.side == .buy ? $1.remaining : -$1.remaining) : 0) }
  }

  /// Writes open-order counts into the order state the strategy reads.
  func publish(into state: inout OrderStateFeed) {
    guard state.isRead else { return }
    state.clearOpenOrders()
    for order in open {
      state.addOpenOrder(instrument: order.instrument, quantity: order.side == .buy ? order.remaining : -order.remaining)
    }
  }

  mutating func reject(_ record: inout OrderRecord, _ denial: RiskDenial) {
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
