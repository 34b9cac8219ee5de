import StratDiagnostics

/// The wording of the configuration file's syntax errors, in one place.
/// Ids: `engine.config.syntax` (outside the TOML subset), `engine.config.duplicate` (a key or
/// table defined twice), `engine.config.too-large`, `engine.config.too-deep`, `engine.config.read`.
package enum ConfigDiagnostics {
  static func syntax(
    _ file: SourceFile,
    at offset: Int,
    _ message: String,
    notes: [String] = []
  ) -> Diagnostic {
    let end = min(offset + 1, file.bytes.count)
    return Diagnostic(
      id: "engine.config.syntax",
      message: message,
      primary: Label(SourceSpan(file: file, start: offset, end: end)),
      notes: notes
    )
  }

  static func tooLarge(_ path: String, bytes: Int) -> Diagnostic {
    Diagnostic(
      id: "engine.config.too-large",
      message:
        "expected a configuration file of at most \(ConfigParser.maximumBytes) bytes; found \(bytes) bytes",
      at: DataLocation(path: path)
    )
  }

  static func tooDeep(_ file: SourceFile, at offset: Int, limit: Int) -> Diagnostic {
    Diagnostic(
      id: "engine.config.too-deep",
      message: "expected at most \(limit) levels of nested tables, arrays and dotted keys",
      primary: Label(SourceSpan(file: file, start: offset, end: min(offset + 1, file.bytes.count)))
    )
  }

  package static func unreadable(_ path: String, reason: String) -> Diagnostic {
    Diagnostic(
      id: "engine.config.read",
      message: "cannot read the configuration file: \(reason)",
      at: DataLocation(path: path)
    )
  }

  static func duplicateKey(_ key: ConfigParser.KeyPart, _ first: ConfigTable.Entry) -> Diagnostic {
    duplicate(key, first, "the key `\(key.name)` is defined twice in the same table")
  }

  /// A header names a table that is already defined, or that is not a table.
  static func redefined(_ key: ConfigParser.KeyPart, _ first: ConfigTable.Entry) -> Diagnostic {
    switch first.value.kind {
    case .table(let table) where table.isFrozen:
      duplicate(key, first, "`\(key.name)` is an inline table, which a header cannot add to")
    case .table:
      duplicate(key, first, "the table `\(key.name)` is defined twice")
    case .tableArray:
      duplicate(
        key,
        first,
        "`\(key.name)` is an array of tables (`[[\(key.name)]]`); it cannot also be a table"
      )
    default:
      duplicate(
        key,
        first,
        "`\(key.name)` is already \(first.value.kindName); it cannot also be a table"
      )
    }
  }

  /// A dotted key or header goes through a key that is not a table it may add to.
  static func notATable(_ key: ConfigParser.KeyPart, _ first: ConfigTable.Entry) -> Diagnostic {
    switch first.value.kind {
    case .table(let table) where table.isFrozen:
      duplicate(key, first, "`\(key.name)` is an inline table, which cannot be added to")
    case .table, .tableArray:
      duplicate(
        key,
        first,
        "`\(key.name)` is defined by a header or an earlier section; dotted keys cannot add to it",
        help: "add the key under its own header"
      )
    default:
      duplicate(key, first, "`\(key.name)` is already \(first.value.kindName), not a table")
    }
  }

  static func duplicate(
    _ key: ConfigParser.KeyPart,
    _ first: ConfigTable.Entry,
    _ message: String,
    help: String? = nil
  ) -> Diagnostic {
    let (line, column) = first.keySpan.file.position(of: first.keySpan.start)
    return Diagnostic(
      id: "engine.config.duplicate",
      message: message,
      primary: Label(key.span),
      secondary: [Label(first.keySpan, "first defined here")],
      notes: ["first defined at line \(line), column \(column)"] + (help.map { [$0] } ?? [])
    )
  }

  static func mixedArray(first: ConfigValue, element: ConfigValue) -> Diagnostic {
    Diagnostic(
      id: "engine.config.syntax",
      message:
        "expected \(first.kindName) like the array's first element; found \(element.kindName)",
      primary: Label(element.span),
      secondary: [Label(first.span, "first element")],
      notes: ["in this subset of TOML an array holds one kind of value"]
    )
  }
}
