/// Duration literals: a whole number and a unit (`250ms`, `30s`, `5m`, `1h`, `1d`). The lexer,
/// the parser and `--param` overrides read them through this one table.
public enum DurationLiteral {
  /// Units and their length in nanoseconds; longest suffix first, so `ms` wins over `m`.
  static let units: [(suffix: String, nanoseconds: Int64)] = [
    ("ms", 1_000_000), ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000),
    ("d", 86_400_000_000_000),
  ]

  /// The nanoseconds of `text` such as `45m`, or nil when it is not a duration literal or is
  /// too long for 64 bits.
  public static func nanoseconds(_ text: String) -> Int64? {
    let digits = text.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, let count = Int64(digits),
      let unit = units.first(where: { $0.suffix == text.dropFirst(digits.count) })
    else { return nil }
    let (ns, overflow) = count.multipliedReportingOverflow(by: unit.nanoseconds)
    return overflow ? nil : ns
  }
}
