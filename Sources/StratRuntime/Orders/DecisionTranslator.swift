import StratABI
import StratMarket

/// What one decision asks of the order layer.
package enum OrderIntent {
  /// Nothing to send: a zero quantity, or a target that a later target of the step replaces.
  case skip
  /// A malformed decision, refused before any risk check.
  case reject(OrderRecord, RiskDenial)
  /// A new order (signed quantity; a limit price for limit, IOC and replace decisions).
  case order(OrderRecord)
  /// Make the side's open orders this one order (where nothing rests, it is a limit order).
  case replace(OrderRecord)
  /// Cancel the instrument's open orders on `side` (both when nil).
  case cancel(instrument: Int, side: Side?)
}

/// The one rule that turns a step's decisions into orders, used by bar runs, book runs and the
/// live engine, so a strategy orders the same way on every path:
/// - quantities are `Decision.wholeUnits`; nil is refused (`invalidQuantity`);
/// - `target x = q`: an order for q − (position + open quantity), only for the last target of an
///   instrument in the step, at that decision's place; an overflow is refused (`overflow`);
/// - market, limit, IOC: an order of the signed quantity; a limit price must be finite and
///   positive after rounding to 1e-8 (`invalidPrice`);
/// - `replace`: the side's open orders become one order;
/// - `cancel`: buys when the quantity is > 0, sells when < 0, both when 0;
/// - zero quantities are not sent.
/// `begin` and `end` bracket each step (they mark each instrument's last target in place).
package struct DecisionTranslator {
  package let instrumentCount: Int
  /// Index of each instrument's last target in the current step, or −1.
  private var lastTarget: [Int]

  package init(instrumentCount: Int) {
    self.instrumentCount = instrumentCount
    lastTarget = Array(repeating: -1, count: instrumentCount)
  }

  /// Marks the last target of each instrument among `decisions`.
  @inline(__always)
  package mutating func begin(_ decisions: UnsafeBufferPointer<Decision>, count n: Int) {
    for k in 0..<n where decisions[k].kind == .target {
      let i = Int(decisions[k].instrument)
      if i >= 0 && i < instrumentCount { lastTarget[i] = k }
    }
  }

  /// Clears what `begin` marked.
  @inline(__always)
  package mutating func end(_ decisions: UnsafeBufferPointer<Decision>, count n: Int) {
    for k in 0..<n {
      let i = Int(decisions[k].instrument)
      if i >= 0 && i < instrumentCount { lastTarget[i] = -1 }
    }
  }

  /// Decision `k` of the step as an intent; `held` gives position + open quantity of an instrument.
  @inline(__always)
  package func intent(
    _ d: Decision, index k: Int, time: Int64, step: Int, held: (Int) -> Int64
  ) -> OrderIntent {
    let i = Int(d.instrument)
    var record = OrderRecord(time: time, instrument: i, kind: d.kind, quantity: 0)
    record.step = step
    guard i >= 0 && i < instrumentCount else { return .reject(record, .unknownInstrument(d.instrument)) }
    if d.kind == .target && lastTarget[i] != k { return .skip }
    guard let units = d.wholeUnits else { return .reject(record, .invalidQuantity(d.quantity)) }
    record.quantity = units
    switch d.kind {
    case .cancel:
      return .cancel(instrument: i, side: d.quantity > 0 ? .buy : d.quantity < 0 ? .sell : nil)
    case .target:
      let (difference, overflow) = units.subtractingReportingOverflow(held(i))
      guard !overflow else { return .reject(record, .overflow) }
      record.quantity = difference
    case .market:
      break
    case .limit, .immediateOrCancel, .replace:
      guard d.price.isFinite, d.price > 0, let limit = Price(rounding: d.price), limit.raw > 0 else {
        return .reject(record, .invalidPrice(d.price))
      }
      record.limit = limit
    }
    if record.quantity == 0 { return .skip }
    return d.kind == .replace ? .replace(record) : .order(record)
  }
}
