import StratABI
import StratDiagnostics
import StratIR
import StratSyntax

/// The fields a strategy can read from an instrument (`a.close`, `a.bid`, `a.position`) and the
/// book-depth functions (`bid_price(a, 2)`). Raw fields read the input record; derived fields
/// (`mid`, `spread`, `microprice`, `imbalance`, `traded`) are written out here as expressions over
/// raw fields, so every backend computes them with the same operations.
enum InstrumentFields {
  /// Raw fields by language name, with their types.
  static let raw: [String: (InputField, StratType)] = [
    "open": (.open, .price), "high": (.high, .price), "low": (.low, .price),
    "close": (.close, .price), "volume": (.volume, .quantity),
    "last": (.last, .price), "last_size": (.lastSize, .quantity),
    "position": (.position, .quantity), "avg_price": (.avgPrice, .price),
    "open_orders": (.openOrders, .plainFloat), "open_buy": (.openBuy, .quantity),
    "open_sell": (.openSell, .quantity), "fills": (.fills, .plainFloat),
    "bid": (.bidPrice(1), .price), "ask": (.askPrice(1), .price),
    "bid_size": (.bidSize(1), .quantity), "ask_size": (.askSize(1), .quantity),
  ]

  /// Names of the derived fields.
  static let derived = ["mid", "spread", "microprice", "imbalance", "traded"]

  /// Every field name, for suggestions and notes.
  static var allNames: [String] { (raw.keys.map { $0 } + derived).sorted() }

  /// The book-depth functions: name → column of the level (bid price, bid size, ask price, ask size).
  static let depthFunctions: [String: @Sendable (Int) -> (InputField, StratType)] = [
    "bid_price": { (.bidPrice($0), .price) }, "bid_size": { (.bidSize($0), .quantity) },
    "ask_price": { (.askPrice($0), .price) }, "ask_size": { (.askSize($0), .quantity) },
  ]

  /// The typed expression for `instrument.name`, or nil when there is no such field.
  static func expression(_ name: String, instrument: Int, span: SourceSpan) -> TypedExpr? {
    func field(_ f: InputField, _ type: StratType) -> TypedExpr {
      TypedExpr(kind: .field(instrument: instrument, f), type: type, span: span)
    }
    func binary(_ op: TypedExpr.BinaryOp, _ l: TypedExpr, _ r: TypedExpr, _ type: StratType)
      -> TypedExpr
    {
      TypedExpr(kind: .binary(op, l, r), type: type, span: span)
    }
    if let (f, type) = raw[name] { return field(f, type) }
    let bid = field(.bidPrice(1), .price)
    let ask = field(.askPrice(1), .price)
    let bidSize = field(.bidSize(1), .quantity)
    let askSize = field(.askSize(1), .quantity)
    let sizes = binary(.add, bidSize, askSize, .quantity)
    switch name {
    case "mid":
      let two = TypedExpr(kind: .constant(.f64(2)), type: .plainFloat, span: span)
      return binary(.divide, binary(.add, bid, ask, .price), two, .price)
    case "spread":
      return binary(.subtract, ask, bid, .price)
    case "microprice":  // (bid × ask size + ask × bid size) ÷ (bid size + ask size)
      let weighted = binary(
        .add, binary(.multiply, bid, askSize, .money), binary(.multiply, ask, bidSize, .money),
        .money)
      return binary(.divide, weighted, sizes, .price)
    case "imbalance":  // (bid size − ask size) ÷ (bid size + ask size), in −1…1
      return binary(.divide, binary(.subtract, bidSize, askSize, .quantity), sizes, .plainFloat)
    case "traded":
      let zero = TypedExpr(kind: .constant(.f64(0)), type: .plainFloat, span: span)
      return binary(.greater, field(.traded, .plainFloat), zero, .bool)
    default:
      return nil
    }
  }

  /// Whether a read of `field` is defined by the seen flag alone (bar fields), by the value not
  /// being NaN (book, trade and average-price fields), or always (order counts and position).
  enum Definedness { case seen, notNaN, always }

  static func definedness(_ field: InputField) -> Definedness {
    switch field {
    case .open, .high, .low, .close, .volume: .seen
    case .traded, .position, .openOrders, .openBuy, .openSell, .fills: .always
    default: .notNaN
    }
  }
}
