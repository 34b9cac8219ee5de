import StratDiagnostics
import StratSyntax
import Testing

/// `cases/lex/*.strat`: the token stream, one token per line, then the lexer's diagnostics,
/// compared with the golden `NAME.expected` beside the case.
@Suite struct LexFiletests {
  static let cases = Corpus.cases("lex")

  @Test(arguments: cases)
  func tokenStreamMatchesGolden(_ test: Filetest) throws {
    let directives = CaseDirectives(text: try test.text())
    directives.requireStage("lex", in: test)
    let file = try test.sourceFile()
    let (tokens, diagnostics) = Lexer.tokenize(file)
    let dump = TokenDump.text(tokens, diagnostics: diagnostics)
    directives.run {
      Golden.check(
        dump,
        against: test.companion("expected"),
        for: test,
        mayBless: directives.knownIssue == nil
      )
    }
  }

  @Test func corpusHasEnoughCases() { #expect(Self.cases.count >= 5) }
}

/// Prints tokens as `LINE:COL kind text` and diagnostics as `LINE:COL severity[id]: message`.
enum TokenDump {
  static func text(_ tokens: [Token], diagnostics: [Diagnostic]) -> String {
    var out = ""
    for token in tokens {
      let (line, column) = token.span.file.position(of: token.span.start)
      out += "\(line):\(column) \(kindName(token.kind))"
      if token.kind != .end { out += " \(escaped(token.text))" }
      out += "\n"
    }
    for diagnostic in diagnostics {
      let place = diagnostic.lineAndColumn.map { "\($0.line):\($0.column)" } ?? "-"
      out += "\(place) \(diagnostic.severity.rawValue)[\(diagnostic.id)]: \(diagnostic.message)\n"
    }
    return out
  }

  static func kindName(_ kind: TokenKind) -> String {
    switch kind {
    case .identifier: "identifier"
    case .keyword: "keyword"
    case .number: "number"
    case .duration: "duration"
    case .timeOfDay: "time-of-day"
    case .string: "string"
    case .symbol: "symbol"
    case .invalid: "invalid"
    case .end: "end"
    }
  }

  /// The text with control characters and non-ASCII written as `\u{XX}` (goldens stay ASCII).
  static func escaped(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      if scalar.value >= 0x20, scalar.value < 0x7F {
        out.unicodeScalars.append(scalar)
      } else {
        out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      }
    }
    return out
  }
}
