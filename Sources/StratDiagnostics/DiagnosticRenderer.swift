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
    for fix in diagnostic.fixIts {
      out += "   = help: \(fix.message)"
      out += fix.replacement.isEmpty ? "\n" : ": `\(fix.replacement)`\n"
    }
    return out
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

  static func excerpt(primary: Label, secondary: [Label]) -> String {
    let file = primary.span.file
    let (line, column) = file.position(of: primary.span.start)
    let source = file.lineText(line)
    let gutter = String(repeating: " ", count: String(line).count)
    var out = "\(gutter) |\n\(line) | \(source)\n"
    var marks = [Character](repeating: " ", count: source.utf8.count + 1)
    var tail = primary.message
    for label in secondary where file.position(of: label.span.start).line == line {
      let c = file.position(of: label.span.start).column - 1
      let width = max(1, min(label.span.end, file.lineStarts.count > line ? file.lineStarts[line] - 1 : file.bytes.count) - label.span.start)
      for i in c..<min(marks.count, c + width) where marks[i] == " " { marks[i] = "-" }
      if !label.message.isEmpty { tail += (tail.isEmpty ? "" : "; ") + "\(label.message)" }
    }
    let lineEnd = line < file.lineStarts.count ? file.lineStarts[line] - 1 : file.bytes.count
    let width = max(1, min(primary.span.end, lineEnd) - primary.span.start)
    let start = column - 1
    if start >= marks.count { marks.append(contentsOf: repeatElement(" ", count: start - marks.count + 1)) }
    for i in start..<min(marks.count, start + width) { marks[i] = "^" }
    let markText = String(marks).replacingTrailingSpaces()
    out += "\(gutter) | \(markText)\(tail.isEmpty ? "" : " " + tail)\n"
    return out
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

extension String {
  fileprivate func replacingTrailingSpaces() -> String {
    var s = Substring(self)
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
