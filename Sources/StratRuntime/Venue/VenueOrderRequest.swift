import StratMarket

/// An order a strategy sends to the simulated venue.
public struct VenueOrderRequest: Sendable, Hashable {
  /// Market or limit.
  public enum Kind: Sendable, Hashable {
    /// Take whatever the book offers, level by level; the unfilled rest is cancelled.
    case market
    /// Trade at `price` (raw 1e-8) or better; the rest rests unless immediate-or-cancel.
    case limit(price: Int64)
  }

  /// How long a limit order lives.
  public enum TimeInForce: UInt8, Sendable, Hashable {
    /// Rests until filled or cancelled.
    case day
    /// Takes what it can on arrival; the rest is cancelled, never rests.
    case immediateOrCancel
  }

  /// The instrument index (the backtest's instrument order, the index into the books).
  public var instrument: Int
  /// Buy or sell.
  public var side: Side
  /// Units to trade; must be positive.
  public var quantity: Int64
  /// Market or limit.
  public var kind: Kind
  /// Day or IOC (market orders behave as IOC whatever this says).
  public var timeInForce: TimeInForce
  /// The client order id the OMS assigned (and journaled) before sending; 0 lets the venue
  /// number the order itself (1, 2, 3, …), as the venue's own tests do.
  public var id: UInt64 = 0

  /// Creates a request.
  public init(
    instrument: Int,
    side: Side,
    quantity: Int64,
    kind: Kind,
    timeInForce: TimeInForce = .day
  ) {
    self.instrument = instrument
    self.side = side
    self.quantity = quantity
    self.kind = kind
    self.timeInForce = timeInForce
  }

  /// A market order.
  public static func market(instrument: Int, side: Side, quantity: Int64) -> Self {
    Self(instrument: instrument, side: side, quantity: quantity, kind: .market)
  }

  /// A limit order at `price` (raw 1e-8).
  public static func limit(
    instrument: Int,
    side: Side,
    quantity: Int64,
    price: Int64,
    timeInForce: TimeInForce = .day
  ) -> Self {
    Self(
      instrument: instrument,
      side: side,
      quantity: quantity,
      kind: .limit(price: price),
      timeInForce: timeInForce
    )
  }
}
