import StratDiagnostics
import StratIR
import StratSyntax

extension Checker {
  mutating func checkCall(_ name: Identifier, _ args: [Expr], span: SourceSpan) -> TypedExpr? {
    if case .function(let index)? = entities[name.name]?.0 {
      used.insert(name.name)
      return checkUserCall(index, name: name, args, span: span)
    }
    if let column = InstrumentFields.depthFunctions[name.name] {
      return checkDepthCall(name, args, span: span, column: column)
    }
    guard let builtin = Builtin(rawValue: name.name) else {
      let functions = entities.compactMap { key, value -> String? in
        if case .function = value.0 { return key }
        return nil
      }
      report(SemaDiagnostics.unknownFunction(name, candidates: Builtin.allCases.map(\.rawValue) + functions))
      return nil
    }
    guard builtin.arity.contains(args.count) else {
      report(SemaDiagnostics.wrongArgumentCount(builtin.signature, expected: builtin.arity, found: args.count, span: span))
      return nil
    }
    var window = 0
    var valueArgs = args
    if builtin.hasWindow {
      guard let w = windowLength(args.last!, builtin: builtin) else {
        for arg in args.dropLast() { _ = checkExpression(arg) }
        return nil
      }
      window = w
      valueArgs.removeLast()
    } else if [.ret, .logret, .change, .mom, .roc].contains(builtin) {
      if args.count == 2 {
        guard let k = windowLength(args[1], builtin: builtin) else { return nil }
        window = k
        valueArgs.removeLast()
      } else {
        window = 1
      }
    }
    var typed: [TypedExpr] = []
    for arg in valueArgs {
      guard let t = checkExpression(arg) else { return nil }
      typed.append(t)
    }
    return typeBuiltin(builtin, typed, window: window, span: span)
  }

  /// Checks a window or lag-count argument: a constant Int of at least the builtin's minimum.
  mutating func windowLength(_ expr: Expr, builtin: Builtin) -> Int? {
    guard let typed = checkExpression(expr) else { return nil }
    guard typed.type == .int else {
      report(SemaDiagnostics.windowNotInt(builtin.rawValue, typed.type, span: expr.span))
      return nil
    }
    guard case .i64(let n)? = ConstantEvaluator(params: checked.params).evaluate(typed) else {
      reportNotConstant(typed, SemaDiagnostics.nonConstantWindow(builtin.rawValue, span: expr.span))
      return nil
    }
    checked.stateSizingParams.formUnion(typed.paramsRead)
    if n < 0, [.ret, .logret, .change, .mom, .roc].contains(builtin) {
      report(SemaDiagnostics.lookAhead(steps: n, span: expr.span))
      return nil
    }
    guard n >= builtin.minimumWindow else {
      report(SemaDiagnostics.windowTooShort(builtin.rawValue, n, minimum: builtin.minimumWindow, span: expr.span))
      return nil
    }
    guard n <= Self.maximumWindow else {
      report(SemaDiagnostics.windowTooLong(Int(n), span: expr.span))
      return nil
    }
    return Int(n)
  }

  mutating func typeBuiltin(_ builtin: Builtin, _ args: [TypedExpr], window: Int, span: SourceSpan)
    -> TypedExpr?
  {
    func make(_ type: StratType, _ operands: [TypedExpr]) -> TypedExpr {
      TypedExpr(kind: .builtin(builtin, operands, window: window), type: type, span: span)
    }
    if builtin.isClock { return make(builtin == .bar_index ? .int : .bool, []) }
    if builtin == .barssince || builtin == .valuewhen {
      guard let condition = coerce(args[0], to: .bool, context: "the condition of `\(builtin.rawValue)`") else { return nil }
      guard builtin == .valuewhen else { return make(.int, [condition]) }
      guard args[1].type.isNumeric else {
        report(SemaDiagnostics.badArgument(builtin.signature, args[1]))
        return nil
      }
      return make(toFloat(args[1]).type, [condition, toFloat(args[1])])
    }
    if builtin.isCalendarField {
      guard args[0].type == .time else {
        report(SemaDiagnostics.badArgument(builtin.signature, args[0], wants: "a Time (`time`)"))
        return nil
      }
      return make(.int, args)
    }
    for arg in args where !arg.type.isNumeric {
      report(SemaDiagnostics.badArgument(builtin.signature, arg))
      return nil
    }
    let x = toFloat(args[0])
    let dx = x.type.dimension!
    switch builtin {
    case .log:
      return make(.plainFloat, [x])
    case .exp:
      guard dx == .none || x.isLiteral else {
        report(SemaDiagnostics.needsPlainNumber("exp", x))
        return nil
      }
      return make(.plainFloat, [x])
    case .sqrt:
      guard let half = dx.halved else {
        report(SemaDiagnostics.sqrtOfOddUnit(x))
        return nil
      }
      return make(.float(half), [x])
    case .abs, .round, .floor, .ceil:
      return make(x.type, [x])
    case .pow:
      let y = toFloat(args[1])
      for operand in [x, y] where operand.type.dimension != Dimension.none && !operand.isLiteral {
        report(SemaDiagnostics.needsPlainNumber("pow", operand))
        return nil
      }
      return make(.plainFloat, [x, y])
    case .na:
      return make(.bool, [x])
    case .nz:
      guard let (a, b, t) = unify(x, toFloat(args[1]), context: "the arguments of `nz`", span: span) else { return nil }
      return make(t, [a, b])
    case .sign:
      return make(.plainFloat, [x])
    case .min, .max, .clamp:
      var operands = [x]
      var type = x.type
      for other in args.dropFirst() {
        guard let (a, b, t) = unify(operands[0], toFloat(other), context: "the arguments of `\(builtin.rawValue)`", span: span) else { return nil }
        operands[0] = a
        operands.append(b)
        type = t
      }
      if operands.count == 3, let (a, _, t) = unify(operands[0], operands[1], context: "the arguments of `clamp`", span: span) {
        operands[0] = a
        type = t
      }
      return make(type, operands)
    case .sma, .ema, .sum, .lowest, .highest, .stdev, .stdev_pop:
      return make(x.type, [x])
    case .var, .var_pop:
      return make(.float(dx + dx), [x])
    case .zscore, .zscore_pop:
      return make(.plainFloat, [x])
    case .corr, .cov, .slope, .intercept:
      let y = toFloat(args[1])
      let dy = y.type.dimension!
      let type: StratType =
        switch builtin {
        case .corr: .plainFloat
        case .cov: .float(dx + dy)
        case .slope: .float(dx - dy)  // slope(y, x): y per x
        default: x.type  // intercept(y, x) is in y's unit
        }
      return make(type, [x, y])
    case .ret, .logret, .roc, .rsi:
      return make(.plainFloat, [x])
    case .rma, .change, .mom, .cum:
      return make(x.type, [x])
    case .tr, .atr:
      var operands = [x]
      for other in args.dropFirst() {
        guard let (a, b, _) = unify(operands[0], toFloat(other), context: "the arguments of `\(builtin.rawValue)`", span: span) else { return nil }
        operands[0] = a
        operands.append(b)
      }
      return make(operands[0].type, operands)
    case .obv:
      return make(toFloat(args[1]).type, [x, toFloat(args[1])])
    case .vwma:
      return make(x.type, [x, toFloat(args[1])])
    case .year, .month, .day, .weekday, .hour, .minute, .new_day, .new_week, .new_month, .bar_index,
      .barssince, .valuewhen:
      return nil  // typed above, before the numeric checks
    case .crosses_above, .crosses_below:
      guard let (a, b, _) = unify(x, toFloat(args[1]), context: "the arguments of `\(builtin.rawValue)`", span: span) else { return nil }
      return make(.bool, [a, b])
    }
  }

  // MARK: - User functions

  mutating func checkUserCall(_ index: Int, name: Identifier, _ args: [Expr], span: SourceSpan)
    -> TypedExpr?
  {
    let decl = functionDecls[index]
    guard args.count == decl.parameters.count else {
      report(SemaDiagnostics.wrongArgumentCount(
        "\(decl.name.name)(\(decl.parameters.map(\.name.name).joined(separator: ", ")))",
        expected: decl.parameters.count...decl.parameters.count, found: args.count, span: span))
      return nil
    }
    var typedArgs: [TypedExpr] = []
    for (arg, parameter) in zip(args, decl.parameters) {
      guard let typed = checkExpression(arg), let type = resolveType(parameter.type),
        let coerced = coerce(typed, to: type, context: "the argument `\(parameter.name.name)` of `\(decl.name.name)`")
      else { return nil }
      typedArgs.append(coerced)
    }
    // An Int argument known when compiling (a number, a parameter, arithmetic on them) is bound
    // into the body, so that it can size a window or a lag there: `fn rma(v: Price, n: Int)`.
    let evaluator = ConstantEvaluator(params: checked.params)
    let bound = typedArgs.map { $0.type == .int && evaluator.evaluate($0) != nil ? $0 : nil }
    guard let body = checkFunction(index, bound: bound) else { return nil }
    guard admitExpansion(of: index, body: body, arguments: typedArgs, span: span) else { return nil }
    var result = body.substituting(typedArgs)
    result.span = span
    return result
  }

  /// Checks a function body once per set of constant arguments (`bound`), with its parameters
  /// in scope; recursion is an error.
  mutating func checkFunction(_ index: Int, bound: [TypedExpr?] = []) -> TypedExpr? {
    let instance = bound.contains { $0 != nil } ? Self.instanceKey(index, bound, params: checked.params) : nil
    if let instance {
      if let done = functionInstances[instance] { return done }
      if failed.contains(instance) { return nil }
    } else {
      if let done = functionResults[index] { return done }
      if failed.contains("fn \(index)") { return nil }
    }
    let failure = instance ?? "fn \(index)"
    let decl = functionDecls[index]
    if functionVisiting.contains(index) {
      let cycle = functionVisiting.map { functionDecls[$0].name.name } + [decl.name.name]
      report(SemaDiagnostics.recursion(cycle, at: decl.name.span))
      return nil
    }
    functionVisiting.append(index)
    defer { functionVisiting.removeLast() }
    var scope: [(String, StratType, TypedExpr?)] = []
    for (k, parameter) in decl.parameters.enumerated() {
      guard let type = requireType(parameter.type) else { return nil }
      scope.append((parameter.name.name, type, k < bound.count ? bound[k] : nil))
    }
    let saved = functionScope
    functionScope = scope
    defer { functionScope = saved }
    guard var body = checkExpression(decl.body) else {
      failed.insert(failure)
      return nil
    }
    if let resultName = decl.result {
      guard let type = requireType(resultName),
        let coerced = coerce(body, to: type, context: "the result of `\(decl.name.name)`")
      else {
        failed.insert(failure)
        return nil
      }
      body = coerced
    }
    if let instance { functionInstances[instance] = body } else { functionResults[index] = body }
    return body
  }

  /// `fn 3 [14] [n=14 of param 2]`: the function and each bound argument's value and the
  /// parameters it reads (a window sized by a parameter marks the parameter as sizing state).
  static func instanceKey(_ index: Int, _ bound: [TypedExpr?], params: [CheckedProgram.Param]) -> String {
    let evaluator = ConstantEvaluator(params: params)
    let parts = bound.map { b in b.map { "\(evaluator.evaluate($0).map { "\($0)" } ?? "?")/\($0.paramsRead.sorted())" } ?? "_" }
    return "fn \(index) " + parts.joined(separator: " ")
  }
}
