/// Why a decimal text could not become a fixed-point value, or why fixed-point arithmetic failed.
///
/// Offsets are 0-based byte offsets into the text that was parsed.
public enum FixedPointError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The text was empty.
  case empty
  /// A byte that cannot appear in a decimal number, at `offset`.
  case invalidCharacter(offset: Int)
  /// More than eight digits after the point that are not all zeros (values are never rounded).
  case tooManyDecimals
  /// The value is beyond the range of a 64-bit count of 1e-8 units (±92,233,720,368.54775807).
  case outOfRange
  /// An arithmetic result (product, sum) does not fit in 64 bits.
  case overflow

  /// A sentence saying what was expected, for diagnostics.
  public var description: String {
    switch self {
    case .empty: return "expected a decimal number; found an empty text"
    case .invalidCharacter:
      return "expected a decimal number such as 181.875 or -0.5"
    case .tooManyDecimals:
      return "expected at most 8 decimals (values are kept exactly in units of 1e-8)"
    case .outOfRange:
      return "expected a magnitude below 92233720368.54775808 (the fixed-point range)"
    case .overflow: return "the result does not fit in 64-bit fixed point"
    }
  }
}
