import StratDiagnostics

/// One token of the IR text form, with its 1-based line and byte column.
struct IRToken {
  enum Kind: Equatable {
    /// Letters, digits, `_` and `.`: keywords, opcodes, types, `.field` suffixes.
    case word
    /// A typed literal: an integer, a float, `nan`, `inf`, `true`, `false`.
    case literal
    /// A quoted string (its decoded text in `text`).
    case string
    /// `@name`, `%name`, `$name` (sigil in `sigil`, name in `text` or index in `index`).
    case reference
    /// One of `= : , { } < >`.
    case symbol
    case newline
    case end
  }

  var kind: Kind
  /// The word or symbol, the decoded string, or the reference's name.
  var text: String
  /// The source spelling, for messages.
  var spelling: String
  var constant: IRConstant? = nil
  var sigil: UInt8 = 0
  /// For `%#N`-style references: the index.
  var index: Int? = nil
  /// For references: the name was quoted.
  var isQuoted = false
  var line: Int
  var column: Int

  /// The token as a message quotes it: "`fadd`", "end of line".
  var description: String {
    switch kind {
    case .newline: return "end of line"
    case .end: return "end of input"
    case .string: return "string \(IRPrinter.quoted(text))"
    default:
      let shown = spelling.count > 40 ? String(spelling.prefix(40)) + "…" : spelling
      return "`\(shown)`"
    }
  }

  func isWord(_ word: String) -> Bool { kind == .word && text == word }
  func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }
}

/// Splits IR text into tokens, one at a time; reports the first malformed token as a diagnostic.
struct IRLexer {
  private let bytes: [UInt8]
  private let path: String
  private var position = 0
  private var line = 1
  private var lineStart = 0

  init(text: String, path: String) {
    self.bytes = Array(text.utf8)
    self.path = path
  }

  /// True for the bytes a bare name is made of: ASCII letters, digits, `_` and `.`.
  static func isNameByte(_ byte: UInt8) -> Bool {
    isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
  }

  static func isLetter(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
  }

  static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

  private func peek(_ offset: Int) -> UInt8? {
    position + offset < bytes.count ? bytes[position + offset] : nil
  }

  func location(line: Int, column: Int) -> DataLocation {
    DataLocation(path: path, line: line, column: column)
  }

  private func text(from start: Int) -> String {
    String(decoding: bytes[start..<position], as: UTF8.self)
  }

  // MARK: - Tokens

  /// Returns the next token, skipping spaces, tabs, carriage returns and comments.
  mutating func next() throws(Diagnostic) -> IRToken {
    skipBlanks()
    let start = position
    let column = start - lineStart + 1
    var token = IRToken(kind: .end, text: "", spelling: "", line: line, column: column)
    guard let byte = current else { return token }
    switch byte {
    case UInt8(ascii: "\n"):
      position += 1
      token.kind = .newline
      line += 1
      lineStart = position
    case UInt8(ascii: "\""):
      token.kind = .string
      token.text = try string()
    case UInt8(ascii: "@"), UInt8(ascii: "%"), UInt8(ascii: "$"):
      try reference(&token)
    case UInt8(ascii: "-"):
      try signedLiteral(&token)
    case _ where Self.isDigit(byte):
      try number(&token)
    case _ where Self.isNameByte(byte):
      try word(&token)
    case _ where "=:,{}<>".utf8.contains(byte):
      position += 1
      token.kind = .symbol
      token.text = String(UnicodeScalar(byte))
    default:
      throw IRParseDiagnostics.invalidCharacter(describe(at: start), at: location(token))
    }
    token.spelling = text(from: start)
    return token
  }

  func location(_ token: IRToken) -> DataLocation {
    location(line: token.line, column: token.column)
  }

  private mutating func skipBlanks() {
    while let byte = current {
      if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
        position += 1
      } else if byte == UInt8(ascii: ";") {
        while let b = current, b != UInt8(ascii: "\n") { position += 1 }
      } else {
        return
      }
    }
  }

  /// Describes the character at `offset` for a message: "`#`", "the byte 0xFF", "U+0000".
  private func describe(at offset: Int) -> String {
    let byte = bytes[offset]
    if byte < 0x20 || byte == 0x7F { return "the control character U+00" + hex2(byte) }
    if byte < 0x80 { return "`\(UnicodeScalar(byte))`" }
    let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
    let end = min(bytes.count, offset + length)
    let decoded = String(decoding: bytes[offset..<end], as: UTF8.self)
    guard let scalar = decoded.unicodeScalars.first, scalar != "\u{FFFD}" else {
      return "the byte 0x" + hex2(byte)
    }
    return "`\(decoded)` (U+\(String(scalar.value, radix: 16, uppercase: true)))"
  }

  private func hex2(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return digits.count == 1 ? "0" + digits : digits
  }

  // MARK: - Words and literals

  // word := nameByte+ ; "true", "false", "inf", "nan" and "nan(0x…)" are literals
  private mutating func word(_ token: inout IRToken) throws(Diagnostic) {
    let start = position
    while let b = current, Self.isNameByte(b) { position += 1 }
    let text = self.text(from: start)
    token.text = text
    token.kind = .literal
    switch text {
    case "true": token.constant = .bool(true)
    case "false": token.constant = .bool(false)
    case "inf": token.constant = .f64(.infinity)
    case "nan": token.constant = .f64(try nanPayload(token) ?? .nan)
    default: token.kind = .word
    }
  }

  // nanPayload := "(" "0x" hexDigit{1,16} ")"   (directly after "nan")
  private mutating func nanPayload(_ token: IRToken) throws(Diagnostic) -> Double? {
    guard current == UInt8(ascii: "(") else { return nil }
    let start = position
    position += 1
    guard current == UInt8(ascii: "0"), peek(1) == UInt8(ascii: "x") else {
      throw IRParseDiagnostics.malformedNumber("nan" + text(from: start), at: location(token))
    }
    position += 2
    let digitsStart = position
    while let b = current, Self.isNameByte(b) { position += 1 }
    let digits = text(from: digitsStart)
    let closed = current == UInt8(ascii: ")")
    if closed { position += 1 }
    guard closed, digits.count <= 16, let bits = UInt64(digits, radix: 16),
      Double(bitPattern: bits).isNaN
    else {
      throw IRParseDiagnostics.malformedNumber("nan" + text(from: start), at: location(token))
    }
    return Double(bitPattern: bits)
  }

  // signedLiteral := "-" (number | "inf" | "nan")
  private mutating func signedLiteral(_ token: inout IRToken) throws(Diagnostic) {
    if let next = peek(1), Self.isDigit(next) {
      try number(&token)
      return
    }
    let start = position
    position += 1
    while let b = current, Self.isNameByte(b) { position += 1 }
    switch text(from: start) {
    case "-inf": token.constant = .f64(-.infinity)
    case "-nan": token.constant = .f64(-.nan)
    default:
      throw IRParseDiagnostics.malformedNumber(text(from: start), at: location(token))
    }
    token.kind = .literal
  }

  // number := "-"? digit+ ("." digit+)? (("e" | "E") ("+" | "-")? digit+)?
  private mutating func number(_ token: inout IRToken) throws(Diagnostic) {
    let start = position
    var isFloat = false
    if current == UInt8(ascii: "-") { position += 1 }
    skipDigits()
    if current == UInt8(ascii: "."), let d = peek(1), Self.isDigit(d) {
      isFloat = true
      position += 1
      skipDigits()
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      let save = position
      position += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
      if let d = current, Self.isDigit(d) {
        isFloat = true
        skipDigits()
      } else {
        position = save
      }
    }
    if let b = current, Self.isNameByte(b) {
      while let b = current, Self.isNameByte(b) { position += 1 }
      throw IRParseDiagnostics.malformedNumber(text(from: start), at: location(token))
    }
    let spelling = text(from: start)
    token.kind = .literal
    if isFloat {
      guard let value = Double(spelling), value.isFinite else {
        throw IRParseDiagnostics.numberOutOfRange(spelling, type: .f64, at: location(token))
      }
      token.constant = .f64(value)
    } else {
      guard let value = Int64(spelling) else {
        throw IRParseDiagnostics.numberOutOfRange(spelling, type: .i64, at: location(token))
      }
      token.constant = .i64(value)
    }
  }

  private mutating func skipDigits() {
    while let b = current, Self.isDigit(b) { position += 1 }
  }

  // MARK: - References and strings

  // reference := ("@" | "%" | "$") (nameByte+ | string | "#" "-"? digit+)
  private mutating func reference(_ token: inout IRToken) throws(Diagnostic) {
    token.kind = .reference
    token.sigil = bytes[position]
    position += 1
    if current == UInt8(ascii: "\"") {
      token.text = try string()
      token.isQuoted = true
    } else if current == UInt8(ascii: "#") {
      position += 1
      let start = position
      if current == UInt8(ascii: "-") { position += 1 }
      skipDigits()
      guard let index = Int(text(from: start)) else {
        throw IRParseDiagnostics.expected(
          "an index after `#`",
          found: describeNext(),
          at: location(line: line, column: position - lineStart + 1)
        )
      }
      token.index = index
    } else {
      let start = position
      while let b = current, Self.isNameByte(b) { position += 1 }
      guard position > start else {
        let sigil = String(UnicodeScalar(token.sigil))
        throw IRParseDiagnostics.expected(
          "a name after `\(sigil)`",
          found: describeNext(),
          at: location(line: line, column: position - lineStart + 1)
        )
      }
      token.text = text(from: start)
    }
  }

  private func describeNext() -> String {
    guard let byte = current else { return "end of input" }
    if byte == UInt8(ascii: "\n") { return "end of line" }
    if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { return "a space" }
    return describe(at: position)
  }

  // string := '"' (char | "\" ('"' | "\" | "n" | "r" | "t" | "u{" hex+ "}"))* '"'
  private mutating func string() throws(Diagnostic) -> String {
    let open = location(line: line, column: position - lineStart + 1)
    position += 1
    var out: [UInt8] = []
    while let byte = current, byte != UInt8(ascii: "\n") {
      position += 1
      if byte == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
      if byte == UInt8(ascii: "\\") {
        try escape(into: &out)
      } else {
        out.append(byte)
      }
    }
    throw IRParseDiagnostics.unterminatedString(at: open)
  }

  private mutating func escape(into out: inout [UInt8]) throws(Diagnostic) {
    let at = location(line: line, column: position - lineStart)
    guard let byte = current else { throw IRParseDiagnostics.invalidEscape("\\", at: at) }
    position += 1
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
    case UInt8(ascii: "n"): out.append(0x0A)
    case UInt8(ascii: "r"): out.append(0x0D)
    case UInt8(ascii: "t"): out.append(0x09)
    case UInt8(ascii: "u"):
      let start = position
      guard current == UInt8(ascii: "{") else {
        throw IRParseDiagnostics.invalidEscape("\\u", at: at)
      }
      position += 1
      while let b = current, Self.isLetter(b) || Self.isDigit(b) { position += 1 }
      let digits = String(decoding: bytes[(start + 1)..<position], as: UTF8.self)
      guard current == UInt8(ascii: "}"), digits.count <= 8, let value = UInt32(digits, radix: 16),
        let scalar = UnicodeScalar(value)
      else {
        throw IRParseDiagnostics.invalidEscape("\\u" + text(from: start), at: at)
      }
      position += 1
      out.append(contentsOf: Array(String(Character(scalar)).utf8))
    default:
      let shown = byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "?"
      throw IRParseDiagnostics.invalidEscape("\\" + shown, at: at)
    }
  }
}
