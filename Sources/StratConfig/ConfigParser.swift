import StratDiagnostics

/// Reads a configuration file (the engine's, the venue's): a subset of TOML v1.0
/// (Docs/ENGINE-CONFIG.md), so that editors highlight it and Python's `tomllib` reads every
/// accepted file the same way. What is
/// outside the subset is an `engine.config.syntax` error at its line and column; the parser stops
/// at the first one (one wrong byte in TOML can change how the rest reads).
///
/// The document is a tree of `ConfigTable`s. The rules that forbid defining a table twice follow
/// `tomllib` (see `ConfigParser+Tables.swift`).
package struct ConfigParser {
  /// Largest file read: a configuration is a page, not a data set.
  package static let maximumBytes = 1 << 20
  /// Deepest nesting of arrays and inline tables, and most keys in one table path.
  package static let maximumDepth = 32

  let file: SourceFile
  let bytes: [UInt8]
  var position = 0
  /// The table that `key = value` lines go into: the root, then the last header's table.
  var section: ConfigTable
  /// The tables that dotted keys of this section went through (explicit once it ends).
  var pendingTables: [ConfigTable] = []
  /// How many keys the current header has (dotted keys add to it for the depth limit).
  var sectionDepth = 0

  /// Parses a whole document; the root table, or the first error.
  package static func parse(_ file: SourceFile) throws(Diagnostic) -> ConfigTable {
    guard file.bytes.count <= maximumBytes else {
      throw ConfigDiagnostics.tooLarge(file.path, bytes: file.bytes.count)
    }
    if file.bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      throw ConfigDiagnostics.syntax(
        file,
        at: 0,
        "expected TOML text; found a byte-order mark (save the file as UTF-8 without BOM)"
      )
    }
    if let bad = ConfigText.firstInvalidUTF8(file.bytes) {
      throw ConfigDiagnostics.syntax(
        file,
        at: bad,
        "expected UTF-8 text; found a byte that is not UTF-8"
      )
    }
    let root = ConfigTable()
    var parser = ConfigParser(file: file, bytes: file.bytes, section: root)
    try parser.parseDocument(root: root)
    return root
  }

  // document := { ws ( comment | header | key "=" value )? ws comment? newline }
  mutating func parseDocument(root: ConfigTable) throws(Diagnostic) {
    while position < bytes.count {
      skipBlanks()
      guard let byte = peek() else { return }
      if byte == UInt8(ascii: "[") {
        finishSection()
        if peek(1) == UInt8(ascii: "[") {
          try parseArrayHeader(root: root)
        } else {
          try parseTableHeader(root: root)
        }
      } else if byte != UInt8(ascii: "#"), !isLineEnd(byte) {
        try parseKeyValue()
      }
      try finishLine(after: "a statement")
    }
  }

  /// After a statement: blanks, an optional comment, then a line break or the end of file.
  mutating func finishLine(after what: String) throws(Diagnostic) {
    skipBlanks()
    if peek() == UInt8(ascii: "#") { try skipComment() }
    guard let byte = peek() else { return }
    if byte == UInt8(ascii: "\n") {
      position += 1
    } else if byte == UInt8(ascii: "\r"), peek(1) == UInt8(ascii: "\n") {
      position += 2
    } else {
      throw error("expected the end of the line after \(what); found \(found())")
    }
  }

  /// Skips `# …` up to (not over) the line break; control characters other than tab are refused.
  mutating func skipComment() throws(Diagnostic) {
    position += 1
    while let byte = peek(), byte != UInt8(ascii: "\n") {
      if byte == UInt8(ascii: "\r"), peek(1) == UInt8(ascii: "\n") { return }
      if ConfigText.isControl(byte) {
        throw error("expected comment text; found the control character \(ConfigText.name(byte))")
      }
      position += 1
    }
  }

  // MARK: - Cursor

  func peek(_ ahead: Int = 0) -> UInt8? {
    position + ahead < bytes.count ? bytes[position + ahead] : nil
  }

  mutating func skipBlanks() {
    while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
      position += 1
    }
  }

  func isLineEnd(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
  }

  func span(from start: Int) -> SourceSpan {
    SourceSpan(file: file, start: start, end: position)
  }

  /// What is at the cursor, for "found …" in messages.
  func found() -> String {
    guard let byte = peek() else { return "the end of the file" }
    if byte == UInt8(ascii: "\r"), peek(1) != UInt8(ascii: "\n") {
      return "a carriage return (\\r) that no line feed follows"
    }
    if isLineEnd(byte) { return "the end of the line" }
    if ConfigText.isControl(byte) { return "the control character \(ConfigText.name(byte))" }
    var end = position + 1
    if ConfigText.isBareKey(byte) {
      // A word reads better than its first letter: found `yes`.
      while end < min(bytes.count, position + 24), ConfigText.isBareKey(bytes[end]) { end += 1 }
    }
    while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
    return "`" + String(decoding: bytes[position..<end], as: UTF8.self) + "`"
  }

  /// A syntax error at the cursor (or at `offset`).
  func error(_ message: String, at offset: Int? = nil, notes: [String] = []) -> Diagnostic {
    ConfigDiagnostics.syntax(file, at: offset ?? position, message, notes: notes)
  }
}
