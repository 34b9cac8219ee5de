/// An amount of money in fixed point: a signed count of 1e-8 currency units. Arithmetic never
/// wraps: the checked operations throw `FixedPointError.overflow`.
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The count of 1e-8 units.
  public var raw: Int64

  /// Creates an amount from a count of 1e-8 units.
  @inlinable
  public init(raw: Int64) { self.raw = raw }

  /// Parses decimal text such as `-12.3456` exactly; more than eight decimals is an error.
  public init(_ text: String) throws(FixedPointError) {
    raw = try FixedPointText.parse(text.utf8)
  }

  /// Parses ASCII decimal bytes (a field of a file or message) exactly, like `init(_:)`.
  public init<Bytes: Collection<UInt8>>(utf8 bytes: Bytes) throws(FixedPointError) {
    raw = try FixedPointText.parse(bytes)
  }

  /// Returns the amount nearest to `value` (to 1e-8, halves away from zero), or nil when `value`
  /// is not finite or out of range.
  public init?(rounding value: Double) {
    guard let raw = FixedPointText.rounding(value) else { return nil }
    self.raw = raw
  }

  /// Zero.
  public static let zero = Money(raw: 0)

  /// The amount as a Double (`Double(raw) / 1e8`), for statistics only; never for accounting.
  @inlinable
  public var doubleValue: Double { Double(raw) / 1e8 }

  /// Exact decimal text with at least two decimals, further trailing zeros trimmed:
  /// `10295.00`, `-12.3456`.
  public var description: String { FixedPointText.string(raw, minimumDecimals: 2) }

  /// Returns the sum, or throws `.overflow`.
  @inlinable
  public func adding(_ other: Money) throws(FixedPointError) -> Money {
    let (sum, overflow) = raw.addingReportingOverflow(other.raw)
    if overflow { throw .overflow }
    return Money(raw: sum)
  }

  /// Returns the difference, or throws `.overflow`.
  @inlinable
  public func subtracting(_ other: Money) throws(FixedPointError) -> Money {
    let (difference, overflow) = raw.subtractingReportingOverflow(other.raw)
    if overflow { throw .overflow }
    return Money(raw: difference)
  }

  /// Orders amounts by value.
  @inlinable
  public static func < (lhs: Money, rhs: Money) -> Bool { lhs.raw < rhs.raw }
}
