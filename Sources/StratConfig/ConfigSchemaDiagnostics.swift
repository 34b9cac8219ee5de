import StratDiagnostics

/// The wording of the schema's errors, in one place. Ids: `engine.config.unknown-key`,
/// `engine.config.type`, `engine.config.range`, `engine.config.missing-key`,
/// `engine.config.value`; the engine's own schema adds `engine.config.address`,
/// `engine.config.remote` and `engine.config.not-applicable`.
package enum ConfigSchemaDiagnostics {
  package static func unknownKey(_ table: String, _ entry: ConfigTable.Entry, known: [String]) -> Diagnostic
  {
    let place = table.isEmpty ? "at the top level" : "in [\(table)]"
    let what = table.isEmpty ? "table" : "key"
    let closest = Suggestions.closest(to: entry.key, among: known)
    var diagnostic = Diagnostic(
      id: "engine.config.unknown-key",
      message: "unknown \(what) `\(entry.key)` \(place)",
      primary: Label(entry.keySpan),
      notes: ["known \(what)s here: " + known.joined(separator: ", ")]
    )
    if let best = closest.first {
      diagnostic.fixIts = [
        FixIt(span: entry.keySpan, replacement: best, message: "did you mean `\(best)`?")
      ]
    }
    return diagnostic
  }

  package static func wrongType(_ table: String, _ key: String, expected: String, found: ConfigValue)
    -> Diagnostic
  {
    Diagnostic(
      id: "engine.config.type",
      message: "expected \(expected) for `\(qualified(table, key))`; found \(found.kindName)",
      primary: Label(found.span)
    )
  }

  package static func outOfRange(_ table: String, _ key: String, expected: String, found: ConfigValue)
    -> Diagnostic
  {
    Diagnostic(
      id: "engine.config.range",
      message: "expected `\(qualified(table, key))` \(expected); found \(found.span.text)",
      primary: Label(found.span)
    )
  }

  package static func notAChoice(
    _ table: String,
    _ key: String,
    _ choices: [String],
    found: String,
    at source: ConfigValue
  ) -> Diagnostic {
    var diagnostic = Diagnostic(
      id: "engine.config.value",
      message: "expected `\(qualified(table, key))` to be \(list(choices)); found `\(found)`",
      primary: Label(source.span)
    )
    if let best = Suggestions.closest(to: found, among: choices).first {
      diagnostic.fixIts = [
        FixIt(span: source.span, replacement: "\"\(best)\"", message: "did you mean `\"\(best)\"`?")
      ]
    }
    return diagnostic
  }

  package static func badValue(
    _ table: String,
    _ key: String,
    _ message: String,
    at source: ConfigValue,
    id: String = "engine.config.value",
    notes: [String] = []
  ) -> Diagnostic {
    Diagnostic(
      id: id,
      message: "`\(qualified(table, key))`: \(message)",
      primary: Label(source.span),
      notes: notes
    )
  }

  package static func missingKey(
    _ table: String,
    _ key: String,
    _ meaning: String,
    table span: SourceSpan?,
    file: SourceFile,
    notes: [String]
  ) -> Diagnostic {
    let message = "\(title(table)) needs `\(key)` (\(meaning))"
    guard let span else {
      return Diagnostic(
        id: "engine.config.missing-key",
        message: "the file has no [\(table)] table, which needs `\(key)` (\(meaning))",
        at: DataLocation(path: file.path),
        notes: notes
      )
    }
    return Diagnostic(
      id: "engine.config.missing-key",
      message: message,
      primary: Label(span),
      notes: notes
    )
  }

  /// `[engine]`, or `[[strategy]] #2` for the second table of an array (names count from 1).
  package static func title(_ table: String) -> String {
    guard let open = table.firstIndex(of: "[") else { return "[\(table)]" }
    return "[[\(table[..<open])]] #" + table[table.index(after: open)...].dropLast()
  }

  package static func qualified(_ table: String, _ key: String) -> String {
    table.isEmpty ? key : "\(table).\(key)"
  }

  /// `a, b or c`.
  package static func list(_ words: [String]) -> String {
    words.count <= 1
      ? words.joined() : words.dropLast().joined(separator: ", ") + " or " + words[words.count - 1]
  }
}
