/// Exact accounting for one account in integers only: cash, a position per instrument, fees,
/// turnover and the list of fills. Every booking is checked: an amount that would overflow is
/// refused with `FixedPointError.overflow` and the ledger is left unchanged.
public struct Ledger: Sendable {
  /// Cash: starts at zero, minus what was paid for buys, plus what sells brought, minus fees.
  public private(set) var cash = Money.zero
  /// Sum of all fees.
  public private(set) var fees = Money.zero
  /// Sum of |price × quantity| over all fills.
  public private(set) var turnover = Money.zero
  /// Every fill in booking order.
  public private(set) var fills: [Fill] = []
  /// Position in units per instrument index.
  public private(set) var positions: [Int64]

  /// Creates an empty ledger for `instrumentCount` instruments.
  public init(instrumentCount: Int) {
    positions = [Int64](repeating: 0, count: instrumentCount)
  }

  /// The position of one instrument.
  public func position(of instrument: Int) -> Quantity { Quantity(positions[instrument]) }

  /// Books a fill of `quantity` (signed, nonzero) at `price` with `fee`:
  /// cash −= price × quantity + fee, position += quantity.
  @inline(__always)
  public mutating func book(
    time: Int64,
    instrument: Int,
    quantity: Int64,
    price: Price,
    fee: Money
  ) throws(FixedPointError) {
    let (notional, o1) = price.raw.multipliedReportingOverflow(by: quantity)
    let (paid, o2) = notional.addingReportingOverflow(fee.raw)
    let (newCash, o3) = cash.raw.subtractingReportingOverflow(paid)
    let (newFees, o4) = fees.raw.addingReportingOverflow(fee.raw)
    let (newTurnover, o5) = turnover.raw.addingReportingOverflow(notional.magnitudeClamped)
    let (newPosition, o6) = positions[instrument].addingReportingOverflow(quantity)
    if o1 || o2 || o3 || o4 || o5 || o6 || notional == .min { throw .overflow }
    cash = Money(raw: newCash)
    fees = Money(raw: newFees)
    turnover = Money(raw: newTurnover)
    positions[instrument] = newPosition
    fills.append(
      Fill(time: time, instrument: instrument, quantity: Quantity(quantity), price: price, fee: fee)
    )
  }

  /// Returns cash + Σ position × mark (exact), with `marks[i]` the price of instrument i.
  public func equity(marks: [Price]) throws(FixedPointError) -> Money {
    var total = cash.raw
    for (i, position) in positions.enumerated() where position != 0 {
      let (value, o1) = marks[i].raw.multipliedReportingOverflow(by: position)
      let (sum, o2) = total.addingReportingOverflow(value)
      if o1 || o2 { throw .overflow }
      total = sum
    }
    return Money(raw: total)
  }
}

extension Int64 {
  /// |self|, with Int64.min mapped to Int64.max (its magnitude does not fit).
  @inline(__always)
  var magnitudeClamped: Int64 { self == .min ? .max : Swift.abs(self) }
}
