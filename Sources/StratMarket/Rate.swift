/// A dimensionless ratio in fixed point (a count of 1e-8), such as a fee rate of `0.0005`
/// (5 basis points) or a price band of `0.05`.
public struct Rate: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The count of 1e-8 units: `0.0005` is 50,000.
  public var raw: Int64

  /// Creates a rate from a count of 1e-8 units.
  @inlinable
  public init(raw: Int64) { self.raw = raw }

  /// Parses decimal text such as `0.0005` exactly; more than eight decimals is an error.
  public init(_ text: String) throws(FixedPointError) {
    raw = try FixedPointText.parse(text.utf8)
  }

  /// Parses ASCII decimal bytes (a field of a file or message) exactly, like `init(_:)`.
  public init<Bytes: Collection<UInt8>>(utf8 bytes: Bytes) throws(FixedPointError) {
    raw = try FixedPointText.parse(bytes)
  }

  /// Returns the rate nearest to `value` (to 1e-8), or nil when not finite or out of range.
  public init?(rounding value: Double) {
    guard let raw = FixedPointText.rounding(value) else { return nil }
    self.raw = raw
  }

  /// The rate as a Double.
  @inlinable
  public var doubleValue: Double { Double(raw) / 1e8 }

  /// Exact decimal text with trailing zeros trimmed (at least one decimal): `0.0005`, `1.0`.
  public var description: String { FixedPointText.string(raw, minimumDecimals: 1) }

  /// Returns `money × rate` rounded to 1e-8, halves away from zero, or throws `.overflow`.
  /// The product is formed in 128 bits, so only a result beyond 64 bits fails.
  public func applied(to money: Money) throws(FixedPointError) -> Money {
    let a = money.raw.magnitude
    let b = raw.magnitude
    let product = a.multipliedFullWidth(by: b)
    let divisor = UInt64(FixedPointText.scale)
    guard product.high < divisor else { throw .overflow }
    var (quotient, remainder) = divisor.dividingFullWidth(product)
    if remainder >= divisor - remainder { quotient += 1 }
    guard quotient <= UInt64(Int64.max) else { throw .overflow }
    let negative = (money.raw < 0) != (raw < 0)
    return Money(raw: negative ? -Int64(quotient) : Int64(quotient))
  }

  /// Orders rates by value.
  @inlinable
  public static func < (lhs: Rate, rhs: Rate) -> Bool { lhs.raw < rhs.raw }
}
