import StratSyntax

/// Prints a parsed program as S-expressions, one declaration per line, so that a golden file
/// shows exactly how the parser grouped the source (precedence, lags, recovery).
///
/// ```
/// (strategy pairs)
/// (let spread (- (call log (. a close)) (call log (. b close))))
/// (when (> z entry) (target a (neg unit)) (flat b))
/// ```
enum ASTDump {
  static func text(_ program: Program) -> String {
    var out = "(strategy \(program.name?.name ?? "<missing>"))\n"
    for declaration in program.declarations { out += declarationText(declaration) + "\n" }
    return out
  }

  static func declarationText(_ declaration: Declaration) -> String {
    switch declaration {
    case .instrument(let d):
      return "(instrument \(d.name.name)\(d.symbol.map { " " + quoted($0) } ?? ""))"
    case .param(let d):
      var out = "(param \(d.name.name) \(d.type.name) \(expr(d.defaultValue))"
      if let range = d.range {
        out += " (range \(expr(range.low)) \(expr(range.high))"
        out += range.step.map { " (step \(expr($0)))" } ?? ""
        out += ")"
      }
      return out + ")"
    case .let(let d):
      return "(let \(d.name.name)\(d.type.map { " : \($0.name)" } ?? "") \(expr(d.value)))"
    case .state(let d):
      return "(state \(d.name.name) \(d.type.name) \(expr(d.initial)))"
    case .function(let d):
      let parameters = d.parameters.map { "(\($0.name.name) \($0.type.name))" }.joined(
        separator: " "
      )
      let result = d.result.map { " -> \($0.name)" } ?? ""
      return "(fn \(d.name.name) (\(parameters))\(result) \(expr(d.body)))"
    case .model(let d):
      let features = d.features.map(expr).joined(separator: " ")
      let weights = d.weights.map(expr).joined(separator: " ")
      let bias = d.bias.map { " (bias \(expr($0)))" } ?? ""
      return "(model \(d.name.name) \(d.kind.rawValue) (\(features)) (weights \(weights))\(bias))"
    case .rule(let d):
      let actions = d.actions.map { " " + action($0) }.joined()
      return "(when \(expr(d.condition))\(actions))"
    case .risk(let d):
      let items = d.items.map { item -> String in
        let instrument = item.instrument.map { " \($0.name)" } ?? ""
        let per = item.per.map { " (per \(expr($0)))" } ?? ""
        return " (\(item.name.name)\(instrument) \(expr(item.value))\(per))"
      }
      return "(risk\(items.joined()))"
    case .schedule(let d):
      let items = d.items.map { item -> String in
        switch item {
        case .hours(let open, let close): " (hours \(open.text) \(close.text))"
        case .timezone(let zone): " (timezone \(zone.text))"
        case .flattenBefore(let e, _): " (flatten_before \(expr(e)))"
        }
      }
      return "(schedule\(items.joined()))"
    }
  }

  /// A string literal with `"`, `\\` and newlines escaped.
  static func quoted(_ text: String) -> String {
    var out = "\""
    for character in text {
      switch character {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      default: out.append(character)
      }
    }
    return out + "\""
  }

  static func action(_ action: Action) -> String {
    switch action {
    case .target(let instrument, let quantity):
      return "(target \(instrument.name) \(expr(quantity)))"
    case .flat(let instrument, _):
      return "(flat\(instrument.map { " \($0.name)" } ?? ""))"
    case .order(let isBuy, let instrument, let quantity, let limit, let style, _):
      let styleText = style == .rest ? "" : " \(style.rawValue)"
      let limitText = limit.map { " (limit \(expr($0))\(styleText))" } ?? ""
      return "(\(isBuy ? "buy" : "sell") \(instrument.name) \(expr(quantity))\(limitText))"
    case .cancel(let instrument, let isBuy, _):
      let side = isBuy.map { $0 ? " buy" : " sell" } ?? ""
      return "(cancel \(instrument.name)\(side))"
    case .assign(let state, let value):
      return "(set \(state.name) \(expr(value)))"
    }
  }

  static func expr(_ e: Expr) -> String {
    switch e {
    case .number(_, _, let span), .duration(_, let span): return span.text
    case .bool(let value, _): return value ? "true" : "false"
    case .name(let id): return id.name
    case .member(let base, let field): return "(. \(expr(base)) \(field.name))"
    case .call(let name, let args, _):
      return "(call \(name.name)\(args.map { " " + expr($0) }.joined()))"
    case .lag(let base, let k, _): return "(lag \(expr(base)) \(expr(k)))"
    case .unary(let op, let operand, _):
      let name = op == .negate ? "neg" : op == .plus ? "pos" : "not"
      return "(\(name) \(expr(operand)))"
    case .binary(let op, let l, let r, _): return "(\(op.rawValue) \(expr(l)) \(expr(r)))"
    case .ifElse(let c, let t, let f, _): return "(if \(expr(c)) \(expr(t)) \(expr(f)))"
    case .error: return "<error>"
    }
  }
}
