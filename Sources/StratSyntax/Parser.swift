import StratDiagnostics

/// Parses tokens into a `Program`, recovering after errors (panic mode: skip to the next
/// declaration keyword) so one run reports many errors.
public struct Parser {
  /// Deepest expression nesting accepted; deeper input is reported, never a stack overflow.
  public static let maximumNesting = 256
  /// Tallest expression tree accepted, operator chains included (`a + b + c` is 3 tall): every
  /// later pass walks the tree recursively, so this bounds their stack.
  public static let maximumHeight = 1024

  var tokens: [Token]
  var position = 0
  var depth = 0
  /// The height of the expression tree the last expression parse returned.
  var height = 0
  /// Set after a too-deep expression: the frames unwinding from it report nothing more.
  var isAbandoningDeclaration = false
  let file: SourceFile
  public private(set) var diagnostics: [Diagnostic] = []

  /// Lexes and parses a whole file.
  public static func parse(_ file: SourceFile) -> (program: Program, diagnostics: [Diagnostic]) {
    let (tokens, lexDiagnostics) = Lexer.tokenize(file)
    var parser = Parser(tokens: tokens, file: file)
    let program = parser.parseProgram()
    return (program, lexDiagnostics + parser.diagnostics)
  }

  /// Indices (into `tokens`) of the tokens that came right after a dropped invalid token.
  let afterInvalid: Set<Int>

  init(tokens: [Token], file: SourceFile) {
    // Invalid tokens were reported by the lexer; dropping them lets parsing continue, and an
    // error where one was dropped is the same problem again, so it is not reported twice.
    var kept: [Token] = []
    var afterInvalid: Set<Int> = []
    for token in tokens {
      if token.kind == .invalid {
        afterInvalid.insert(kept.count)
      } else {
        kept.append(token)
      }
    }
    self.tokens = kept
    self.afterInvalid = afterInvalid
    self.file = file
  }

  // MARK: - Program

  // program := "strategy" IDENT { declaration }
  mutating func parseProgram() -> Program {
    var name: Identifier?
    if at(.keyword(.strategy)) {
      advance()
      name = expectIdentifier("a strategy name after `strategy`")
    } else {
      error(
        "parse.missing-strategy", "a .strat file starts with `strategy NAME`; found \(current.describedForUser)",
        at: current.span, fixIt: ("strategy my_strategy\n", "start the file with a strategy header"))
    }
    var declarations: [Declaration] = []
    while !at(.end) {
      isAbandoningDeclaration = false
      let before = position
      let errorsBefore = diagnostics.count
      if let declaration = parseDeclaration() { declarations.append(declaration) }
      if position == before {
        synchronize()
      } else if diagnostics.count > errorsBefore && !atDeclarationStart {
        // The declaration failed part-way: what is left of it is not news.
        synchronize()
      }
    }
    return Program(name: name, declarations: declarations, file: file)
  }

  // declaration := instrument | param | let | state | function | model | rule | risk | schedule
  mutating func parseDeclaration() -> Declaration? {
    guard case .keyword(let keyword) = current.kind else {
      error(
        "parse.expected-declaration",
        "expected a declaration (instrument, param, let, state, fn, model, when, risk or schedule); found \(current.describedForUser)",
        at: current.span)
      synchronize()
      return nil
    }
    switch keyword {
    case .instrument: return parseInstrument().map(Declaration.instrument)
    case .param: return parseParam().map(Declaration.param)
    case .let: return parseLet().map(Declaration.let)
    case .state: return parseState().map(Declaration.state)
    case .fn: return parseFunction().map(Declaration.function)
    case .model: return parseModel().map(Declaration.model)
    case .when: return parseRule().map(Declaration.rule)
    case .risk: return parseRisk().map(Declaration.risk)
    case .schedule: return parseSchedule().map(Declaration.schedule)
    case .strategy:
      error("parse.duplicate-strategy", "a file declares one strategy; this is a second `strategy`", at: current.span)
      advance()
      _ = expectIdentifier("a strategy name")
      return nil
    default:
      error(
        "parse.expected-declaration",
        "expected a declaration; found \(current.describedForUser)", at: current.span)
      synchronize()
      return nil
    }
  }

  /// Skips to the next token that can start a declaration.
  mutating func synchronize() {
    if !at(.end) { advance() }
    while !at(.end) {
      if case .keyword(let k) = current.kind,
        [.instrument, .param, .let, .state, .fn, .model, .when, .risk, .schedule, .strategy]
          .contains(k)
      {
        return
      }
      advance()
    }
  }

  // MARK: - Token helpers

  var current: Token { tokens[position] }

  func at(_ kind: TokenKind) -> Bool { current.kind == kind }

  func atSymbol(_ symbol: Symbol) -> Bool { current.kind == .symbol(symbol) }

  func atWord(_ word: String) -> Bool { current.kind == .identifier && current.text == word }

  @discardableResult
  mutating func advance() -> Token {
    let token = current
    if position < tokens.count - 1 { position += 1 }
    return token
  }

  var previousEnd: Int { position > 0 ? tokens[position - 1].span.end : 0 }

  /// Consumes the symbol or reports what was expected; returns whether it was there.
  @discardableResult
  mutating func expect(_ symbol: Symbol, _ context: String) -> Bool {
    if atSymbol(symbol) {
      advance()
      return true
    }
    error(
      "parse.expected-symbol", "expected `\(symbol.rawValue)` \(context); found \(current.describedForUser)",
      at: current.span)
    return false
  }

  mutating func expectIdentifier(_ what: String) -> Identifier? {
    if at(.identifier) {
      let token = advance()
      return Identifier(name: token.text, span: token.span)
    }
    var notes: [String] = []
    if case .keyword(let k) = current.kind {
      notes.append("`\(k.rawValue)` is a reserved word and cannot be used as a name")
    }
    error(
      "parse.expected-name", "expected \(what); found \(current.describedForUser)", at: current.span,
      notes: notes)
    return nil
  }

  mutating func error(
    _ id: String, _ message: String, at span: SourceSpan, notes: [String] = [],
    fixIt: (String, String)? = nil
  ) {
    guard !isAbandoningDeclaration, !afterInvalid.contains(position) else { return }
    let fixIts = fixIt.map { [FixIt(span: SourceSpan(file: file, start: span.start, end: span.start), replacement: $0.0, message: $0.1)] } ?? []
    diagnostics.append(
      Diagnostic(id: id, message: message, primary: Label(span), notes: notes, fixIts: fixIts))
  }

  func span(from start: Int) -> SourceSpan {
    SourceSpan(file: file, start: start, end: max(start, previousEnd))
  }
}
