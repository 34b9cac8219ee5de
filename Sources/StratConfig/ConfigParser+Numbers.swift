import StratDiagnostics

// integer := [ "+" | "-" ] ( "0" | DIGIT1-9 { [ "_" ] DIGIT } )          (64-bit)
// float   := integer ( fraction [ exponent ] | exponent )                 (finite)
// fraction := "." DIGIT { [ "_" ] DIGIT }
// exponent := ( "e" | "E" ) [ "+" | "-" ] DIGIT { [ "_" ] DIGIT }

extension ConfigParser {
  mutating func parseNumber() throws(Diagnostic) -> ConfigValue {
    let start = position
    while let byte = peek(), ConfigText.isNumberToken(byte) { position += 1 }
    let token = Array(bytes[start..<position])
    let text = String(decoding: token, as: UTF8.self)
    if let problem = Self.outsideSubset(token) {
      throw error("`\(text)`: \(problem)", at: start)
    }
    let (digits, isFloat) = try cleanedNumber(token, start: start)
    let valueSpan = span(from: start)
    if !isFloat {
      guard let value = Int64(digits) else {
        throw error(
          "`\(text)` is out of range: integers are 64-bit, from -9223372036854775808 to 9223372036854775807",
          at: start
        )
      }
      return ConfigValue(.integer(value), span: valueSpan)
    }
    guard let value = Double(digits), value.isFinite else {
      throw error("`\(text)` is out of range for a 64-bit float", at: start)
    }
    return ConfigValue(.float(value, text: digits), span: valueSpan)
  }

  /// Why a number-like token is TOML but not in the subset, or nil.
  static func outsideSubset(_ token: [UInt8]) -> String? {
    let unsigned =
      token.first == UInt8(ascii: "+") || token.first == UInt8(ascii: "-")
      ? Array(token.dropFirst()) : token
    if unsigned == Array("inf".utf8) || unsigned == Array("nan".utf8) {
      return "inf and nan are not in the subset; limits and settings are finite numbers"
    }
    if token.contains(UInt8(ascii: ":"))
      || (token.count >= 5 && token[0..<4].allSatisfy(ConfigText.isDigit)
        && token[4] == UInt8(ascii: "-"))
    {
      return
        "dates and times are not in the subset; write a date as a string, such as \"2012-06-21\""
    }
    if token.count >= 2, token[0] == UInt8(ascii: "0"),
      [UInt8(ascii: "x"), UInt8(ascii: "o"), UInt8(ascii: "b")].contains(token[1])
    {
      return
        "hexadecimal, octal and binary integers are not in the subset; write the number in decimal"
    }
    return nil
  }

  /// The number's text without `_` (what `Int64` or `Double` reads), and whether it is a float;
  /// an error at the first byte that breaks the grammar.
  func cleanedNumber(_ token: [UInt8], start: Int) throws(Diagnostic) -> (String, Bool) {
    var out: [UInt8] = []
    var at = 0
    if token.first == UInt8(ascii: "+") || token.first == UInt8(ascii: "-") {
      out.append(token[0])
      at = 1
    }
    let integerStart = at
    if at == 0, !ConfigText.isDigit(token[0]) {
      throw error(
        "expected a value (a string, number, boolean, array or inline table); found `\(String(decoding: token, as: UTF8.self))`",
        at: start
      )
    }
    try digitRun(token, &at, into: &out, start: start, after: "the sign")
    if token[integerStart] == UInt8(ascii: "0"), at - integerStart > 1 {
      throw error("a number may not start with a leading zero", at: start + integerStart)
    }
    var isFloat = false
    if at < token.count, token[at] == UInt8(ascii: ".") {
      out.append(token[at])
      at += 1
      try digitRun(token, &at, into: &out, start: start, after: "the decimal point")
      isFloat = true
    }
    if at < token.count, token[at] == UInt8(ascii: "e") || token[at] == UInt8(ascii: "E") {
      out.append(token[at])
      at += 1
      if at < token.count, token[at] == UInt8(ascii: "+") || token[at] == UInt8(ascii: "-") {
        out.append(token[at])
        at += 1
      }
      try digitRun(token, &at, into: &out, start: start, after: "the exponent's `e`")
      isFloat = true
    }
    if at < token.count {
      let text = String(decoding: token, as: UTF8.self)
      throw error(
        "expected a number such as 42, -7, 1_000, 0.5 or 1e-3; `\(text)` is not one",
        at: start + at
      )
    }
    return (String(decoding: out, as: UTF8.self), isFloat)
  }

  /// DIGIT { [ "_" ] DIGIT } at `at`, appended without the underscores.
  func digitRun(
    _ token: [UInt8],
    _ at: inout Int,
    into out: inout [UInt8],
    start: Int,
    after what: String
  ) throws(Diagnostic) {
    guard at < token.count, ConfigText.isDigit(token[at]) else {
      throw error("expected a digit after \(what)", at: start + at)
    }
    while at < token.count {
      if ConfigText.isDigit(token[at]) {
        out.append(token[at])
        at += 1
      } else if token[at] == UInt8(ascii: "_") {
        guard at + 1 < token.count, ConfigText.isDigit(token[at + 1]) else {
          throw error("an underscore in a number must sit between two digits", at: start + at)
        }
        at += 1
      } else {
        return
      }
    }
  }
}
