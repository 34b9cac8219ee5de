import StratRuntime
import StratMarket

/// What each fill costs.
public enum FeeModel: Sendable, Equatable, CustomStringConvertible {
  /// No fees.
  case none
  /// A fixed amount per unit traded: fee = rate × |quantity|, exact.
  case perShare(Money)
  /// A fraction of the notional: fee = |price × quantity| × rate, rounded half away from zero
  /// to 1e-8 (the only rounding in the ledger; the product is formed exactly in 128 bits).
  case perNotional(Rate)

  /// Returns the fee for a fill of `quantity` with notional `notional` (raw 1e-8 units), or nil
  /// when it does not fit in 64 bits.
  @inline(__always)
  func fee(quantity: Int64, notional: Int64) -> Int64? {
    switch self {
    case .none:
      return 0
    case .perShare(let rate):
      let (fee, overflow) = rate.raw.multipliedReportingOverflow(by: quantity.magnitudeOrMax)
      return overflow ? nil : fee
    case .perNotional(let rate):
      return try? rate.applied(to: Money(raw: notional.magnitudeOrMax)).raw
    }
  }

  /// `none`, `per-share 0.005` or `per-notional 0.0005`.
  public var description: String {
    switch self {
    case .none: return "none"
    case .perShare(let rate): return "per-share \(rate)"
    case .perNotional(let rate): return "per-notional \(rate)"
    }
  }
}
