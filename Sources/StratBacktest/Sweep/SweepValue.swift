/// One value a sweep gives a parameter: an exact decimal or a boolean.
public enum SweepValue: Sendable, Hashable, CustomStringConvertible {
  /// A number, exact as written.
  case number(SweepDecimal)
  /// `true` or `false`.
  case bool(Bool)

  /// Parses `true`, `false` or an exact decimal; nil otherwise.
  public init?(_ text: String) {
    switch text {
    case "true": self = .bool(true)
    case "false": self = .bool(false)
    default:
      guard let number = SweepDecimal(text) else { return nil }
      self = .number(number)
    }
  }

  /// The text handed to the compiler as `--param NAME=TEXT` and written in the CSV.
  public var description: String {
    switch self {
    case .number(let value): value.description
    case .bool(let value): value ? "true" : "false"
    }
  }
}
