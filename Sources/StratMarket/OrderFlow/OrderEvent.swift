/// The side of an order or of a book.
public enum Side: UInt8, Sendable, Hashable {
  case buy = 0
  case sell = 1

  /// The other side.
  @inlinable
  public var opposite: Side { self == .buy ? .sell : .buy }
}

/// One order-book message from any feed (ITCH, LOBSTER, the tick store), normalised so that books,
/// the tick store and the simulated venue handle every feed the same way.
///
/// A plain 48-byte value: decoders fill it in place and books apply it without allocating.
/// Fields a kind does not use are zero.
public struct OrderEvent: Sendable, Hashable {
  /// What happened.
  public enum Kind: UInt8, Sendable, Hashable {
    /// A new visible order `orderID` rests at `price` for `quantity` on `side`.
    case add = 1
    /// `quantity` of resting order `orderID` was cancelled; the rest stays.
    case cancel = 2
    /// Resting order `orderID` left the book (whatever remained of it).
    case delete = 3
    /// `quantity` of resting order `orderID` traded at `price` (0 = the order's own price).
    case execute = 4
    /// A trade against hidden (non-displayed) liquidity: `price`, `quantity`, and the `side` of
    /// the resting order. It does not change the visible book.
    case hiddenTrade = 5
    /// Order `orderID` was replaced by `newOrderID` at `price` for `quantity`; it loses priority.
    case replace = 6
    /// Trading halted (`quantity` 1) or resumed (`quantity` 0) for the instrument.
    case tradingState = 7
    /// A cross (opening, closing, halt) printed `quantity` at `price`; no book change.
    case crossTrade = 8
  }

  /// Nanoseconds since 1970-01-01T00:00:00Z (feeds that count from midnight add their date).
  public var timeNanos: Int64
  /// The order (or, for trades, the execution) this event is about.
  public var orderID: UInt64
  /// The replacing order for `.replace`; 0 otherwise.
  public var newOrderID: UInt64
  /// Price in 1e-8 units, as `Price.raw`.
  public var price: Int64
  /// Whole units (shares).
  public var quantity: Int64
  /// The feed's instrument number (ITCH stock locate; 0 for single-instrument feeds).
  public var instrument: UInt32
  public var kind: Kind
  public var side: Side

  public init(
    timeNanos: Int64, kind: Kind, side: Side = .buy, orderID: UInt64 = 0, newOrderID: UInt64 = 0,
    price: Int64 = 0, quantity: Int64 = 0, instrument: UInt32 = 0
  ) {
    self.timeNanos = timeNanos
    self.orderID = orderID
    self.newOrderID = newOrderID
    self.price = price
    self.quantity = quantity
    self.instrument = instrument
    self.kind = kind
    self.side = side
  }
}

/// What to do with a malformed message or row: stop at the first, or count it and go on.
public enum MalformedInputPolicy: String, Sendable, CaseIterable {
  /// Throw at the first malformed message, with its location.
  case stop
  /// Skip malformed messages, count them, and keep the first few diagnostics for the report.
  case skip
}
