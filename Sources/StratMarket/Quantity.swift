/// A signed number of whole units of an instrument (shares, contracts): positive is long or a
/// buy, negative is short or a sell.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The number of units.
  public var units: Int64

  /// Creates a quantity of `units` whole units.
  @inlinable
  public init(_ units: Int64) { self.units = units }

  /// Parses a signed integer such as `-100`; decimals are an error (units are whole).
  public init(_ text: String) throws(FixedPointError) {
    let raw = try FixedPointText.parse(text.utf8)
    guard raw % FixedPointText.scale == 0 else {
      throw .invalidCharacter(
        offset: text.utf8.firstIndex(of: 0x2E).map {
          text.utf8.distance(from: text.utf8.startIndex, to: $0)
        } ?? 0
      )
    }
    units = raw / FixedPointText.scale
  }

  /// Zero.
  public static let zero = Quantity(0)

  /// The integer text, e.g. `-100`.
  public var description: String { String(units) }

  /// Orders quantities by value.
  @inlinable
  public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.units < rhs.units }
}
