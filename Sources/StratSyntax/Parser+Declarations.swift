import StratDiagnostics

extension Parser {
  // instrument := "instrument" IDENT [ "=" STRING ]
  mutating func parseInstrument() -> InstrumentDecl? {
    advance()
    guard let name = expectIdentifier("an instrument name after `instrument`") else { return nil }
    var symbol: String?
    if atSymbol(.assign) {
      advance()
      if at(.string) {
        symbol = unquote(advance().text)
      } else {
        error(
          "parse.expected-symbol-string",
          "expected the default market symbol as a string, like \"GLD\"; found \(current.describedForUser)",
          at: current.span)
      }
    }
    return InstrumentDecl(name: name, symbol: symbol)
  }

  // param := "param" IDENT ":" type "=" expr [ "in" expr ".." expr [ "step" expr ] ]
  mutating func parseParam() -> ParamDecl? {
    advance()
    guard let name = expectIdentifier("a parameter name after `param`"),
      expect(.colon, "and a type after the parameter name"), let type = parseType(),
      expect(.assign, "and a default value after the parameter type")
    else { return nil }
    let value = parseExpression()
    var range: (Expr, Expr, Expr?)?
    if at(.keyword(.in)) {
      advance()
      let low = parseAdditive()
      if expect(.dotDot, "between the low and high ends of the range") {
        let high = parseAdditive()
        var step: Expr?
        if atWord("step") {
          advance()
          step = parseAdditive()
        }
        range = (low, high, step)
      }
    }
    return ParamDecl(name: name, type: type, defaultValue: value, range: range)
  }

  // let := "let" IDENT [ ":" type ] "=" expr
  mutating func parseLet() -> LetDecl? {
    advance()
    guard let name = expectIdentifier("a name after `let`") else { return nil }
    var type: TypeName?
    if atSymbol(.colon) {
      advance()
      type = parseType()
    }
    guard expect(.assign, "after the name of a `let`") else { return nil }
    return LetDecl(name: name, type: type, value: parseExpression())
  }

  // state := "state" IDENT ":" type "=" expr
  mutating func parseState() -> StateDecl? {
    advance()
    guard let name = expectIdentifier("a name after `state`"),
      expect(.colon, "and a type after the state variable's name"), let type = parseType(),
      expect(.assign, "and an initial value")
    else { return nil }
    return StateDecl(name: name, type: type, initial: parseExpression())
  }

  // function := "fn" IDENT "(" [ IDENT ":" type { "," IDENT ":" type } ] ")" [ "->" type ] "=" expr
  mutating func parseFunction() -> FunctionDecl? {
    advance()
    guard let name = expectIdentifier("a function name after `fn`"),
      expect(.leftParen, "to open the parameter list")
    else { return nil }
    var parameters: [(Identifier, TypeName)] = []
    while !atSymbol(.rightParen) && !at(.end) {
      guard let p = expectIdentifier("a parameter name"), expect(.colon, "after the parameter name"),
        let t = parseType()
      else { return nil }
      parameters.append((p, t))
      if !atSymbol(.comma) { break }
      advance()
    }
    guard expect(.rightParen, "to close the parameter list") else { return nil }
    var result: TypeName?
    if atSymbol(.arrow) {
      advance()
      result = parseType()
    }
    guard expect(.assign, "before the function body") else { return nil }
    return FunctionDecl(name: name, parameters: parameters, result: result, body: parseExpression())
  }

  // model := "model" IDENT "=" ("linear"|"logistic") "(" expr {"," expr} ")"
  //          "weights" "[" expr {"," expr} "]" [ "bias" expr ]
  mutating func parseModel() -> ModelDecl? {
    advance()
    guard let name = expectIdentifier("a model name after `model`"),
      expect(.assign, "after the model name")
    else { return nil }
    guard at(.identifier), let kind = ModelDecl.Kind(rawValue: current.text) else {
      error(
        "parse.unknown-model-kind",
        "expected a model kind, `linear`, `logistic`, `xgboost`, `lightgbm` or `mlp`; found \(current.describedForUser)",
        at: current.span)
      return nil
    }
    let kindSpan = advance().span
    guard expect(.leftParen, "to open the feature list") else { return nil }
    if kind.readsFile { return parseModelFile(name: name, kind: kind, kindSpan: kindSpan) }
    let features = parseExpressionList(until: .rightParen)
    guard expect(.rightParen, "to close the feature list") else { return nil }
    guard atWord("weights") else {
      error(
        "parse.expected-weights", "expected `weights [...]` after the features; found \(current.describedForUser)",
        at: current.span)
      return nil
    }
    let weightsStart = advance().span.start
    guard expect(.leftBracket, "to open the weights") else { return nil }
    let weights = parseExpressionList(until: .rightBracket)
    guard expect(.rightBracket, "to close the weights") else { return nil }
    let weightsSpan = span(from: weightsStart)
    var bias: Expr?
    if atWord("bias") {
      advance()
      bias = parseExpression()
    }
    return ModelDecl(
      name: name, kind: kind, kindSpan: kindSpan, features: features, weights: weights,
      weightsSpan: weightsSpan, bias: bias)
  }

  // xgboost("m.json", f1, f2) [margin], after the `(`: the file, then the features.
  mutating func parseModelFile(name: Identifier, kind: ModelDecl.Kind, kindSpan: SourceSpan) -> ModelDecl? {
    guard at(.string) else {
      error(
        "parse.expected-model-file",
        "expected the model's file as a string, like \"model.json\"; found \(current.describedForUser)",
        at: current.span)
      return nil
    }
    let token = advance()
    let file = ModelDecl.File(path: unquote(token.text), span: token.span)
    guard expect(.comma, "between the model file and its features") else { return nil }
    let features = parseExpressionList(until: .rightParen)
    guard expect(.rightParen, "to close the feature list") else { return nil }
    var margin = false
    if atWord("margin") {
      advance()
      margin = true
    }
    var decl = ModelDecl(
      name: name, kind: kind, kindSpan: kindSpan, features: features, weights: [], weightsSpan: kindSpan, bias: nil)
    decl.file = file
    decl.margin = margin
    return decl
  }

  // type := "Bool" | "Int" | "Float" | "Price" | "Qty" | "Money" | "Duration" | "Time"
  mutating func parseType() -> TypeName? {
    guard at(.identifier) else {
      error(
        "parse.expected-type",
        "expected a type (Bool, Int, Float, Price, Qty, Money, Duration or Time); found \(current.describedForUser)",
        at: current.span)
      return nil
    }
    let token = advance()
    return TypeName(name: token.text, span: token.span)
  }

  mutating func parseExpressionList(until closer: Symbol) -> [Expr] {
    var items: [Expr] = []
    while !atSymbol(closer) && !at(.end) {
      items.append(parseExpression())
      if !atSymbol(.comma) { break }
      advance()
    }
    return items
  }

  func unquote(_ literal: String) -> String {
    var out = ""
    var escaped = false
    for ch in literal.dropFirst().dropLast() {
      if escaped {
        out.append(ch == "n" ? "\n" : ch)
        escaped = false
      } else if ch == "\\" {
        escaped = true
      } else {
        out.append(ch)
      }
    }
    return out
  }
}
