import StratABI
import StratMarket

/// The strategy's declared risk limits in fixed point, plus the little state they need (recent
/// order times, the day's starting equity). Checked before every order, in this order:
/// ```
///   no reference price → daily loss → order rate → order quantity → notional → price band
///   → position
/// ```
/// Semantics:
/// - reference price = the instrument's last close;
/// - position limit: |position + pending + order| must stay ≤ the limit, unless the order
///   reduces the absolute (pending-inclusive) position;
/// - order rate: at most `maxOrders` sent orders in any window of `orderRateWindowNanos` step
///   time (`t − t₀ < window`); with no window given, the window is one step;
/// - daily loss: loss = equity at the start of the UTC day (the last equity of the previous day)
///   − current marked-to-market equity; once it exceeds the limit, checked at each order and at
///   each step's end, every further order that day that does not reduce |position| is denied;
/// - an order whose notional at the reference price does not fit in fixed point is denied
///   (`overflow`);
/// - the limits are a `RiskLimitTable` (fixed point, converted once from the ABI's Doubles).
package struct RiskGate {
  package let limits: RiskLimitTable
  private var recent: [Int64]
  private var recentStart = 0
  private var recentCount = 0
  package private(set) var day = Int64.min
  package private(set) var dayStartEquity: Int64 = 0
  package private(set) var halted = false

  /// A gate on `limits`.
  package init(limits: RiskLimitTable) {
    self.limits = limits
    recent = [Int64](repeating: 0, count: max(limits.maxOrders ?? 0, 0))
  }

  /// A gate on a strategy's declared limits for `instrumentCount` instruments.
  package init(limits: RiskLimits, instrumentCount: Int) {
    self.init(limits: RiskLimitTable(limits, instrumentCount: instrumentCount))
  }

  var maxDailyLoss: Money? { limits.maxDailyLoss }
  var windowNanos: Int64 { limits.orderRateWindowNanos }

  /// True when a daily loss limit is set (the caller then tracks equity for it).
  package var tracksDailyLoss: Bool { maxDailyLoss != nil }

  /// Starts a new UTC day when `time` is in a later day than the last step.
  @inline(__always)
  package mutating func roll(to time: Int64, lastEquity: Int64) {
    let today = Timestamp.dayIndex(time)
    if today != day {
      day = today
      dayStartEquity = lastEquity
      halted = false
    }
  }

  /// Halts the day if the loss at `equity` exceeds the daily limit.
  @inline(__always)
  package mutating func observe(equity: Int64) {
    guard let limit = maxDailyLoss, !halted else { return }
    let (loss, overflow) = dayStartEquity.subtractingReportingOverflow(equity)
    if overflow || loss > limit.raw { halted = true }
  }

  /// Returns why an order must not be sent, or nil. `before` is position + pending quantity,
  /// `reference` the last close (raw), `equity` the current equity (read only for the daily loss).
  package mutating func denial(
    instrument: Int,
    quantity: Int64,
    before: Int64,
    limit: Int64?,
    reference: Int64,
    time: Int64,
    equity: Int64
  ) -> RiskDenial? {
    let (after, overflow) = before.addingReportingOverflow(quantity)
    if overflow { return .overflow }
    let reduces = after.magnitude < before.magnitude
    if let lossLimit = maxDailyLoss {
      let (loss, o) = dayStartEquity.subtractingReportingOverflow(equity)
      if !halted && (o || loss > lossLimit.raw) { halted = true }
      if halted && !reduces { return .maxDailyLoss(limit: lossLimit, loss: Money(raw: loss)) }
    }
    if let maxOrders = limits.maxOrders, isRateExceeded(maxOrders, time: time) {
      return .orderRate(limit: maxOrders, windowNanos: windowNanos)
    }
    if quantity.magnitudeOrMax > limits.maxOrderQuantity {
      return .maxOrderQuantity(limit: limits.maxOrderQuantity, quantity: quantity.magnitudeOrMax)
    }
    let (notional, o) = quantity.magnitudeOrMax.multipliedReportingOverflow(by: reference)
    if o { return .overflow }
    if let notionalLimit = limits.maxOrderNotional, notional > notionalLimit.raw {
      return .maxOrderNotional(limit: notionalLimit, notional: Money(raw: notional))
    }
    if let band = limits.priceBand, let price = limit, isOutside(band, price: price, reference: reference)
    {
      return .priceBand(band: band, price: Price(raw: price), reference: Price(raw: reference))
    }
    if after.magnitudeOrMax > limits.maxPosition[instrument] && !reduces {
      return .maxPosition(limit: limits.maxPosition[instrument], position: after)
    }
    return nil
  }

  /// Records a sent order for the rate limit.
  @inline(__always)
  package mutating func recordSent(time: Int64) {
    guard !recent.isEmpty else { return }
    if recentCount < recent.count {
      recent[(recentStart + recentCount) % recent.count] = time
      recentCount += 1
    } else {
      recent[recentStart] = time
      recentStart = (recentStart + 1) % recent.count
    }
  }

  /// True when `maxOrders` orders were already sent within the window before `time`.
  private func isRateExceeded(_ maxOrders: Int, time: Int64) -> Bool {
    if maxOrders == 0 { return true }
    guard recentCount == recent.count else { return false }
    let (age, overflow) = time.subtractingReportingOverflow(recent[recentStart])
    return !overflow && age < windowNanos
  }

  /// True when |price − reference| > band × reference, compared exactly in 128 bits.
  private func isOutside(_ band: Rate, price: Int64, reference: Int64) -> Bool {
    if band.raw < 0 { return true }
    let distance = price > reference ? price &- reference : reference &- price
    let lhs = UInt64(distance).multipliedFullWidth(by: UInt64(FixedPointScale.raw))
    let rhs = UInt64(band.raw).multipliedFullWidth(by: reference.magnitude)
    return lhs.high != rhs.high ? lhs.high > rhs.high : lhs.low > rhs.low
  }
}

/// The fixed-point scale shared by Price, Money and Rate (1e-8 units).
package enum FixedPointScale {
  /// Raw units per whole unit.
  package static let raw: Int64 = 100_000_000
}
