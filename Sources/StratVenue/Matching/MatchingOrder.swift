import StratMarket

/// How an order prices itself.
public enum OrderKind: UInt8, Sendable, Hashable {
  /// Trades at its limit price or better; the rest may rest on the book.
  case limit = 1
  /// Trades at any price against what rests now; the rest is cancelled, never rested.
  case market = 2
}

/// How long an order's unfilled rest lives.
public enum TimeInForce: UInt8, Sendable, Hashable {
  /// Rests on the book until filled or cancelled.
  case day = 0
  /// Immediate or cancel: whatever does not trade at once is cancelled.
  case immediateOrCancel = 3
  /// Fill or kill: trades in full at once, or is cancelled without trading.
  case fillOrKill = 4
}

/// What happens when an incoming order would trade with a resting order of the same owner.
public enum SelfMatchPolicy: UInt8, Sendable, Hashable {
  /// Cancel the resting order and keep matching ("cancel oldest"; the default).
  case cancelResting
  /// Cancel the rest of the incoming order; the resting order stays.
  case cancelIncoming
  /// Cancel both.
  case cancelBoth
}

/// A new order as a participant sends it; the book assigns its venue order id.
public struct OrderRequest: Sendable, Hashable {
  /// The session or participant that owns the order (self-match prevention compares it).
  public var owner: UInt32
  public var side: Side
  public var kind: OrderKind
  public var timeInForce: TimeInForce
  /// The limit price (ignored for market orders).
  public var price: Price
  /// Shares.
  public var quantity: Int64

  /// Creates a request; a market order needs no price.
  public init(
    owner: UInt32,
    side: Side,
    kind: OrderKind = .limit,
    timeInForce: TimeInForce = .day,
    price: Price = .zero,
    quantity: Int64
  ) {
    self.owner = owner
    self.side = side
    self.kind = kind
    self.timeInForce = timeInForce
    self.price = price
    self.quantity = quantity
  }

  /// A day limit order.
  public static func limit(_ side: Side, _ quantity: Int64, at price: Price, owner: UInt32)
    -> OrderRequest
  {
    OrderRequest(owner: owner, side: side, price: price, quantity: quantity)
  }

  /// A market order.
  public static func market(_ side: Side, _ quantity: Int64, owner: UInt32) -> OrderRequest {
    OrderRequest(
      owner: owner,
      side: side,
      kind: .market,
      timeInForce: .immediateOrCancel,
      quantity: quantity
    )
  }
}

/// Where a venue order id stands, as `MatchingBook.status(of:)` sees it.
public enum OrderStatus: Sendable, Hashable {
  /// On the book with `remaining` shares.
  case resting(side: Side, price: Price, remaining: Int64, owner: UInt32)
  /// Issued once and now final (filled, cancelled or replaced by a new id).
  case final
  /// Never issued.
  case unknown
}

/// One instrument of the venue: its symbol, ITCH locate code, tick and order limits.
public struct MatchingInstrument: Sendable, Hashable {
  /// The highest price ITCH's four-decimal, 32-bit price field can carry (429,496.7295).
  public static let maximumFeedPrice = Price(raw: Int64(UInt32.max) * 10_000)

  public var symbol: String
  /// The ITCH stock locate code (1…65535), unique per venue.
  public var locate: UInt16
  /// Prices must be whole multiples of it (a multiple of 0.0001, ITCH's price unit).
  public var tickSize: Price
  /// The largest order accepted, in shares (at most `UInt32.max`, ITCH's share field).
  public var maxOrderQuantity: Int64
  /// The largest limit price accepted.
  public var maxPrice: Price

  /// Creates an instrument.
  public init(
    symbol: String,
    locate: UInt16,
    tickSize: Price = Price(raw: 1_000_000),
    maxOrderQuantity: Int64 = 1_000_000,
    maxPrice: Price = Self.maximumFeedPrice
  ) {
    self.symbol = symbol
    self.locate = locate
    self.tickSize = tickSize
    self.maxOrderQuantity = maxOrderQuantity
    self.maxPrice = maxPrice
  }
}
