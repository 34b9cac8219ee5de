import StratDiagnostics

/// Turns source bytes into tokens. Never fails: unreadable bytes become one `invalid` token per
/// run and one diagnostic, so any input at all ends in diagnostics, not a crash.
public struct Lexer {
  private let file: SourceFile
  private let bytes: [UInt8]
  private var offset = 0
  public private(set) var diagnostics: [Diagnostic] = []

  public init(file: SourceFile) {
    self.file = file
    self.bytes = file.bytes
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }  // UTF-8 byte order mark
  }

  /// Returns every token of the file, ending with `.end`.
  public static func tokenize(_ file: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
    var lexer = Lexer(file: file)
    var tokens: [Token] = []
    while true {
      let token = lexer.next()
      tokens.append(token)
      if token.kind == .end { break }
    }
    return (tokens, lexer.diagnostics)
  }

  /// Returns the next token.
  public mutating func next() -> Token {
    skipTrivia()
    guard offset < bytes.count else { return make(.end, from: offset) }
    let start = offset
    let byte = bytes[offset]
    if isIdentifierStart(byte) { return identifier(from: start) }
    if isDigit(byte) { return number(from: start) }
    if byte == UInt8(ascii: "\"") { return string(from: start) }
    if let symbol = symbol() { return make(.symbol(symbol), from: start) }
    return invalid(from: start)
  }

  // MARK: - Trivia

  private mutating func skipTrivia() {
    while offset < bytes.count {
      let byte = bytes[offset]
      if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
        offset += 1
      } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "/") {
        while offset < bytes.count, bytes[offset] != 0x0A { offset += 1 }
      } else {
        return
      }
    }
  }

  // MARK: - Words, numbers, strings

  private mutating func identifier(from start: Int) -> Token {
    while offset < bytes.count, isIdentifierContinue(bytes[offset]) { offset += 1 }
    let text = String(decoding: bytes[start..<offset], as: UTF8.self)
    if let keyword = Keyword(rawValue: text) { return make(.keyword(keyword), from: start) }
    return make(.identifier, from: start)
  }

  // NUMBER | DURATION | TIME_OF_DAY
  private mutating func number(from start: Int) -> Token {
    while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
    if offset - start == 2, peek(0) == UInt8(ascii: ":"), isDigit(peek(1)), isDigit(peek(2)),
      !isIdentifierContinue(peek(3))
    {
      offset += 3
      return make(.timeOfDay, from: start)
    }
    var isInteger = true
    if peek(0) == UInt8(ascii: "."), isDigit(peek(1)) {
      isInteger = false
      offset += 1
      while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
    }
    if peek(0) == UInt8(ascii: "e") || peek(0) == UInt8(ascii: "E") {
      let signed = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-")
      if isDigit(peek(signed ? 2 : 1)) {
        isInteger = false
        offset += signed ? 2 : 1
        while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
      }
    }
    if isInteger, let suffixLength = durationSuffixLength() {
      offset += suffixLength
      return make(.duration, from: start)
    }
    if offset < bytes.count, isIdentifierStart(bytes[offset]) {
      while offset < bytes.count, isIdentifierContinue(bytes[offset]) { offset += 1 }
      report(
        "lex.bad-number", "`\(file.text(start..<offset))` is not a number",
        from: start,
        note: "durations are written as a whole number and a unit: 250ms, 30s, 5m, 1h, 1d")
      return make(.invalid, from: start)
    }
    return make(.number, from: start)
  }

  private func durationSuffixLength() -> Int? {
    for (suffix, _) in DurationLiteral.units {
      let units = Array(suffix.utf8)
      if (0..<units.count).allSatisfy({ peek($0) == units[$0] }),
        !isIdentifierContinue(peek(units.count))
      {
        return units.count
      }
    }
    return nil
  }

  private mutating func string(from start: Int) -> Token {
    offset += 1
    while offset < bytes.count {
      switch bytes[offset] {
      case UInt8(ascii: "\""):
        offset += 1
        return make(.string, from: start)
      case UInt8(ascii: "\\"):
        offset += min(2, bytes.count - offset)
      case 0x0A:
        report("lex.unterminated-string", "this string has no closing `\"`", from: start)
        return make(.invalid, from: start)
      default:
        offset += 1
      }
    }
    report("lex.unterminated-string", "this string has no closing `\"`", from: start)
    return make(.invalid, from: start)
  }

  // MARK: - Symbols and bad bytes

  private mutating func symbol() -> Symbol? {
    let two: [String: Symbol] = ["..": .dotDot, "->": .arrow, "<=": .lessEqual, ">=": .greaterEqual,
      "==": .equal, "!=": .notEqual]
    if offset + 1 < bytes.count {
      let pair = String(decoding: bytes[offset..<offset + 2], as: UTF8.self)
      if let symbol = two[pair] {
        offset += 2
        return symbol
      }
    }
    let one = String(decoding: [bytes[offset]], as: UTF8.self)
    guard let symbol = Symbol(rawValue: one), one.utf8.count == 1 else { return nil }
    offset += 1
    return symbol
  }

  private mutating func invalid(from start: Int) -> Token {
    // One diagnostic for a whole run of unreadable bytes (binary input would otherwise flood).
    while offset < bytes.count, !isTokenStart(bytes[offset]) { offset += 1 }
    if offset == start { offset += 1 }
    let shown = file.text(start..<min(offset, start + 8))
    let printable = shown.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
    let what = printable ? "`\(shown)`" : "byte 0x\(String(bytes[start], radix: 16, uppercase: true))"
    report(
      "lex.unexpected-character", "unexpected \(what)\(offset - start > 1 ? " (and \(offset - start - 1) more bytes)" : "")",
      from: start, note: "a .strat file is UTF-8 text of names, numbers, strings and operators")
    return make(.invalid, from: start)
  }

  private mutating func report(_ id: String, _ message: String, from start: Int, note: String? = nil) {
    let span = SourceSpan(file: file, start: start, end: max(offset, start + 1))
    diagnostics.append(
      Diagnostic(id: id, message: message, primary: Label(span), notes: note.map { [$0] } ?? []))
  }

  private func make(_ kind: TokenKind, from start: Int) -> Token {
    Token(kind: kind, span: SourceSpan(file: file, start: start, end: offset))
  }

  private func peek(_ distance: Int) -> UInt8 {
    offset + distance < bytes.count ? bytes[offset + distance] : 0
  }

  private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
  private func isIdentifierStart(_ b: UInt8) -> Bool {
    (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
  }
  private func isIdentifierContinue(_ b: UInt8) -> Bool { isIdentifierStart(b) || isDigit(b) }
  private func isTokenStart(_ b: UInt8) -> Bool {
    isIdentifierContinue(b) || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x22
      || "(){}[],:.=+-*/<>!".utf8.contains(b)
  }
}
