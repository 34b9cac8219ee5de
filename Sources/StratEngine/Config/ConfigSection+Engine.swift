import StratConfig
import StratDiagnostics
import StratMarket

// The engine schema's compound readers: settings parsed from strings, money and rates, and
// tables of NAME=VALUE settings (the generic ones are in StratConfig).

extension ConfigSection {
  /// A string read by one of the settings parsers (addresses, latencies, fees), its errors
  /// reported with `id`.
  func parsed<T>(
    _ key: String,
    id: String = "engine.config.value",
    _ parse: (String) -> Result<T, SettingProblem>
  ) -> T? {
    guard let (text, source) = string(key) else { return nil }
    switch parse(text) {
    case .success(let value): return value
    case .failure(let problem):
      findings.add(ConfigSchemaDiagnostics.badValue(name, key, problem.message, at: source, id: id))
      return nil
    }
  }

  /// An amount of money ≥ 0, exact from the decimal text (1e6 and the like by value).
  func money(_ key: String) -> Money? {
    guard let number = number(key) else { return nil }
    guard number.value >= 0, let money = (try? Money(number.text)) ?? Money(rounding: number.value)
    else {
      findings.add(
        ConfigSchemaDiagnostics.outOfRange(
          name,
          key,
          expected: "to be an amount of money ≥ 0 with at most 8 decimals",
          found: number.source
        )
      )
      return nil
    }
    return money
  }

  /// A fraction within `range`, exact from the decimal text.
  func rate(_ key: String, in range: ClosedRange<Double>) -> Rate? {
    guard let number = number(key), inRange(key, number, range) != nil else { return nil }
    return (try? Rate(number.text)) ?? Rate(rounding: number.value)
  }

  /// A table of `NAME = VALUE` as the command line would spell them: numbers as written
  /// (without `_`), booleans as true/false, strings as they are.
  func settings(_ key: String, _ expected: String, stringsOnly: Bool = false) -> [EngineConfig
    .Setting]
  {
    guard
      let (inner, _) = typed(
        key,
        "a table such as { name = value }",
        { if case .table(let t) = $0 { t } else { nil } }
      )
    else {
      return []
    }
    return inner.entries.compactMap { entry in
      let text: String? =
        switch entry.value.kind {
        case .string(let s): s
        case .integer(let i) where !stringsOnly: String(i)
        case .float(_, let t) where !stringsOnly: t
        case .boolean(let b) where !stringsOnly: b ? "true" : "false"
        default: nil
        }
      guard let text else {
        findings.add(
          ConfigSchemaDiagnostics.wrongType(
            name,
            "\(key).\(entry.key)",
            expected: expected,
            found: entry.value
          )
        )
        return nil
      }
      return EngineConfig.Setting(name: entry.key, value: text)
    }
  }
}
