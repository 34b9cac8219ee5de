import StratDiagnostics

/// The kinds of token of the .strat language.
public enum TokenKind: Sendable, Equatable {
  case identifier
  case keyword(Keyword)
  case number  // 12, 2.5, 1e-3
  case duration  // 5m, 250ms, 1d
  case timeOfDay  // 09:30
  case string  // "GLD"
  case symbol(Symbol)
  case invalid  // bytes the lexer could not read (already reported)
  case end
}

/// Reserved words. Contextual words (`weights`, `bias`, `limit`, `hours`, …) are identifiers.
public enum Keyword: String, Sendable, CaseIterable {
  case strategy, instrument, param, `let`, state, fn, model, when, target, flat, buy, sell
  case risk, schedule, `if`, then, `else`, and, or, not, `true`, `false`, `in`
}

/// Punctuation and operators.
public enum Symbol: String, Sendable, CaseIterable {
  case leftParen = "(", rightParen = ")", leftBrace = "{", rightBrace = "}"
  case leftBracket = "[", rightBracket = "]", comma = ",", colon = ":", dot = "."
  case dotDot = "..", arrow = "->", assign = "=", plus = "+", minus = "-", star = "*"
  case slash = "/", percent = "%", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
  case equal = "==", notEqual = "!="
}

/// One token: its kind and where it is.
public struct Token: Sendable {
  public let kind: TokenKind
  public let span: SourceSpan

  public init(kind: TokenKind, span: SourceSpan) {
    self.kind = kind
    self.span = span
  }

  /// The token's source text.
  public var text: String { span.text }

  /// A short description for "expected …, found …" messages.
  public var describedForUser: String {
    switch kind {
    case .end: "the end of the file"
    case .identifier: "name `\(text)`"
    case .keyword(let k): "keyword `\(k.rawValue)`"
    case .number: "number `\(text)`"
    case .duration: "duration `\(text)`"
    case .timeOfDay: "time of day `\(text)`"
    case .string: "string \(text.count > 40 ? String(text.prefix(40)) + "…" : text)"
    case .symbol(let s): "`\(s.rawValue)`"
    case .invalid: "unreadable input"
    }
  }
}
