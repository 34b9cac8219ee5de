/// Why a time text could not be read. Offsets are 0-based byte offsets into the text.
public enum TimestampError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The text does not have the expected shape; `expected` says what should be at `offset`.
  case malformed(expected: String, offset: Int)
  /// A calendar or clock field is out of its range, e.g. month 13 or 30 February; `range`
  /// says which values are valid.
  case fieldOutOfRange(field: String, value: Int64, range: String)
  /// The time lies outside what 64-bit nanoseconds since 1970 can hold (1677–2262).
  case outOfRange

  /// A sentence saying what was expected, for diagnostics.
  public var description: String {
    switch self {
    case .malformed(let expected, let offset):
      return "expected \(expected) at character \(offset + 1)"
    case .fieldOutOfRange(let field, let value, let range):
      return "expected a \(field) in \(range); found \(value)"
    case .outOfRange:
      return "the time is outside 1677-09-21 … 2262-04-11 (64-bit nanoseconds since 1970)"
    }
  }
}
