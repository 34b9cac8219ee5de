/// One f64 field of an instrument's input record: what a strategy can read of an instrument.
/// The runtime writes the fields, every backend reads them at the same index, so this table is
/// the layout of the input record (`instrument × InputField.count + rawValue`).
///
/// ```
///   0…4    bar:          open high low close volume
///   5…7    trades:       last last_size traded (1 when this event printed a trade, else 0)
///   8…13   order state:  position avg_price open_orders open_buy open_sell fills
///   14…53  book levels:  for level k = 1…10: bid_price_k bid_size_k ask_price_k ask_size_k
/// ```
/// Book and trade fields are NaN while unknown (empty side, level beyond the depth, no trade
/// yet); `avg_price` is NaN while flat. Strategies see NaN fields as undefined.
public struct InputField: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
  public let rawValue: Int

  public init?(rawValue: Int) {
    guard (0..<Self.count).contains(rawValue) else { return nil }
    self.rawValue = rawValue
  }

  private init(_ raw: Int) { rawValue = raw }

  public static let open = InputField(0)
  public static let high = InputField(1)
  public static let low = InputField(2)
  public static let close = InputField(3)
  public static let volume = InputField(4)
  public static let last = InputField(5)
  public static let lastSize = InputField(6)
  public static let traded = InputField(7)
  public static let position = InputField(8)
  public static let avgPrice = InputField(9)
  public static let openOrders = InputField(10)
  public static let openBuy = InputField(11)
  public static let openSell = InputField(12)
  public static let fills = InputField(13)

  /// Levels of book depth a strategy can read.
  public static let maxLevels = 10
  static let firstLevelField = 14
  /// Number of fields per instrument.
  public static let count = firstLevelField + 4 * maxLevels

  /// The bid price of `level` (1 = best); `level` must be in 1…`maxLevels`.
  public static func bidPrice(_ level: Int) -> InputField { levelField(level, 0) }
  public static func bidSize(_ level: Int) -> InputField { levelField(level, 1) }
  public static func askPrice(_ level: Int) -> InputField { levelField(level, 2) }
  public static func askSize(_ level: Int) -> InputField { levelField(level, 3) }

  private static func levelField(_ level: Int, _ offset: Int) -> InputField {
    precondition((1...maxLevels).contains(level), "book level \(level) outside 1…\(maxLevels)")
    return InputField(firstLevelField + 4 * (level - 1) + offset)
  }

  /// Every field, in record order.
  public static let allFields: [InputField] = (0..<count).map(InputField.init)

  /// True for fields filled from an order book (levels), which bar data cannot supply.
  public var isBookField: Bool { rawValue >= Self.firstLevelField }
  /// True for fields the runtime fills from its own order bookkeeping.
  public var isOrderState: Bool { (8...13).contains(rawValue) }

  /// The value before any data: NaN for book, trade and average-price fields (unknown), 0 for
  /// bar fields (guarded by the seen flag) and for position, open orders and fills.
  public var initialValue: Double {
    switch rawValue {
    case 0...4, 7, 8, 10...13: 0
    default: .nan
    }
  }

  /// Writes every field's `initialValue` into the records of `instruments` instruments.
  public static func initialize(_ record: UnsafeMutablePointer<Double>, instruments: Int) {
    for i in 0..<instruments {
      for field in allFields { record[i &* count &+ field.rawValue] = field.initialValue }
    }
  }

  /// The book level (1-based) and column (0 bid price, 1 bid size, 2 ask price, 3 ask size).
  public var bookLevel: (level: Int, column: Int)? {
    guard isBookField else { return nil }
    let offset = rawValue - Self.firstLevelField
    return (offset / 4 + 1, offset % 4)
  }

  private static let fixedNames = [
    "open", "high", "low", "close", "volume", "last", "last_size", "traded", "position",
    "avg_price", "open_orders", "open_buy", "open_sell", "fills",
  ]
  private static let levelNames = ["bid_price", "bid_size", "ask_price", "ask_size"]

  /// The name in IR text: `close`, `bid_price_1`, `ask_size_3`.
  public var name: String {
    guard let (level, column) = bookLevel else { return Self.fixedNames[rawValue] }
    return "\(Self.levelNames[column])_\(level)"
  }

  /// The field named `name` in IR text, if any.
  public static func named(_ name: String) -> InputField? {
    allFields.first { $0.name == name }
  }

  public var description: String { name }

  public static func < (a: InputField, b: InputField) -> Bool { a.rawValue < b.rawValue }
}
