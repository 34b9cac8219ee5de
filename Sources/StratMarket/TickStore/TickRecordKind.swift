/// What the rows of a tick file are, and so which columns it has (see Docs/TICKSTORE.md).
public enum TickRecordKind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
  /// Bars: time, open, high, low, close, volume.
  case bars = 1
  /// Trades: time, price, quantity, side.
  case trades = 2
  /// Top-of-book quotes: time, bid, bidSize, ask, askSize.
  case quotes = 3
  /// Order-book messages: the fields of `OrderEvent`.
  case orders = 4
  /// The published book after each message of an `orders` file (LOBSTER's orderbook file):
  /// `levels` rows per message, level 0 first, 0 prices and sizes for empty levels.
  case book = 5

  /// The columns of this kind, in file order.
  public var columns: [TickColumn] {
    switch self {
    case .bars: return [.time, .open, .high, .low, .close, .volume]
    case .trades: return [.time, .price, .quantity, .side]
    case .quotes: return [.time, .bid, .bidSize, .ask, .askSize]
    case .orders:
      return [.time, .kind, .side, .orderID, .newOrderID, .price, .quantity, .instrument]
    case .book: return [.time, .level, .bid, .bidSize, .ask, .askSize]
    }
  }

  /// The lower-case name used in `stratc data info` and in source descriptions.
  public var description: String {
    switch self {
    case .bars: return "bars"
    case .trades: return "trades"
    case .quotes: return "quotes"
    case .orders: return "orders"
    case .book: return "book"
    }
  }
}

/// One column of a tick file: an identifier stored in the column directory, and a fixed element
/// width. Prices and sizes are Int64 counts of 1e-8 units (`Price.raw`), except the whole-unit
/// `OrderEvent.quantity` of `orders` files.
public enum TickColumn: UInt8, Sendable, CaseIterable, CustomStringConvertible {
  case time = 1, open, high, low, close, volume
  case price, quantity, side
  case bid, bidSize, ask, askSize
  case kind, orderID, newOrderID, instrument
  case level

  /// The size of one element in bytes.
  public var width: Int {
    switch self {
    case .side, .kind, .level: return 1
    case .instrument: return 4
    default: return 8
    }
  }

  /// The column's name in the specification and in `stratc data info`.
  public var description: String {
    switch self {
    case .time: return "time"
    case .open: return "open"
    case .high: return "high"
    case .low: return "low"
    case .close: return "close"
    case .volume: return "volume"
    case .price: return "price"
    case .quantity: return "quantity"
    case .side: return "side"
    case .bid: return "bid"
    case .bidSize: return "bidSize"
    case .ask: return "ask"
    case .askSize: return "askSize"
    case .kind: return "kind"
    case .orderID: return "orderID"
    case .newOrderID: return "newOrderID"
    case .instrument: return "instrument"
    case .level: return "level"
    }
  }
}
