/// Renders diagnostics as human text (with source excerpt and caret) or as JSON lines.
public enum DiagnosticRenderer {
  /// Returns the text form:
  /// ```
  /// path:LINE:COL: error[id]: message
  ///    |
  /// 14 |   let edge = a.close + a.volume
  ///    |              ------- ^ -------- Qty
  ///    = note: ...
  /// ```
  public static func text(_ diagnostic: Diagnostic) -> String {
    var out = header(diagnostic)
    if let primary = diagnostic.primary {
      out += excerpt(primary: primary, secondary: diagnostic.secondary)
    }
    for note in diagnostic.notes { out += "   = note: \(note)\n" }
    for fix in diagnostic.fixIts { out += "   = help: \(helpText(fix))\n" }
    return out
  }

  /// A fix-it's help line: its message, then the replacement unless the message already shows
  /// it; a replacement that spans lines shows as its first line and `…`.
  static func helpText(_ fix: FixIt) -> String {
    let lines = fix.replacement.split(separator: "\n", omittingEmptySubsequences: true)
    guard let firstLine = lines.first else { return fix.message }
    let shown = lines.count > 1 ? firstLine + " …" : String(firstLine)
    if fix.message.contains("`\(shown)`") { return fix.message }
    return "\(fix.message): `\(shown)`"
  }

  /// The first line: `PATH:LINE:COL: severity[id]: message`.
  static func header(_ d: Diagnostic) -> String {
    var place = ""
    if let primary = d.primary {
      let (line, column) = primary.span.file.position(of: primary.span.start)
      place = "\(primary.span.file.path):\(line):\(column): "
    } else if let location = d.location {
      place = location.path
      if let line = location.line {
        place += ":\(line)"
        if let column = location.column { place += ":\(column)" }
      } else if let offset = location.byteOffset {
        place += ":@\(offset)"
      }
      place += ": "
    }
    return "\(place)\(d.severity.rawValue)[\(d.id)]: \(d.message)\n"
  }

  /// Widest source excerpt shown; longer lines are cut around the caret.
  static let excerptWidth = 120

  static func excerpt(primary: Label, secondary: [Label]) -> String {
    let file = primary.span.file
    let (line, column) = file.position(of: primary.span.start)
    let lineStart = file.lineStarts[line - 1]
    let lineBytes = Array(file.lineBytes(line))
    // Columns are bytes; cut a window of the line around the caret when it is long.
    let first = lineBytes.count > excerptWidth ? max(0, min(column - 1 - excerptWidth / 2, lineBytes.count - excerptWidth)) : 0
    let last = min(lineBytes.count, first + excerptWidth)
    let prefix = first > 0 ? "…" : ""
    let suffix = last < lineBytes.count ? "…" : ""
    let shown = prefix + String(decoding: lineBytes[first..<last], as: UTF8.self) + suffix
    var marks = [UInt8](repeating: UInt8(ascii: " "), count: prefix.isEmpty ? 0 : 1)
    marks += [UInt8](repeating: UInt8(ascii: " "), count: last - first)
    func mark(_ label: Label, with symbol: UInt8) {
      let from = max(label.span.start - lineStart, first)
      let to = min(max(label.span.end, label.span.start + 1) - lineStart, last)
      guard from < to || (from == to && from == last) else { return }
      let offset = prefix.isEmpty ? 0 : 1
      for i in from..<max(to, from + 1) {
        let at = i - first + offset
        if at < marks.count {
          if symbol == UInt8(ascii: "^") || marks[at] == UInt8(ascii: " ") { marks[at] = symbol }
        } else {
          marks.append(symbol)
        }
      }
    }
    var tail = primary.message
    for label in secondary where file.position(of: label.span.start).line == line {
      mark(label, with: UInt8(ascii: "-"))
      if !label.message.isEmpty { tail += (tail.isEmpty ? "" : "; ") + label.message }
    }
    mark(primary, with: UInt8(ascii: "^"))
    // Marks were placed per byte; keep the mark of each scalar's first byte (as decoding shows
    // it, an invalid sequence being one replacement character) so they sit under the text.
    let offset = prefix.isEmpty ? 0 : 1
    let starts = scalarStarts(lineBytes[first..<last])
    marks = marks.enumerated().compactMap { at, symbol in
      let byte = first + at - offset
      return at < offset || byte >= last || starts.contains(byte) ? symbol : nil
    }
    while marks.last == UInt8(ascii: " ") { marks.removeLast() }
    let gutter = String(repeating: " ", count: String(line).count)
    return "\(gutter) |\n\(line) | \(shown)\n"
      + "\(gutter) | \(String(decoding: marks, as: UTF8.self))\(tail.isEmpty ? "" : " " + tail)\n"
  }

  /// The byte offsets at which a scalar (or an invalid sequence) starts, as UTF-8 decoding
  /// splits `bytes`.
  static func scalarStarts(_ bytes: ArraySlice<UInt8>) -> Set<Int> {
    var starts: Set<Int> = []
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var at = bytes.startIndex
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        starts.insert(at)
        at += encoded.count
      case .error(let length):
        starts.insert(at)
        at += length
      case .emptyInput:
        return starts
      }
    }
  }

  /// Returns one JSON object (no trailing newline) with the fields tools rely on:
  /// `id, severity, file, line, column, endLine, endColumn, message, labels, notes, fixIts`.
  public static func json(_ d: Diagnostic) -> String {
    var fields: [(String, String)] = [
      ("id", quote(d.id)), ("severity", quote(d.severity.rawValue)),
    ]
    if let primary = d.primary {
      let start = primary.span.file.position(of: primary.span.start)
      let end = primary.span.file.position(of: primary.span.end)
      fields += [
        ("file", quote(primary.span.file.path)), ("line", "\(start.line)"),
        ("column", "\(start.column)"), ("endLine", "\(end.line)"), ("endColumn", "\(end.column)"),
      ]
    } else if let location = d.location {
      fields.append(("file", quote(location.path)))
      if let line = location.line { fields.append(("line", "\(line)")) }
      if let column = location.column { fields.append(("column", "\(column)")) }
      if let offset = location.byteOffset { fields.append(("byteOffset", "\(offset)")) }
    }
    fields.append(("message", quote(d.message)))
    let labels = ([d.primary].compactMap { $0 } + d.secondary).map { label -> String in
      let p = label.span.file.position(of: label.span.start)
      return "{\"line\":\(p.line),\"column\":\(p.column),\"message\":\(quote(label.message))}"
    }
    fields.append(("labels", "[" + labels.joined(separator: ",") + "]"))
    fields.append(("notes", "[" + d.notes.map(quote).joined(separator: ",") + "]"))
    let fixes = d.fixIts.map { fix -> String in
      let p = fix.span.file.position(of: fix.span.start)
      let e = fix.span.file.position(of: fix.span.end)
      return "{\"line\":\(p.line),\"column\":\(p.column),\"endLine\":\(e.line),"
        + "\"endColumn\":\(e.column),\"replacement\":\(quote(fix.replacement)),"
        + "\"message\":\(quote(fix.message))}"
    }
    fields.append(("fixIts", "[" + fixes.joined(separator: ",") + "]"))
    return "{" + fields.map { "\(quote($0.0)):\($0.1)" }.joined(separator: ",") + "}"
  }

  /// Returns a JSON string literal.
  public static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}


