/// A price in fixed point: a signed count of 1e-8 currency units, exact for every decimal with at
/// most eight decimals.
public struct Price: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The count of 1e-8 units.
  public var raw: Int64

  /// Creates a price from a count of 1e-8 units.
  @inlinable
  public init(raw: Int64) { self.raw = raw }

  /// Parses decimal text such as `181.875` exactly; more than eight decimals is an error.
  public init(_ text: String) throws(FixedPointError) {
    raw = try FixedPointText.parse(text.utf8)
  }

  /// Parses ASCII decimal bytes (a field of a file or message) exactly, like `init(_:)`.
  public init<Bytes: Collection<UInt8>>(utf8 bytes: Bytes) throws(FixedPointError) {
    raw = try FixedPointText.parse(bytes)
  }

  /// Returns the price nearest to `value` (to 1e-8, halves away from zero), or nil when `value`
  /// is not finite or out of range.
  public init?(rounding value: Double) {
    guard let raw = FixedPointText.rounding(value) else { return nil }
    self.raw = raw
  }

  /// Zero.
  public static let zero = Price(raw: 0)

  /// The price as a Double: `Double(raw) / 1e8`, which is the correctly rounded value of the
  /// decimal (the same as `strtod` of its text) while `|raw| < 2^53`, i.e. below 90,071,992.
  @inlinable
  public var doubleValue: Double { Double(raw) / 1e8 }

  /// Exact decimal text with at least two decimals: `181.875`, `40.70`.
  public var description: String { FixedPointText.string(raw, minimumDecimals: 2) }

  /// Returns price × quantity as exact money, or throws `.overflow` instead of wrapping.
  @inlinable
  public func times(_ quantity: Quantity) throws(FixedPointError) -> Money {
    let (product, overflow) = raw.multipliedReportingOverflow(by: quantity.units)
    if overflow { throw .overflow }
    return Money(raw: product)
  }

  /// Orders prices by value.
  @inlinable
  public static func < (lhs: Price, rhs: Price) -> Bool { lhs.raw < rhs.raw }
}
