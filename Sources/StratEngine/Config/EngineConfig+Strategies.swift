import StratConfig
import StratDiagnostics

// [[strategy]]: the strategies loaded at start.

extension EngineConfig {
  static let strategyKeys = ["file", "params", "instruments"]

  /// One section per `[[strategy]]` (or per table of an inline `strategy = [{…}]`).
  static func strategySections(_ root: ConfigTable, _ findings: ConfigFindings) -> [ConfigSection] {
    tableArraySections("strategy", known: strategyKeys, root, findings)
  }

  /// One section per `[[name]]` (or per table of an inline `name = [{…}]`), named `name[k]`.
  static func tableArraySections(_ name: String, known: [String], _ root: ConfigTable, _ findings: ConfigFindings) -> [ConfigSection] {
    guard let entry = root[name] else { return [] }
    let tables: [(ConfigTable, SourceSpan)]
    switch entry.value.kind {
    case .tableArray(let array): tables = Array(zip(array.tables, array.headerSpans))
    case .array(let values):
      tables = values.compactMap { if case .table(let t) = $0.kind { (t, $0.span) } else { nil } }
      if let wrong = values.first(where: { if case .table = $0.kind { false } else { true } }) {
        findings.add(
          ConfigSchemaDiagnostics.wrongType(
            "",
            name,
            expected: "an array of tables ([[\(name)]])",
            found: wrong
          )
        )
      }
    default:
      findings.add(
        ConfigSchemaDiagnostics.wrongType(
          "",
          name,
          expected: "an array of tables ([[\(name)]], with two brackets)",
          found: entry.value
        )
      )
      return []
    }
    return tables.enumerated().map { index, item in
      let section = ConfigSection(
        name: "\(name)[\(index + 1)]",
        table: item.0,
        span: item.1,
        known: known,
        findings: findings
      )
      section.reportUnknownKeys()
      return section
    }
  }

  static func decodeStrategy(_ s: ConfigSection, folder: String) -> Strategy? {
    let file = s.required("file", "a .strat or .so file, relative to engine.strategies") {
      s.path("file", relativeTo: folder)
    }
    if let file, !(file.hasSuffix(".strat") || file.hasSuffix(".so")),
      let source = s.table["file"]?.value
    {
      s.findings.add(
        ConfigSchemaDiagnostics.badValue(
          s.name,
          "file",
          "expected a .strat source or a .so object (stratc build); found `\(source.span.text.dropFirst().dropLast())`",
          at: source
        )
      )
      return nil
    }
    let params = s.settings("params", "a number, boolean or string")
    let instruments = s.settings("instruments", "a string (the symbol)", stringsOnly: true)
    guard let file else { return nil }
    return Strategy(file: file, params: params, instruments: instruments)
  }
}
