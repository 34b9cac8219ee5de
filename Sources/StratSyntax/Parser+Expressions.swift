import StratDiagnostics

extension Parser {
  // expr := "if" expr "then" expr "else" expr | or_expr
  mutating func parseExpression() -> Expr {
    guard enterNesting() else { return .error(current.span) }
    defer { depth -= 1 }
    if at(.keyword(.if)) {
      let start = advance().span.start
      let condition = parseExpression()
      var tallest = height
      guard at(.keyword(.then)) else {
        error("parse.expected-then", "expected `then` after the condition of `if`; found \(current.describedForUser)", at: current.span)
        return .error(span(from: start))
      }
      advance()
      let whenTrue = parseExpression()
      tallest = max(tallest, height)
      guard at(.keyword(.else)) else {
        error(
          "parse.expected-else",
          "expected `else`: an `if` expression needs a value for both cases; found \(current.describedForUser)",
          at: current.span)
        return .error(span(from: start))
      }
      advance()
      let whenFalse = parseExpression()
      height = max(tallest, height) + 1
      guard withinHeight() else { return .error(span(from: start)) }
      return .ifElse(condition, whenTrue, whenFalse, span(from: start))
    }
    return parseBinary(level: 0)
  }

  /// Binary levels, loosest first: or, and, comparison, additive, multiplicative.
  private static let levels: [[(TokenKind, BinaryOperator)]] = [
    [(.keyword(.or), .or)],
    [(.keyword(.and), .and)],
    [
      (.symbol(.less), .less), (.symbol(.lessEqual), .lessEqual), (.symbol(.greater), .greater),
      (.symbol(.greaterEqual), .greaterEqual), (.symbol(.equal), .equal),
      (.symbol(.notEqual), .notEqual),
    ],
    [(.symbol(.plus), .add), (.symbol(.minus), .subtract)],
    [(.symbol(.star), .multiply), (.symbol(.slash), .divide), (.symbol(.percent), .remainder)],
  ]

  mutating func parseAdditive() -> Expr { parseBinary(level: 3) }

  // or_expr, and_expr, comparison, additive, term: one loop driven by the table above
  private mutating func parseBinary(level: Int) -> Expr {
    guard level < Self.levels.count else { return parseUnary() }
    if level == 2, at(.keyword(.not)) { return parseNot() }
    var left = parseBinary(level: level + 1)
    // A chain `a + b + c` is a left-leaning tree: each operator makes it one taller but nests
    // nothing, so it counts toward the height only.
    var leftHeight = height
    while let (_, op) = Self.levels[level].first(where: { $0.0 == current.kind }) {
      let operatorSpan = advance().span
      let right = parseBinary(level: level + 1)
      height = max(leftHeight, height) + 1
      leftHeight = height
      guard withinHeight() else { return .error(left.span) }
      left = .binary(op, left, right, operatorSpan: operatorSpan)
      if op.isComparison, Self.levels[level].contains(where: { $0.0 == current.kind }) {
        error(
          "parse.chained-comparison",
          "comparisons cannot be chained; write `a < b and b < c`", at: current.span)
      }
    }
    return left
  }

  // not_expr := "not" not_expr | comparison
  private mutating func parseNot() -> Expr {
    guard enterNesting() else { return .error(current.span) }
    defer { depth -= 1 }
    let start = advance().span.start
    let operand = at(.keyword(.not)) ? parseNot() : parseBinary(level: 3).comparedIfNeeded(&self)
    height += 1
    return .unary(.not, operand, span(from: start))
  }

  // unary := ("-" | "+") unary | postfix
  private mutating func parseUnary() -> Expr {
    if atSymbol(.minus) || atSymbol(.plus) {
      guard enterNesting() else { return .error(current.span) }
      defer { depth -= 1 }
      let token = advance()
      let operand = parseUnary()
      height += 1
      return .unary(token.kind == .symbol(.minus) ? .negate : .plus, operand, span(from: token.span.start))
    }
    return parsePostfix()
  }

  // postfix := primary { "[" expr "]" | "." IDENT }
  private mutating func parsePostfix() -> Expr {
    let start = current.span.start
    var expr = parsePrimary()
    while true {
      if atSymbol(.leftBracket) {
        advance()
        let baseHeight = height
        let lag = parseExpression()
        expect(.rightBracket, "to close the lag")
        height = max(baseHeight, height) + 1
        guard withinHeight() else { return .error(span(from: start)) }
        expr = .lag(expr, lag, span(from: start))
      } else if atSymbol(.dot) {
        advance()
        guard let member = expectIdentifier("a field name after `.`") else { return .error(span(from: start)) }
        height += 1
        guard withinHeight() else { return .error(span(from: start)) }
        expr = .member(expr, member)
      } else {
        return expr
      }
    }
  }

  // primary := NUMBER | DURATION | "true" | "false" | IDENT [ "(" args ")" ] | "(" expr ")"
  private mutating func parsePrimary() -> Expr {
    let token = current
    height = 1
    switch token.kind {
    case .number:
      advance()
      guard let value = Double(token.text), value.isFinite else {
        error("parse.number-out-of-range", "the number `\(token.text)` is too large", at: token.span)
        return .error(token.span)
      }
      // An integer literal keeps its exact value (a Double holds only 53 bits); one beyond the
      // Int range is a Float.
      return .number(value, integer: Int64(token.text), token.span)
    case .duration:
      advance()
      return durationLiteral(token)
    case .keyword(.true), .keyword(.false):
      advance()
      return .bool(token.kind == .keyword(.true), token.span)
    case .identifier:
      advance()
      let name = Identifier(name: token.text, span: token.span)
      guard atSymbol(.leftParen) else { return .name(name) }
      advance()
      let (args, argumentsHeight) = parseArguments()
      height = argumentsHeight + 1
      expect(.rightParen, "to close the argument list of `\(name.name)`")
      return .call(name, args, span(from: token.span.start))
    case .symbol(.leftParen):
      advance()
      let inner = parseExpression()
      let innerHeight = height
      expect(.rightParen, "to close the parenthesis")
      height = innerHeight
      return inner
    default:
      error("parse.expected-expression", "expected a value; found \(token.describedForUser)", at: token.span)
      return .error(token.span)
    }
  }

  private mutating func durationLiteral(_ token: Token) -> Expr {
    let text = token.text
    guard let ns = DurationLiteral.nanoseconds(text) else {
      error("parse.number-out-of-range", "the duration `\(text)` is too long", at: token.span)
      return .error(token.span)
    }
    return .duration(nanoseconds: ns, token.span)
  }

  /// A call's arguments and the height of the tallest.
  private mutating func parseArguments() -> ([Expr], Int) {
    var items: [Expr] = []
    var tallest = 0
    while !atSymbol(.rightParen) && !at(.end) {
      items.append(parseExpression())
      tallest = max(tallest, height)
      if !atSymbol(.comma) { break }
      advance()
    }
    return (items, tallest)
  }

  /// False, after reporting once and skipping the rest of the declaration, when the expression
  /// being built is taller than the limit: every later pass walks it recursively.
  mutating func withinHeight() -> Bool {
    if height <= Parser.maximumHeight { return true }
    error(
      "parse.too-deep",
      "this expression is more than \(Parser.maximumHeight) operations deep (each operator of a chain such as `a + b + c` counts one)",
      at: current.span, notes: ["split it into several `let` declarations"])
    isAbandoningDeclaration = true
    synchronize()
    height = 1
    return false
  }

  /// Counts one level of nesting; past the limit reports once and skips the rest of the file's
  /// expression so that no input can exhaust the stack.
  mutating func enterNesting() -> Bool {
    depth += 1
    if depth <= Parser.maximumNesting { return true }
    error(
      "parse.too-deep",
      "this expression is nested more than \(Parser.maximumNesting) levels deep (parentheses, calls, unary operators, `if`s and lags each count)",
      at: current.span, notes: ["split it into several `let` declarations"])
    depth -= 1
    // Skip everything up to the next declaration so the parent parses stop at once, quietly.
    isAbandoningDeclaration = true
    synchronize()
    depth += 1
    return false
  }
}

extension Expr {
  /// After `not`, continues a comparison so that `not a > b` means `not (a > b)`.
  fileprivate func comparedIfNeeded(_ parser: inout Parser) -> Expr {
    let comparisons: [(TokenKind, BinaryOperator)] = [
      (.symbol(.less), .less), (.symbol(.lessEqual), .lessEqual), (.symbol(.greater), .greater),
      (.symbol(.greaterEqual), .greaterEqual), (.symbol(.equal), .equal),
      (.symbol(.notEqual), .notEqual),
    ]
    guard let (_, op) = comparisons.first(where: { $0.0 == parser.current.kind }) else {
      return self
    }
    let operatorSpan = parser.advance().span
    let leftHeight = parser.height
    let right = parser.parseAdditive()
    parser.height = max(leftHeight, parser.height) + 1
    return .binary(op, self, right, operatorSpan: operatorSpan)
  }
}
