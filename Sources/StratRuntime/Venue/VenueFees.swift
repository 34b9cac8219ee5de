import StratMarket

/// What one side of the fee schedule charges per fill. Negative rates are rebates (venues pay
/// makers); every amount is exact fixed point.
public enum VenueFeeRate: Sendable, Hashable, CustomStringConvertible {
  /// Nothing.
  case none
  /// An amount per unit: fee = rate × quantity, exact.
  case perShare(Money)
  /// A fraction of the notional: fee = |price × quantity| × rate, rounded half away from zero to
  /// 1e-8 (the product is formed exactly in 128 bits).
  case perNotional(Rate)

  /// Returns the fee for `quantity` units at `price` (raw 1e-8), or nil when it does not fit in
  /// 64 bits.
  @inlinable
  public func fee(price: Int64, quantity: Int64) -> Money? {
    switch self {
    case .none:
      return .zero
    case .perShare(let rate):
      let (fee, overflow) = rate.raw.multipliedReportingOverflow(by: quantity)
      return overflow ? nil : Money(raw: fee)
    case .perNotional(let rate):
      let (notional, overflow) = price.multipliedReportingOverflow(by: quantity)
      guard !overflow, notional != .min else { return nil }
      return try? rate.applied(to: Money(raw: Swift.abs(notional)))
    }
  }

  /// `none`, `per-share -0.002` or `per-notional 0.0005`.
  public var description: String {
    switch self {
    case .none: return "none"
    case .perShare(let rate): return "per-share \(rate)"
    case .perNotional(let rate): return "per-notional \(rate)"
    }
  }
}

/// The venue's fee schedule: one rate for fills that add liquidity (maker: a resting order was
/// hit) and one for fills that take it (taker: an arriving order matched the book).
public struct VenueFees: Sendable, Hashable {
  /// Charged on maker fills; negative for a rebate.
  public var maker: VenueFeeRate
  /// Charged on taker fills.
  public var taker: VenueFeeRate

  /// Creates a schedule.
  public init(maker: VenueFeeRate = .none, taker: VenueFeeRate = .none) {
    self.maker = maker
    self.taker = taker
  }

  /// No fees.
  public static let none = VenueFees()

  /// Returns the fee of a fill, or nil when it overflows 64 bits.
  @inlinable
  public func fee(liquidity: VenueLiquidity, price: Int64, quantity: Int64) -> Money? {
    (liquidity == .maker ? maker : taker).fee(price: price, quantity: quantity)
  }
}
