import StratDiagnostics

// Values: one-line strings, integers, floats, booleans, arrays of one kind, one-line inline
// tables. Dates, times, multi-line strings, hex/octal/binary integers, inf and nan are TOML
// but not in the subset: each is an error that says so.

extension ConfigParser {
  // value := string | boolean | number | array | inline-table
  mutating func parseValue(depth: Int) throws(Diagnostic) -> ConfigValue {
    if depth > Self.maximumDepth { throw tooDeep(at: position) }
    let start = position
    switch peek() {
    case UInt8(ascii: "\""), UInt8(ascii: "'"):
      let text = try parseOneLineString()
      return ConfigValue(.string(text), span: span(from: start))
    case UInt8(ascii: "["):
      return try parseArray(depth: depth)
    case UInt8(ascii: "{"):
      return try parseInlineTable(depth: depth)
    case UInt8(ascii: "t"), UInt8(ascii: "f"):
      return try parseBoolean()
    case let byte? where ConfigText.isNumberStart(byte):
      return try parseNumber()
    default:
      throw error(
        "expected a value (a string, number, boolean, array or inline table); found \(found())"
      )
    }
  }

  mutating func parseBoolean() throws(Diagnostic) -> ConfigValue {
    let start = position
    for (word, value) in [("true", true), ("false", false)] where matches(word) {
      position += word.utf8.count
      return ConfigValue(.boolean(value), span: span(from: start))
    }
    throw error("expected a value (`true` and `false` are the booleans); found \(found())")
  }

  func matches(_ word: String) -> Bool {
    let word = Array(word.utf8)
    return position + word.count <= bytes.count
      && Array(bytes[position..<position + word.count]) == word
  }

  // MARK: - Strings

  // string := '"' { char | escape } '"' | "'" { char } "'"
  mutating func parseOneLineString() throws(Diagnostic) -> String {
    let quote = bytes[position]
    if peek(1) == quote, peek(2) == quote {
      throw error(
        "multi-line strings are not in the subset; write the text on one line with escapes such as \\n"
      )
    }
    let start = position
    position += 1
    var text: [UInt8] = []
    while true {
      guard let byte = peek(), byte != UInt8(ascii: "\n"),
        byte != UInt8(ascii: "\r") || peek(1) != UInt8(ascii: "\n")
      else {
        throw error(
          "expected the closing \(quote == 0x22 ? "`\"`" : "`'`") of the string that starts at column \(file.position(of: start).column); found \(found())"
        )
      }
      position += 1
      if byte == quote { return String(decoding: text, as: UTF8.self) }
      if ConfigText.isControl(byte) {
        throw error(
          "expected string text; found the control character \(ConfigText.name(byte)) (write it as an escape such as \\t)",
          at: position - 1
        )
      }
      if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
        try appendEscape(to: &text)
      } else {
        text.append(byte)
      }
    }
  }

  // escape := "\" ( "b" | "t" | "n" | "f" | "r" | '"' | "\" | "u" HEX{4} | "U" HEX{8} )
  mutating func appendEscape(to text: inout [UInt8]) throws(Diagnostic) {
    let start = position - 1
    let simple: [UInt8: UInt8] = [
      UInt8(ascii: "b"): 0x08, UInt8(ascii: "t"): 0x09, UInt8(ascii: "n"): 0x0A,
      UInt8(ascii: "f"): 0x0C, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "\""): 0x22,
      UInt8(ascii: "\\"): 0x5C,
    ]
    guard let letter = peek() else {
      throw error("expected an escape after `\\`; found \(found())")
    }
    if let byte = simple[letter] {
      position += 1
      text.append(byte)
      return
    }
    let digits = letter == UInt8(ascii: "u") ? 4 : letter == UInt8(ascii: "U") ? 8 : 0
    guard digits > 0 else {
      throw error(
        "expected an escape (\\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX) after `\\`; found \(found())"
      )
    }
    position += 1
    var value: UInt32 = 0
    for _ in 0..<digits {
      guard let byte = peek(), let digit = ConfigText.hexValue(byte) else {
        throw error(
          "expected \(digits) hexadecimal digits after `\\\(Character(UnicodeScalar(letter)))`; found \(found())"
        )
      }
      value = value << 4 | UInt32(digit)
      position += 1
    }
    guard let scalar = Unicode.Scalar(value) else {
      throw error(
        "expected a Unicode scalar value (not a surrogate, at most 10FFFF) in the escape",
        at: start
      )
    }
    text.append(contentsOf: Array(String(Character(scalar)).utf8))
  }

  // MARK: - Arrays and inline tables

  // array := "[" { blank | comment | newline } [ value { sep "," sep value } [ sep "," ] ] sep "]"
  mutating func parseArray(depth: Int) throws(Diagnostic) -> ConfigValue {
    let start = position
    position += 1
    var elements: [ConfigValue] = []
    while true {
      try skipArraySpace()
      if peek() == UInt8(ascii: "]") { break }
      let element = try parseValue(depth: depth + 1)
      if let first = elements.first, !first.hasSameKind(as: element) {
        throw ConfigDiagnostics.mixedArray(first: first, element: element)
      }
      elements.append(element)
      try skipArraySpace()
      if peek() == UInt8(ascii: ",") {
        position += 1
      } else if peek() != UInt8(ascii: "]") {
        throw error("expected `,` or `]` after an element of the array; found \(found())")
      }
    }
    position += 1
    return ConfigValue(.array(elements), span: span(from: start))
  }

  /// Blanks, comments and line breaks, which arrays may hold between elements.
  mutating func skipArraySpace() throws(Diagnostic) {
    while true {
      skipBlanks()
      switch peek() {
      case UInt8(ascii: "#"): try skipComment()
      case UInt8(ascii: "\n"): position += 1
      case UInt8(ascii: "\r") where peek(1) == UInt8(ascii: "\n"): position += 2
      case nil: throw error("expected `]` to close the array; found \(found())")
      default: return
      }
    }
  }

  // inline-table := "{" ws [ key ws "=" ws value { ws "," ws key ws "=" ws value } ] ws "}"
  mutating func parseInlineTable(depth: Int) throws(Diagnostic) -> ConfigValue {
    let start = position
    position += 1
    let table = ConfigTable()
    skipBlanks()
    if peek() == UInt8(ascii: "}") {
      position += 1
      return ConfigValue(.table(table), span: span(from: start))
    }
    while true {
      let key = try parseKey()
      if depth + key.count - 1 > Self.maximumDepth { throw tooDeep(at: key[0].span.start) }
      skipBlanks()
      guard peek() == UInt8(ascii: "=") else {
        throw error(
          "expected `=` after the key `\(key.map(\.name).joined(separator: "."))`; found \(found())"
        )
      }
      position += 1
      skipBlanks()
      let value = try parseValue(depth: depth + 1)
      try insert(key, value, into: table, inDocument: false)
      skipBlanks()
      if peek() == UInt8(ascii: "}") { break }
      guard peek() == UInt8(ascii: ",") else {
        throw error(
          "expected `,` or `}` in the inline table (it stays on one line, with no comma after the last value); found \(found())"
        )
      }
      position += 1
      skipBlanks()
    }
    position += 1
    return ConfigValue(.table(table), span: span(from: start))
  }
}
