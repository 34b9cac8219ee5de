/// Exponents of the base dimensions: price (currency per unit), quantity (units) and time.
/// Money is price × quantity; a plain number has all three at zero.
public struct Dimension: Hashable, Sendable {
  public var price: Int8
  public var quantity: Int8
  public var time: Int8

  public static let none = Dimension(price: 0, quantity: 0, time: 0)
  public static let price = Dimension(price: 1, quantity: 0, time: 0)
  public static let quantity = Dimension(price: 0, quantity: 1, time: 0)
  public static let money = Dimension(price: 1, quantity: 1, time: 0)

  public init(price: Int8, quantity: Int8, time: Int8) {
    self.price = price
    self.quantity = quantity
    self.time = time
  }

  static func + (a: Dimension, b: Dimension) -> Dimension {
    Dimension(price: a.price &+ b.price, quantity: a.quantity &+ b.quantity, time: a.time &+ b.time)
  }

  static func - (a: Dimension, b: Dimension) -> Dimension {
    Dimension(price: a.price &- b.price, quantity: a.quantity &- b.quantity, time: a.time &- b.time)
  }

  /// Half of every exponent, when all are even (the dimension of a square root).
  var halved: Dimension? {
    guard price % 2 == 0, quantity % 2 == 0, time % 2 == 0 else { return nil }
    return Dimension(price: price / 2, quantity: quantity / 2, time: time / 2)
  }

  /// The name a quant reads: Price, Qty, Money, or a product such as Price².
  var name: String {
    switch self {
    case .none: return "Float"
    case .price: return "Price"
    case .quantity: return "Qty"
    case .money: return "Money"
    default: break
    }
    var numerator: [String] = []
    var denominator: [String] = []
    for (base, exponent) in [("Price", price), ("Qty", quantity), ("s", time)] where exponent != 0 {
      let power = abs(Int(exponent)) == 1 ? "" : superscript(abs(Int(exponent)))
      if exponent > 0 { numerator.append(base + power) } else { denominator.append(base + power) }
    }
    let top = numerator.isEmpty ? "1" : numerator.joined(separator: "·")
    return denominator.isEmpty ? top : top + "/" + denominator.joined(separator: "·")
  }

  private func superscript(_ n: Int) -> String {
    let digits = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    return String(n).map { digits[Int(String($0))!] }.joined()
  }
}

/// The types of the language. Numbers carry a dimension; Int is always a plain count.
public enum StratType: Hashable, Sendable {
  case bool
  case int
  case float(Dimension)
  /// A span of time, in nanoseconds.
  case duration
  /// A point in time (nanoseconds since the epoch, UTC); Time − Time is a Duration.
  case time

  public static let plainFloat = StratType.float(.none)
  public static let price = StratType.float(.price)
  public static let quantity = StratType.float(.quantity)
  public static let money = StratType.float(.money)

  /// The type named in source, if any.
  public init?(named name: String) {
    switch name {
    case "Bool": self = .bool
    case "Int": self = .int
    case "Float": self = .plainFloat
    case "Price": self = .price
    case "Qty": self = .quantity
    case "Money": self = .money
    case "Duration": self = .duration
    case "Time": self = .time
    default: return nil
    }
  }

  /// The type names a user may write.
  static let names = ["Bool", "Int", "Float", "Price", "Qty", "Money", "Duration", "Time"]

  /// How the type reads in a message.
  public var name: String {
    switch self {
    case .bool: "Bool"
    case .int: "Int"
    case .float(let d): d.name
    case .duration: "Duration"
    case .time: "Time"
    }
  }

  /// True for Int and every Float dimension.
  var isNumeric: Bool {
    switch self {
    case .int, .float: true
    default: false
    }
  }

  /// The dimension of a number (Int counts as plain).
  var dimension: Dimension? {
    switch self {
    case .int: Dimension.none  // spelled out: `.none` here would be Optional.none
    case .float(let d): d
    default: nil
    }
  }
}
