import StratDiagnostics
import StratSyntax
import Testing

@Suite struct LexerTests {
  static func tokens(_ text: String) -> (kinds: [TokenKind], texts: [String], ids: [String]) {
    let (tokens, diagnostics) = Lexer.tokenize(SourceFile(path: "t.strat", text: text))
    let real = tokens.dropLast()
    return (real.map(\.kind), real.map(\.text), diagnostics.map(\.id))
  }

  @Test(arguments: [
    ("250ms", TokenKind.duration), ("30s", .duration), ("5m", .duration), ("1h", .duration),
    ("1d", .duration), ("0s", .duration), ("09:30", .timeOfDay), ("24:00", .timeOfDay),
    ("00:00", .timeOfDay), ("42", .number), ("2.5", .number), ("1e-3", .number),
    ("6.02E23", .number), ("\"GLD\"", .string), ("\"a \\\" b\"", .string), ("spread", .identifier),
    ("_x1", .identifier), ("weights", .identifier), ("Price", .identifier), ("time", .identifier),
    ("when", .keyword(.when)), ("not", .keyword(.not)), ("in", .keyword(.in)),
    ("..", .symbol(.dotDot)), ("->", .symbol(.arrow)), ("<=", .symbol(.lessEqual)),
    ("!=", .symbol(.notEqual)), ("==", .symbol(.equal)), ("=", .symbol(.assign)),
  ])
  func singleTokenHasItsKind(text: String, kind: TokenKind) {
    let lexed = Self.tokens(text)
    #expect(lexed.kinds == [kind])
    #expect(lexed.texts == [text])
    #expect(lexed.ids.isEmpty)
  }

  @Test(arguments: [
    ("9:30", [TokenKind.number, .symbol(.colon), .number]),
    ("1..5", [.number, .symbol(.dotDot), .number]),
    ("0.5..4.0", [.number, .symbol(.dotDot), .number]),
    (
      "a.close[1]",
      [
        .identifier, .symbol(.dot), .identifier, .symbol(.leftBracket), .number,
        .symbol(.rightBracket),
      ]
    ),
    ("x-1", [.identifier, .symbol(.minus), .number]),
    ("1.", [.number, .symbol(.dot)]),
  ])
  func sequencesSplitAsTheGrammarSays(text: String, kinds: [TokenKind]) {
    #expect(Self.tokens(text).kinds == kinds)
  }

  @Test(arguments: [
    ("5min", "lex.bad-number"), ("2.5s", "lex.bad-number"), ("3e", "lex.bad-number"),
    ("\"open", "lex.unterminated-string"), ("@", "lex.unexpected-character"),
    ("\u{FF}", "lex.unexpected-character"),
  ])
  func badInputIsOneInvalidTokenAndOneDiagnostic(text: String, id: String) {
    let lexed = Self.tokens(text)
    #expect(lexed.kinds == [.invalid])
    #expect(lexed.ids == [id])
  }

  @Test func runOfBadBytesIsReportedOnce() {
    let (tokens, diagnostics) = Lexer.tokenize(
      SourceFile(path: "b.strat", bytes: [0x00, 0x01, 0xFF, 0xFE, 0x20, 0x61])
    )
    #expect(tokens.map(\.kind) == [.invalid, .identifier, .end])
    #expect(diagnostics.map(\.message) == ["unexpected byte 0x0 (and 3 more bytes)"])
  }

  @Test func commentsAndByteOrderMarkAreSkipped() {
    let text = "\u{FEFF}// header\nstrategy s // trailing\r\n"
    #expect(Self.tokens(text).kinds == [.keyword(.strategy), .identifier])
  }

  @Test func everyKeywordIsReserved() {
    for keyword in Keyword.allCases {
      #expect(Self.tokens(keyword.rawValue).kinds == [.keyword(keyword)])
    }
  }

  @Test func spansAreByteOffsets() {
    let (tokens, _) = Lexer.tokenize(SourceFile(path: "s.strat", text: "é x"))
    let x = tokens.first { $0.kind == .identifier }
    #expect(x?.span.start == 3)
    #expect(x?.span.file.position(of: x!.span.start).column == 4)
  }
}
