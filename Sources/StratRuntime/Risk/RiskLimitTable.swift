import StratABI
import StratMarket

/// Risk limits in fixed point, as the gate checks them: quantities in whole units, money in
/// 1e-8, rates in 1e-8. Made from a strategy's declared limits (the ABI's Doubles, converted
/// once, exactly) and tightened by the engine's global limits.
///
/// A quantity limit L becomes ⌊L⌋: for whole-unit quantities |q| > L ⇔ |q| > ⌊L⌋. NaN and
/// limits beyond Int64 are no limit; Money and Rate limits round to 1e-8 and beyond their range
/// are no limit.
package struct RiskLimitTable: Sendable, Equatable {
  /// Largest |position| per instrument (pending orders included), `Int64.max` = none.
  package var maxPosition: [Int64]
  /// Largest |quantity| of one order, `Int64.max` = none.
  package var maxOrderQuantity: Int64
  /// Largest |quantity| × reference price of one order.
  package var maxOrderNotional: Money?
  /// Largest loss in one UTC day (marked to market).
  package var maxDailyLoss: Money?
  /// Largest relative distance of a limit price from the reference price.
  package var priceBand: Rate?
  /// Most orders sent in any window of `orderRateWindowNanos`.
  package var maxOrders: Int?
  package var orderRateWindowNanos: Int64
  /// Most open orders at once (the engine's OMS counts them), nil = none.
  package var maxOpenOrders: Int?
  /// An order equal to one sent within this many ns (instrument, side, quantity, price) is a
  /// duplicate and denied; nil = no guard.
  package var duplicateWindowNanos: Int64?

  /// No limits for `instrumentCount` instruments.
  package init(instrumentCount: Int) {
    maxPosition = Array(repeating: .max, count: instrumentCount)
    maxOrderQuantity = .max
    orderRateWindowNanos = 1
  }

  /// The strategy's declared limits.
  package init(_ limits: RiskLimits, instrumentCount: Int) {
    self.init(instrumentCount: instrumentCount)
    for i in 0..<min(instrumentCount, limits.maxPosition.count) {
      maxPosition[i] = Self.units(limits.maxPosition[i])
    }
    maxOrderQuantity = Self.units(limits.maxOrderQuantity)
    maxOrderNotional = limits.maxOrderNotional.flatMap { Money(rounding: $0) }
    priceBand = limits.priceBand.flatMap { Rate(rounding: $0) }
    maxOrders = limits.maxOrders.map { max($0, 0) }
    orderRateWindowNanos = max(limits.orderRateWindowNanos ?? 1, 1)
    maxDailyLoss = limits.maxDailyLoss.flatMap { Money(rounding: $0) }
  }

  /// A declared quantity limit in whole units.
  static func units(_ limit: Double?) -> Int64 {
    guard let limit, !limit.isNaN else { return .max }
    if limit < 0 { return -1 }
    return limit >= 9.2e18 ? .max : Int64(limit.rounded(.down))
  }

  /// Each limit the stricter of this table's and `other`'s (the engine's global limits on top of
  /// a strategy's). The order-rate limits combine as the smaller count over the longer window.
  package func tightened(by other: RiskLimitTable) -> RiskLimitTable {
    var t = self
    for i in t.maxPosition.indices where i < other.maxPosition.count {
      t.maxPosition[i] = min(t.maxPosition[i], other.maxPosition[i])
    }
    t.maxOrderQuantity = min(maxOrderQuantity, other.maxOrderQuantity)
    t.maxOrderNotional = Self.stricter(maxOrderNotional, other.maxOrderNotional)
    t.maxDailyLoss = Self.stricter(maxDailyLoss, other.maxDailyLoss)
    t.priceBand = Self.stricter(priceBand, other.priceBand)
    t.maxOpenOrders = Self.stricter(maxOpenOrders, other.maxOpenOrders)
    t.duplicateWindowNanos = [duplicateWindowNanos, other.duplicateWindowNanos].compactMap { $0 }.max()
    if let theirs = other.maxOrders {
      t.maxOrders = min(maxOrders ?? theirs, theirs)
      t.orderRateWindowNanos = max(orderRateWindowNanos, other.orderRateWindowNanos)
    }
    return t
  }

  static func stricter<T: Comparable>(_ a: T?, _ b: T?) -> T? {
    switch (a, b) {
    case (let a?, let b?): min(a, b)
    case (let a?, nil): a
    default: b
    }
  }
}
