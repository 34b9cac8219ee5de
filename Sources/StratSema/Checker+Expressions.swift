import StratABI
import StratDiagnostics
import StratIR
import StratSyntax

extension Checker {
  /// Checks an expression; nil when an error was reported (or the expression was a parse error).
  mutating func checkExpression(_ expr: Expr) -> TypedExpr? {
    switch expr {
    case .error:
      return nil
    case .number(let value, let integer, let span):
      if let integer {
        return TypedExpr(kind: .constant(.i64(integer)), type: .int, span: span, isLiteral: true)
      }
      return TypedExpr(kind: .constant(.f64(value)), type: .plainFloat, span: span, isLiteral: true)
    case .duration(let ns, let span):
      return TypedExpr(kind: .constant(.i64(ns)), type: .duration, span: span)
    case .bool(let value, let span):
      return TypedExpr(kind: .constant(.bool(value)), type: .bool, span: span)
    case .name(let id):
      return checkName(id)
    case .member(let base, let field):
      return checkMember(base, field)
    case .call(let name, let args, let span):
      return checkCall(name, args, span: span)
    case .lag(let base, let k, let span):
      return checkLag(base, k, span: span)
    case .unary(let op, let operand, let span):
      return checkUnary(op, operand, span: span)
    case .binary(let op, let lhs, let rhs, let operatorSpan):
      return checkBinary(op, lhs, rhs, operatorSpan: operatorSpan)
    case .ifElse(let c, let t, let f, let span):
      guard let cond = checkExpression(c), let a = checkExpression(t), let b = checkExpression(f)
      else { return nil }
      guard let condition = coerce(cond, to: .bool, context: "the condition of `if`"),
        let (l, r, type) = unify(a, b, context: "the two branches of `if`", span: span)
      else { return nil }
      return TypedExpr(kind: .ifElse(condition, l, r), type: type, span: span, isLiteral: false)
    }
  }

  // MARK: - Names

  mutating func checkName(_ id: Identifier) -> TypedExpr? {
    if let scope = functionScope, let index = scope.firstIndex(where: { $0.name == id.name }) {
      if var bound = scope[index].bound {
        bound.span = id.span
        return bound
      }
      return TypedExpr(kind: .argument(index), type: scope[index].type, span: id.span)
    }
    if id.name == "time" { return TypedExpr(kind: .time, type: .time, span: id.span) }
    guard let (entity, _) = entities[id.name] else {
      report(SemaDiagnostics.unknownName(id, candidates: valueNames()))
      return nil
    }
    used.insert(id.name)
    switch entity {
    case .param(let i):
      return TypedExpr(kind: .param(i), type: checked.params[i].type, span: id.span)
    case .let(let i):
      guard let value = checkLet(i) else { return nil }
      return TypedExpr(kind: .letValue(i), type: value.type, span: id.span)
    case .state(let i):
      return TypedExpr(kind: .stateValue(i), type: checked.states[i].type, span: id.span)
    case .model(let i):
      guard !failed.contains("model \(i)") else { return nil }
      checkModel(i)
      return TypedExpr(kind: .modelValue(i), type: .plainFloat, span: id.span)
    case .instrument:
      report(SemaDiagnostics.instrumentAsValue(id))
      return nil
    case .function:
      report(SemaDiagnostics.functionAsValue(id))
      return nil
    }
  }

  func valueNames() -> [String] {
    var names = entities.keys.filter {
      if case .function = entities[$0]!.0 { return false }
      return true
    }
    names.append("time")
    if let scope = functionScope { names += scope.map(\.name) }
    return names.sorted()
  }

  mutating func checkMember(_ base: Expr, _ field: Identifier) -> TypedExpr? {
    guard case .name(let id) = base, case .instrument(let index)? = entities[id.name]?.0 else {
      if case .name(let id) = base, entities[id.name] == nil, functionScope == nil {
        report(SemaDiagnostics.unknownInstrument(id, candidates: instrumentNames()))
      } else {
        report(SemaDiagnostics.memberOfNonInstrument(base.span))
      }
      return nil
    }
    used.insert(id.name)
    let span = base.span.merged(with: field.span)
    guard let typed = InstrumentFields.expression(field.name, instrument: index, span: span) else {
      report(SemaDiagnostics.unknownField(field, instrument: id.name))
      return nil
    }
    return typed
  }

  func instrumentNames() -> [String] {
    entities.compactMap { name, value in
      if case .instrument = value.0 { return name }
      return nil
    }.sorted()
  }

  // MARK: - Lags

  // x[k]: the value of x k evaluation steps ago; k a constant ≥ 0, so the future is unwritable.
  mutating func checkLag(_ base: Expr, _ k: Expr, span: SourceSpan) -> TypedExpr? {
    guard let value = checkExpression(base), let lag = checkExpression(k) else { return nil }
    guard case .int = lag.type else {
      report(SemaDiagnostics.lagNotInt(lag.type, span: k.span))
      return nil
    }
    guard let constant = ConstantEvaluator(params: checked.params).evaluate(lag),
      case .i64(let steps) = constant
    else {
      reportNotConstant(lag, SemaDiagnostics.nonConstantLag(span: k.span))
      return nil
    }
    checked.stateSizingParams.formUnion(lag.paramsRead)
    guard steps >= 0 else {
      report(SemaDiagnostics.lookAhead(steps: steps, span: k.span))
      return nil
    }
    guard steps <= Self.maximumWindow else {
      report(SemaDiagnostics.windowTooLong(Int(steps), span: k.span))
      return nil
    }
    guard value.type.isNumeric else {
      report(SemaDiagnostics.lagOfNonNumber(value.type, span: base.span))
      return nil
    }
    if steps == 0 { return value }
    let floatValue = toFloat(value)
    return TypedExpr(kind: .lag(floatValue, Int(steps)), type: floatValue.type, span: span)
  }

  /// The longest window or lag accepted: keeps the state record a sane, fixed size.
  static let maximumWindow = Limits.maximumWindow

  // MARK: - Operators

  mutating func checkUnary(_ op: UnaryOperator, _ operand: Expr, span: SourceSpan) -> TypedExpr? {
    guard let value = checkExpression(operand) else { return nil }
    switch op {
    case .not:
      guard let b = coerce(value, to: .bool, context: "the operand of `not`") else { return nil }
      return TypedExpr(kind: .not(b), type: .bool, span: span)
    case .plus, .negate:
      guard value.type.isNumeric || value.type == .duration else {
        report(SemaDiagnostics.badOperand(op.rawValue, value.type, span: operand.span))
        return nil
      }
      if op == .plus { return value }
      let negated = TypedExpr(kind: .negate(value), type: value.type, span: span, isLiteral: value.isLiteral)
      return refusingOverflow(negated, at: span)
    }
  }

  /// Int arithmetic on literals must not overflow: a constant that wrapped (a quantity, say)
  /// would be silently wrong. Arithmetic that reads parameters is computed by the step and
  /// wraps, as the IR specifies, except where its value is needed now (`reportNotConstant`).
  mutating func refusingOverflow(_ expr: TypedExpr?, at operatorSpan: SourceSpan) -> TypedExpr? {
    guard let expr, ConstantEvaluator(params: []).overflows(expr) else { return expr }
    report(SemaDiagnostics.integerOverflow(span: expr.span, operatorSpan: operatorSpan))
    return nil
  }

  /// Reports why `expr`, needed at compile time (a window, lag, level, default or limit), has no
  /// value: Int arithmetic on its literals and parameters overflowed, or it is not a constant.
  mutating func reportNotConstant(_ expr: TypedExpr, _ otherwise: Diagnostic) {
    guard let node = ConstantEvaluator(params: checked.params).overflowingNode(in: expr) else {
      report(otherwise)
      return
    }
    report(SemaDiagnostics.integerOverflow(span: node.span, operatorSpan: node.span))
  }

  mutating func checkBinary(
    _ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, operatorSpan: SourceSpan
  ) -> TypedExpr? {
    let l = checkExpression(lhs)
    let r = checkExpression(rhs)
    guard let l, let r else { return nil }
    let span = lhs.span.merged(with: rhs.span)
    switch op {
    case .and, .or:
      guard let a = coerce(l, to: .bool, context: "the left side of `\(op.rawValue)`"),
        let b = coerce(r, to: .bool, context: "the right side of `\(op.rawValue)`")
      else { return nil }
      return TypedExpr(kind: .binary(op == .and ? .and : .or, a, b), type: .bool, span: span)
    case .add, .subtract:
      return refusingOverflow(checkAdditive(op, l, r, operatorSpan: operatorSpan, span: span), at: operatorSpan)
    case .multiply, .divide:
      return refusingOverflow(checkMultiplicative(op, l, r, operatorSpan: operatorSpan, span: span), at: operatorSpan)
    case .remainder:
      return refusingOverflow(checkRemainder(l, r, operatorSpan: operatorSpan, span: span), at: operatorSpan)
    default:
      return checkComparison(op, l, r, operatorSpan: operatorSpan, span: span)
    }
  }

  mutating func checkAdditive(
    _ op: BinaryOperator, _ l: TypedExpr, _ r: TypedExpr, operatorSpan: SourceSpan,
    span: SourceSpan
  ) -> TypedExpr? {
    let kind: TypedExpr.BinaryOp = op == .add ? .add : .subtract
    switch (l.type, r.type) {
    case (.time, .duration):
      return TypedExpr(kind: .binary(kind, l, r), type: .time, span: span)
    case (.duration, .time) where op == .add:
      return TypedExpr(kind: .binary(kind, r, l), type: .time, span: span)
    case (.time, .time) where op == .subtract:
      return TypedExpr(kind: .binary(kind, l, r), type: .duration, span: span)
    case (.duration, .duration):
      return TypedExpr(kind: .binary(kind, l, r), type: .duration, span: span)
    default:
      guard l.type.isNumeric, r.type.isNumeric else {
        report(SemaDiagnostics.cannotCombine(op.rawValue, l, r, operatorSpan: operatorSpan))
        return nil
      }
      guard let (a, b, type) = unify(l, r, context: nil, span: span) else {
        report(SemaDiagnostics.unitMismatch(op.rawValue, l, r, operatorSpan: operatorSpan))
        return nil
      }
      return TypedExpr(kind: .binary(kind, a, b), type: type, span: span, isLiteral: a.isLiteral && b.isLiteral)
    }
  }

  mutating func checkMultiplicative(
    _ op: BinaryOperator, _ l: TypedExpr, _ r: TypedExpr, operatorSpan: SourceSpan,
    span: SourceSpan
  ) -> TypedExpr? {
    let isLiteral = l.isLiteral && r.isLiteral
    if l.type == .duration || r.type == .duration {
      // Duration × Int and Duration ÷ Int stay durations.
      if op == .multiply, l.type == .duration, r.type == .int {
        return TypedExpr(kind: .binary(.multiply, l, r), type: .duration, span: span)
      }
      if op == .multiply, l.type == .int, r.type == .duration {
        return TypedExpr(kind: .binary(.multiply, r, l), type: .duration, span: span)
      }
      if op == .divide, l.type == .duration, r.type == .int {  // whole nanoseconds, truncated
        return TypedExpr(kind: .binary(.divide, l, r), type: .duration, span: span)
      }
      report(SemaDiagnostics.cannotCombine(op.rawValue, l, r, operatorSpan: operatorSpan))
      return nil
    }
    guard let ld = l.type.dimension, let rd = r.type.dimension else {
      report(SemaDiagnostics.cannotCombine(op.rawValue, l, r, operatorSpan: operatorSpan))
      return nil
    }
    if op == .multiply, l.type == .int, r.type == .int {
      return TypedExpr(kind: .binary(.multiply, l, r), type: .int, span: span, isLiteral: isLiteral)
    }
    // A bare literal scales: `2 * a.close` is a Price, `a.close / 2` too.
    let dimension: Dimension
    if l.isLiteral && !r.isLiteral {
      dimension = op == .multiply ? rd : .none - rd
    } else if r.isLiteral && !l.isLiteral {
      dimension = ld
    } else {
      dimension = op == .multiply ? ld + rd : ld - rd
    }
    return TypedExpr(
      kind: .binary(op == .multiply ? .multiply : .divide, toFloat(l), toFloat(r)),
      type: .float(dimension), span: span, isLiteral: isLiteral)
  }

  /// `a % b`: what is left of a after the whole multiples of b (C's fmod and %, the sign of a).
  /// Ints give an Int (x % 0 is 0), Durations and a Time modulo a Duration give a Duration
  /// (`time % 1d` is the time of day in UTC), numbers keep a's unit: b has it too, or none.
  mutating func checkRemainder(_ l: TypedExpr, _ r: TypedExpr, operatorSpan: SourceSpan, span: SourceSpan) -> TypedExpr? {
    let make = { (type: StratType, a: TypedExpr, b: TypedExpr) in
      TypedExpr(kind: .binary(.remainder, a, b), type: type, span: span, isLiteral: a.isLiteral && b.isLiteral)
    }
    switch (l.type, r.type) {
    case (.int, .int): return make(.int, l, r)
    case (.duration, .duration), (.time, .duration): return make(.duration, l, r)
    default: break
    }
    guard l.type.isNumeric, r.type.isNumeric, let ld = l.type.dimension, let rd = r.type.dimension else {
      report(SemaDiagnostics.cannotCombine("%", l, r, operatorSpan: operatorSpan))
      return nil
    }
    guard rd == ld || rd == .none || r.isLiteral else {
      report(SemaDiagnostics.unitMismatch("%", l, r, operatorSpan: operatorSpan))
      return nil
    }
    return make(.float(ld), toFloat(l), toFloat(r))
  }

  mutating func checkComparison(
    _ op: BinaryOperator, _ l: TypedExpr, _ r: TypedExpr, operatorSpan: SourceSpan,
    span: SourceSpan
  ) -> TypedExpr? {
    let kinds: [BinaryOperator: TypedExpr.BinaryOp] = [
      .less: .less, .lessEqual: .lessEqual, .greater: .greater, .greaterEqual: .greaterEqual,
      .equal: .equal, .notEqual: .notEqual,
    ]
    let kind = kinds[op]!
    if l.type == r.type, [.time, .duration, .int].contains(l.type) || (l.type == .bool && (op == .equal || op == .notEqual)) {
      return TypedExpr(kind: .binary(kind, l, r), type: .bool, span: span)
    }
    guard l.type.isNumeric, r.type.isNumeric, let (a, b, _) = unify(l, r, context: nil, span: span) else {
      report(SemaDiagnostics.cannotCompare(op.rawValue, l, r, operatorSpan: operatorSpan))
      return nil
    }
    return TypedExpr(kind: .binary(kind, a, b), type: .bool, span: span)
  }

  // MARK: - Coercion

  /// Brings two numeric operands to one type: Int widens to Float; a literal takes the other
  /// side's unit. Nil (without a report) when their units differ.
  mutating func unify(_ l: TypedExpr, _ r: TypedExpr, context: String?, span: SourceSpan)
    -> (TypedExpr, TypedExpr, StratType)?
  {
    if l.type == r.type { return (l, r, l.type) }
    if l.isLiteral, let c = coerceQuietly(l, to: r.type) { return (c, r, r.type) }
    if r.isLiteral, let c = coerceQuietly(r, to: l.type) { return (l, c, l.type) }
    if let ld = l.type.dimension, let rd = r.type.dimension, ld == rd {
      return (toFloat(l), toFloat(r), .float(ld))
    }
    if let context {
      report(SemaDiagnostics.branchMismatch(context, l, r, span: span))
    }
    return nil
  }

  /// Converts `value` to `type` where the language allows it, or reports why not.
  mutating func coerce(_ value: TypedExpr, to type: StratType, context: String) -> TypedExpr? {
    if let result = coerceQuietly(value, to: type) { return result }
    report(SemaDiagnostics.typeMismatch(expected: type, found: value, context: context))
    return nil
  }

  func coerceQuietly(_ value: TypedExpr, to type: StratType) -> TypedExpr? {
    if value.type == type { return value }
    switch (value.type, type) {
    case (.int, .float(let d)) where d == .none || value.isLiteral:
      var converted = toFloat(value)
      converted.type = type
      return converted
    case (.float(let from), .float) where value.isLiteral && from == .none:
      var converted = value
      converted.type = type
      return converted
    default:
      return nil
    }
  }

  /// Wraps an Int in a conversion to Float; leaves floats alone.
  func toFloat(_ value: TypedExpr) -> TypedExpr {
    guard value.type == .int else { return value }
    if case .constant(.i64(let v)) = value.kind {
      return TypedExpr(kind: .constant(.f64(Double(v))), type: .plainFloat, span: value.span, isLiteral: value.isLiteral)
    }
    return TypedExpr(kind: .toFloat(value), type: .plainFloat, span: value.span, isLiteral: value.isLiteral)
  }
}
