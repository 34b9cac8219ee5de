import StratDiagnostics

// Keys, headers, and where a `key = value` goes. A table may be defined once: by a `[header]`,
// by the dotted keys of one section (`a.b = 1` under `[t]` defines `t.a`), or as an inline
// table, which is then closed. As in tomllib: a header may name a table that only exists as the
// prefix of another header (`[a.b]` then `[a]`); dotted keys may not add to a table that a
// header or an earlier section defined; `[[name]]` appends a table, and later headers under
// `name` go into the last one.

extension ConfigParser {
  struct KeyPart {
    let name: String
    let span: SourceSpan
  }

  // key := simple-key { ws "." ws simple-key }
  mutating func parseKey() throws(Diagnostic) -> [KeyPart] {
    var parts = [try parseSimpleKey()]
    while true {
      let before = position
      skipBlanks()
      guard peek() == UInt8(ascii: ".") else {
        position = before
        return parts
      }
      position += 1
      skipBlanks()
      parts.append(try parseSimpleKey())
      if parts.count > Self.maximumDepth { throw tooDeep(at: parts[parts.count - 1].span.start) }
    }
  }

  // simple-key := bare-key | basic-string | literal-string
  mutating func parseSimpleKey() throws(Diagnostic) -> KeyPart {
    let start = position
    switch peek() {
    case UInt8(ascii: "\""), UInt8(ascii: "'"):
      let name = try parseOneLineString()
      return KeyPart(name: name, span: span(from: start))
    case let byte? where ConfigText.isBareKey(byte):
      while let byte = peek(), ConfigText.isBareKey(byte) { position += 1 }
      return KeyPart(
        name: String(decoding: bytes[start..<position], as: UTF8.self),
        span: span(from: start)
      )
    default:
      throw error(
        "expected a key (letters, digits, `_` and `-`, or a quoted string); found \(found())"
      )
    }
  }

  // table-header := "[" ws key ws "]"
  mutating func parseTableHeader(root: ConfigTable) throws(Diagnostic) {
    let start = position
    position += 1
    skipBlanks()
    let key = try parseKey()
    skipBlanks()
    guard peek() == UInt8(ascii: "]") else {
      throw error("expected `]` to close the table header; found \(found())")
    }
    position += 1
    let header = span(from: start)
    let parent = try walkHeader(key.dropLast(), from: root)
    let last = key[key.count - 1]
    if let entry = parent[last.name] {
      guard case .table(let table) = entry.value.kind, !table.isExplicit, !table.isFrozen else {
        throw ConfigDiagnostics.redefined(last, entry)
      }
      table.isExplicit = true
      section = table
    } else {
      let table = ConfigTable()
      table.isExplicit = true
      parent.add(last.name, keySpan: last.span, value: ConfigValue(.table(table), span: header))
      section = table
    }
    sectionDepth = key.count
  }

  // array-header := "[[" ws key ws "]]"
  mutating func parseArrayHeader(root: ConfigTable) throws(Diagnostic) {
    let start = position
    position += 2
    skipBlanks()
    let key = try parseKey()
    skipBlanks()
    guard peek() == UInt8(ascii: "]"), peek(1) == UInt8(ascii: "]") else {
      throw error("expected `]]` to close the array-of-tables header; found \(found())")
    }
    position += 2
    let header = span(from: start)
    let parent = try walkHeader(key.dropLast(), from: root)
    let last = key[key.count - 1]
    let table = ConfigTable()
    table.isExplicit = true
    if let entry = parent[last.name] {
      guard case .tableArray(let array) = entry.value.kind else {
        throw ConfigDiagnostics.redefined(last, entry)
      }
      array.append(table, header: header)
    } else {
      let array = ConfigTableArray()
      array.append(table, header: header)
      parent.add(
        last.name,
        keySpan: last.span,
        value: ConfigValue(.tableArray(array), span: header)
      )
    }
    section = table
    sectionDepth = key.count
  }

  /// The table a header's leading keys name, made (implicitly) where missing; through an array
  /// of tables, its last table.
  func walkHeader(_ parts: ArraySlice<KeyPart>, from root: ConfigTable) throws(Diagnostic)
    -> ConfigTable
  {
    var table = root
    for part in parts {
      guard let entry = table[part.name] else {
        table = table.addImplicitTable(part)
        continue
      }
      switch entry.value.kind {
      case .table(let inner) where !inner.isFrozen: table = inner
      case .tableArray(let array): table = array.tables[array.tables.count - 1]
      default: throw ConfigDiagnostics.notATable(part, entry)
      }
    }
    return table
  }

  // key-value := key ws "=" ws value
  mutating func parseKeyValue() throws(Diagnostic) {
    let key = try parseKey()
    if sectionDepth + key.count > Self.maximumDepth { throw tooDeep(at: key[0].span.start) }
    skipBlanks()
    guard peek() == UInt8(ascii: "=") else {
      throw error(
        "expected `=` after the key `\(key.map(\.name).joined(separator: "."))`; found \(found())"
      )
    }
    position += 1
    skipBlanks()
    let value = try parseValue(depth: 1)
    try insert(key, value, into: section, inDocument: true)
  }

  /// Puts `value` at the dotted `key` below `table`. In the document (not an inline table), the
  /// tables the key goes through become explicit when the section ends.
  mutating func insert(
    _ key: [KeyPart],
    _ value: ConfigValue,
    into root: ConfigTable,
    inDocument: Bool
  ) throws(Diagnostic) {
    var table = root
    for part in key.dropLast() {
      if let entry = table[part.name] {
        guard case .table(let inner) = entry.value.kind, !inner.isFrozen,
          !(inDocument && inner.isExplicit)
        else { throw ConfigDiagnostics.notATable(part, entry) }
        table = inner
      } else {
        table = table.addImplicitTable(part)
      }
      if inDocument, !table.isPendingExplicit {
        table.isPendingExplicit = true
        pendingTables.append(table)
      }
    }
    let last = key[key.count - 1]
    if let entry = table[last.name] { throw ConfigDiagnostics.duplicateKey(last, entry) }
    if case .table(let inline) = value.kind { inline.isFrozen = true }
    table.add(last.name, keySpan: last.span, value: value)
  }

  /// A header ends the section: the tables its dotted keys defined are now closed to headers.
  mutating func finishSection() {
    for table in pendingTables { table.isExplicit = true }
    pendingTables.removeAll()
  }

  func tooDeep(at offset: Int) -> Diagnostic {
    ConfigDiagnostics.tooDeep(file, at: offset, limit: Self.maximumDepth)
  }
}

extension ConfigTable {
  /// Adds an empty table that a header or a dotted key names on its way (defined by neither).
  func addImplicitTable(_ part: ConfigParser.KeyPart) -> ConfigTable {
    let table = ConfigTable()
    add(part.name, keySpan: part.span, value: ConfigValue(.table(table), span: part.span))
    return table
  }
}
