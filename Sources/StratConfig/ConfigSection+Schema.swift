import StratDiagnostics

// The schema's compound readers that every schema shares: required keys and numbers in range.

extension ConfigSection {
  /// `read()` when the key is present; otherwise a missing-key error and nil.
  package func required<T>(_ key: String, _ meaning: String, _ read: () -> T?) -> T? {
    guard table[key] != nil else {
      reportMissing(key, meaning)
      return nil
    }
    return read()
  }

  /// A number within `range`; out of range is reported.
  package func inRange(
    _ key: String,
    _ number: (text: String, value: Double, source: ConfigValue),
    _ range: ClosedRange<Double>
  ) -> Double? {
    guard range.contains(number.value) else {
      findings.add(
        ConfigSchemaDiagnostics.outOfRange(
          name,
          key,
          expected: "in \(Self.plain(range.lowerBound))...\(Self.plain(range.upperBound))",
          found: number.source
        )
      )
      return nil
    }
    return number.value
  }

  /// `0`, `1000000` or `0.5`: a bound as people write it.
  package static func plain(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }
}
