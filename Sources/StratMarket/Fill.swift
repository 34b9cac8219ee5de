/// One execution booked in a ledger.
public struct Fill: Sendable, Equatable {
  /// Which way a fill went.
  public enum Side: String, Sendable {
    /// Bought: the position grew by the quantity.
    case buy = "BUY"
    /// Sold: the position shrank by the quantity.
    case sell = "SELL"
  }

  /// Execution time in nanoseconds since the epoch (UTC).
  public var time: Int64
  /// Instrument index (the strategy's instrument order).
  public var instrument: Int
  /// Signed quantity: positive for a buy, negative for a sell; never zero.
  public var quantity: Quantity
  /// Execution price.
  public var price: Price
  /// Fee charged for this fill.
  public var fee: Money

  /// Creates a fill record.
  public init(time: Int64, instrument: Int, quantity: Quantity, price: Price, fee: Money) {
    self.time = time
    self.instrument = instrument
    self.quantity = quantity
    self.price = price
    self.fee = fee
  }

  /// BUY for a positive quantity, SELL for a negative one.
  public var side: Side { quantity.units > 0 ? .buy : .sell }

  /// The unsigned number of units.
  public var size: Int64 { quantity.units == .min ? .max : abs(quantity.units) }
}
