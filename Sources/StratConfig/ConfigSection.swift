import StratDiagnostics

/// The schema's findings and where each setting was written, shared by the sections of one
/// decoding (a class: every section adds to the same lists).
package final class ConfigFindings {
  package var diagnostics: [Diagnostic] = []
  package var origins: [String: SourceSpan] = [:]
  /// Tables the file lacks that have been reported (once each, not once per required key).
  package var missingTables: Set<String> = []
  package let file: SourceFile

  package init(file: SourceFile) { self.file = file }

  /// Most findings kept, so that a hostile file of many bad keys stays cheap (all of them are
  /// counted); `shownLimit` of them, in file order, are reported.
  package static let keptLimit = 1_000
  package static let shownLimit = 50
  package var dropped = 0

  /// Keeps the finding; past `keptLimit` it only counts it, without making it.
  package func add(_ diagnostic: @autoclosure () -> Diagnostic) {
    guard diagnostics.count < Self.keptLimit else { return dropped += 1 }
    diagnostics.append(diagnostic())
  }

  /// The findings in file order, at most `shownLimit`, then one that counts the rest.
  package var reported: [Diagnostic] {
    var bag = DiagnosticBag()
    bag.add(contentsOf: diagnostics)
    let sorted = bag.sorted
    let rest = sorted.count - Self.shownLimit + dropped
    guard rest > 0 else { return sorted }
    return Array(sorted.prefix(Self.shownLimit)) + [
      Diagnostic(
        id: "engine.config.too-many",
        message: "\(rest) more problems in \(file.path) are not shown; fix these first"
      )
    ]
  }
}

/// One table of the schema as it is read: typed getters that report a located error (and
/// return nil) when a value is of the wrong type or out of range, and `reportUnknownKeys`.
package struct ConfigSection {
  /// The table's name in messages and origins: `engine`, `strategy[1]`.
  package let name: String
  package let table: ConfigTable
  /// Where the table was written (its header); nil when the file does not have it.
  package let span: SourceSpan?
  /// Every key the schema accepts here.
  package let known: [String]
  package let findings: ConfigFindings

  package init(
    name: String,
    table: ConfigTable,
    span: SourceSpan?,
    known: [String],
    findings: ConfigFindings
  ) {
    self.name = name
    self.table = table
    self.span = span
    self.known = known
    self.findings = findings
  }

  /// The entry for `key`, its place recorded.
  package func entry(_ key: String) -> ConfigTable.Entry? {
    guard let entry = table[key] else { return nil }
    findings.origins["\(name).\(key)"] = entry.value.span
    return entry
  }

  /// The value when it has the expected kind; otherwise a type error.
  package func typed<T>(_ key: String, _ expected: String, _ read: (ConfigValue.Kind) -> T?) -> (
    T, ConfigValue
  )? {
    guard let entry = entry(key) else { return nil }
    guard let value = read(entry.value.kind) else {
      findings.add(
        ConfigSchemaDiagnostics.wrongType(name, key, expected: expected, found: entry.value)
      )
      return nil
    }
    return (value, entry.value)
  }

  package func string(_ key: String) -> (String, ConfigValue)? {
    typed(key, "a string") { if case .string(let s) = $0 { s } else { nil } }
  }

  package func bool(_ key: String) -> Bool? {
    typed(key, "a boolean (true or false)") { if case .boolean(let b) = $0 { b } else { nil } }?.0
  }

  package func integer(_ key: String, in range: ClosedRange<Int64>) -> Int64? {
    guard
      let (value, source) = typed(
        key,
        "an integer",
        { if case .integer(let i) = $0 { i } else { nil } }
      )
    else { return nil }
    guard range.contains(value) else {
      findings.add(
        ConfigSchemaDiagnostics.outOfRange(
          name,
          key,
          expected: "in \(range.lowerBound)...\(range.upperBound)",
          found: source
        )
      )
      return nil
    }
    return value
  }

  /// An integer or a float, as its decimal text (exact) and value.
  package func number(_ key: String) -> (text: String, value: Double, source: ConfigValue)? {
    let read = typed(key, "a number") { kind -> (String, Double)? in
      switch kind {
      case .integer(let i): (String(i), Double(i))
      case .float(let d, let text): (text, d)
      default: nil
      }
    }
    return read.map { ($0.0.0, $0.0.1, $0.1) }
  }

  /// One of an enumeration's raw values; a wrong word gets the closest ones.
  package func choice<E: RawRepresentable & CaseIterable>(_ key: String, default fallback: E) -> E
  where E.RawValue == String {
    guard let (text, source) = string(key) else { return fallback }
    if let value = E(rawValue: text) { return value }
    findings.add(
      ConfigSchemaDiagnostics.notAChoice(
        name,
        key,
        E.allCases.map(\.rawValue),
        found: text,
        at: source
      )
    )
    return fallback
  }

  /// A path, resolved against `folder` unless absolute; an empty string is an error.
  package func path(_ key: String, relativeTo folder: String) -> String? {
    guard let (text, source) = string(key) else { return nil }
    guard !text.isEmpty else {
      findings.add(
        ConfigSchemaDiagnostics.badValue(
          name,
          key,
          "expected a path; found an empty string",
          at: source
        )
      )
      return nil
    }
    return ConfigPaths.resolve(text, against: folder)
  }

  /// Reports a required key that is absent, at the table's header.
  package func reportMissing(_ key: String, _ meaning: String, notes: [String] = []) {
    if span == nil, !findings.missingTables.insert(name).inserted { return }
    findings.add(
      ConfigSchemaDiagnostics.missingKey(
        name,
        key,
        meaning,
        table: span,
        file: findings.file,
        notes: notes
      )
    )
  }

  /// Reports every key of the table that the schema does not know, with the closest known ones.
  package func reportUnknownKeys() {
    for entry in table.entries
    where !known.contains(where: { Array($0.utf8) == Array(entry.key.utf8) }) {
      findings.add(ConfigSchemaDiagnostics.unknownKey(name, entry, known: known))
    }
  }
}

/// Paths in the configuration: relative ones are relative to the file's folder.
package enum ConfigPaths {
  /// `path` if absolute, else `folder/path`, with `.` and `..` folded away lexically.
  package static func resolve(_ path: String, against folder: String) -> String {
    let joined = path.hasPrefix("/") || folder.isEmpty ? path : folder + "/" + path
    var parts: [Substring] = []
    for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == "..", let last = parts.last, last != ".." {
        parts.removeLast()
      } else if !(part == ".." && joined.hasPrefix("/") && parts.isEmpty) {
        parts.append(part)
      }
    }
    let body = parts.joined(separator: "/")
    return joined.hasPrefix("/") ? "/" + body : (body.isEmpty ? "." : body)
  }
}
