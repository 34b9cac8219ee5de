import StratABI
import StratDiagnostics
import StratIR
import StratSyntax

/// Resolves names, checks types, units and time (no look-ahead, constant windows and lags),
/// and produces a `CheckedProgram`. Reports every problem it finds, then gives up on lowering.
struct Checker {
  enum Entity {
    case instrument(Int)
    case param(Int)
    case `let`(Int)
    case state(Int)
    case function(Int)
    case model(Int)
  }

  let program: Program
  /// Parameter values given on the command line, by name, as text.
  let overrides: [String: String]
  /// Where `xgboost("m.json", …)` and `lightgbm(…)` files are read from.
  let modelFiles: ModelFileReader
  var diagnostics = DiagnosticBag()
  var entities: [String: (Entity, SourceSpan)] = [:]
  var used: Set<String> = []
  var checked: CheckedProgram

  var letDecls: [LetDecl] = []
  var letResults: [TypedExpr?] = []
  var letVisiting: [Int] = []
  /// Lets and functions already reported as wrong (`let 3`, `fn 0`): later uses stay quiet.
  var failed: Set<String> = []
  var functionDecls: [FunctionDecl] = []
  var functionResults: [TypedExpr?] = []
  var functionVisiting: [Int] = []
  /// The size of each checked function body, for counting what inlining it adds.
  var functionShapes: [Int: ExpansionShape] = [:]
  /// Expression nodes added by inlining so far (`Limits.maximumExpansion`).
  var expandedNodes = 0
  var hasReportedExpansion = false
  /// Decisions the rules so far can make in one step (`Limits.maximumDecisions`).
  var decisionCount = 0
  /// The count limits already reported, so each is reported once.
  var reportedLimits: Set<String> = []
  var modelDecls: [ModelDecl] = []
  var modelChecked: [Bool] = []
  var paramDecls: [ParamDecl] = []
  var stateDecls: [StateDecl] = []
  /// Set while checking a function body: its parameter names and types.
  /// A parameter with `bound` is a constant argument of this call (an Int window length): the
  /// body reads the argument itself, so the body is checked per such call (an instance).
  var functionScope: [(name: String, type: StratType, bound: TypedExpr?)]?
  /// Bodies checked with constant arguments bound, by function and the arguments' values.
  var functionInstances: [String: TypedExpr] = [:]

  init(program: Program, overrides: [String: String], modelFiles: ModelFileReader = .relative(to: "")) {
    self.program = program
    self.overrides = overrides
    self.modelFiles = modelFiles
    self.checked = CheckedProgram(
      name: program.name?.name ?? "strategy", instruments: [], params: [], lets: [], states: [],
      models: [], rules: [], risk: [], schedule: nil)
  }

  /// Checks the whole program.
  mutating func check() -> CheckedProgram? {
    collectDeclarations()
    checkParamsInDependencyOrder()
    checkOverridesExist()
    checkInDependencyOrder()
    // After the lets: an initial value is a constant (a let there is an error), and nothing
    // else reads it while checking.
    for (i, d) in stateDecls.enumerated() { checked.states[i] = checkState(d) }
    var risks: [RiskDecl] = []
    var schedules: [ScheduleDecl] = []
    for declaration in program.declarations {
      switch declaration {
      case .rule(let rule): checkRule(rule)
      case .risk(let risk): risks.append(risk)
      case .schedule(let schedule): schedules.append(schedule)
      default: break
      }
    }
    for risk in risks { checkRisk(risk) }
    if let first = schedules.first {
      checkSchedule(first)
      if let schedule = checked.schedule, schedule.flattenBeforeNanos > 0 {  // one target each
        decisionCount += checked.instruments.count
        _ = withinLimit(decisionCount - 1, Limits.maximumDecisions, "decisions per step", at: first.span)
      }
    }
    for extra in schedules.dropFirst() {
      report(SemaDiagnostics.duplicateBlock("schedule", at: extra.span))
    }
    if checked.instruments.isEmpty, program.name != nil {
      report(SemaDiagnostics.noInstruments(at: program.name!.span))
    }
    warnUnused()
    return diagnostics.hasErrors ? nil : checked
  }

  mutating func report(_ diagnostic: Diagnostic) { diagnostics.add(diagnostic) }

  // MARK: - Declarations

  mutating func collectDeclarations() {
    for declaration in program.declarations {
      switch declaration {
      case .instrument(let d):
        guard withinLimit(checked.instruments.count, Limits.maximumInstruments, "instruments", at: d.name.span) else { continue }
        guard declare(d.name, .instrument(checked.instruments.count)) else { continue }
        checked.instruments.append(IRInstrument(name: d.name.name, symbol: d.symbol ?? d.name.name.uppercased()))
        used.insert(d.name.name)
      case .param(let d):
        guard withinLimit(paramDecls.count, Limits.maximumParams, "parameters", at: d.name.span) else { continue }
        guard declare(d.name, .param(paramDecls.count)) else { continue }
        paramDecls.append(d)
        // Checked later, in dependency order; until then a placeholder keeps indices valid.
        let type = resolveType(d.type) ?? .plainFloat
        checked.params.append(.init(name: d.name.name, type: type, value: Self.zero(of: type)))
      case .let(let d):
        guard declare(d.name, .let(letDecls.count)) else { continue }
        letDecls.append(d)
        letResults.append(nil)
        checked.lets.append(.init(name: d.name.name, value: TypedExpr(kind: .constant(.f64(0)), type: .plainFloat, span: d.name.span)))
      case .state(let d):
        guard declare(d.name, .state(checked.states.count)) else { continue }
        stateDecls.append(d)  // checked after the parameters its initial value may read
        let type = resolveType(d.type) ?? .plainFloat
        checked.states.append(.init(name: d.name.name, type: type, initial: Self.zero(of: type)))
        used.insert(d.name.name)
      case .function(let d):
        if Builtin(rawValue: d.name.name) != nil {
          report(SemaDiagnostics.shadowsBuiltin(d.name))
          continue
        }
        guard declare(d.name, .function(functionDecls.count)) else { continue }
        functionDecls.append(d)
        functionResults.append(nil)
      case .model(let d):
        guard declare(d.name, .model(modelDecls.count)) else { continue }
        modelDecls.append(d)
        modelChecked.append(false)
        checked.models.append(.init(name: d.name.name, isLogistic: d.kind == .logistic, features: [], weights: [], bias: 0, file: nil))
      case .rule, .risk, .schedule:
        break
      }
    }
  }

  /// False when `count` declarations already reach `limit`; reports the first one past it.
  mutating func withinLimit(_ count: Int, _ limit: Int, _ what: String, at span: SourceSpan) -> Bool {
    guard count >= limit else { return true }
    if reportedLimits.insert(what).inserted {
      report(SemaDiagnostics.tooMany(what, limit: limit, at: span))
    }
    return false
  }

  mutating func declare(_ name: Identifier, _ entity: Entity) -> Bool {
    if name.name == "time" {
      report(SemaDiagnostics.reservedName(name))
      return false
    }
    if let (_, previous) = entities[name.name] {
      report(SemaDiagnostics.duplicate(name, previous: previous))
      return false
    }
    entities[name.name] = (entity, name.span)
    return true
  }

  func resolveType(_ name: TypeName) -> StratType? { StratType(named: name.name) }

  mutating func requireType(_ name: TypeName) -> StratType? {
    if let type = resolveType(name) { return type }
    report(SemaDiagnostics.unknownType(name))
    return nil
  }

  // MARK: - Params and state

  mutating func checkParam(_ d: ParamDecl) -> CheckedProgram.Param {
    let type = requireType(d.type) ?? .plainFloat
    var value = constant(d.defaultValue, as: type, what: "the default of `\(d.name.name)`")
    if let text = overrides[d.name.name] {
      if let parsed = Self.parseOverride(text, as: type) {
        value = parsed
      } else {
        report(SemaDiagnostics.badOverride(d.name.name, text, type))
      }
    }
    var declaredRange: ParameterRange?
    if let range = d.range, let v = value {
      let low = constant(range.low, as: type, what: "the range's low end")
      let high = constant(range.high, as: type, what: "the range's high end")
      let step = range.step.flatMap { constant($0, as: type, what: "the range's step") }
      if let lo = low?.asDouble, let hi = high?.asDouble {
        declaredRange = ParameterRange(
          low: lo, high: hi, step: step?.asDouble, lowText: Self.literalText(range.low),
          highText: Self.literalText(range.high), stepText: range.step.flatMap(Self.literalText))
      }
      if let lo = low?.asDouble, let hi = high?.asDouble {
        if lo > hi {
          report(SemaDiagnostics.emptyRange(d.name.name, span: range.low.span.merged(with: range.high.span)))
        } else if v.asDouble < lo || v.asDouble > hi {
          let from = overrides[d.name.name] != nil ? "the value given on the command line" : "the default"
          report(SemaDiagnostics.outOfRange(d.name.name, value: v, from: from, low: lo, high: hi, span: d.defaultValue.span))
        }
      }
    }
    return .init(
      name: d.name.name, type: type, value: value ?? Self.zero(of: type), typeName: d.type.name, range: declaredRange)
  }

  /// The exact spelling of a number literal, possibly signed; nil for any other expression.
  static func literalText(_ expr: Expr) -> String? {
    switch expr {
    case .number(_, _, let span): span.text
    case .unary(.negate, .number(_, _, let span), _): "-" + span.text
    case .unary(.plus, .number(_, _, let span), _): span.text
    default: nil
    }
  }

  mutating func checkState(_ d: StateDecl) -> CheckedProgram.State {
    let type = requireType(d.type) ?? .plainFloat
    let value = constant(d.initial, as: type, what: "the initial value of `\(d.name.name)`")
    return .init(name: d.name.name, type: type, initial: value ?? Self.zero(of: type))
  }

  mutating func checkOverridesExist() {
    for name in overrides.keys.sorted() where !checked.params.contains(where: { $0.name == name }) {
      let candidates = checked.params.map(\.name)
      let suggestion = Suggestions.closest(to: name, among: candidates).first
      report(
        Diagnostic(
          id: "cli.unknown-param",
          message: "the strategy has no parameter `\(name)`"
            + (suggestion.map { "; did you mean `\($0)`?" } ?? ""),
          notes: candidates.isEmpty ? ["it declares no parameters"] : ["its parameters: " + candidates.joined(separator: ", ")]))
    }
  }

  static func parseOverride(_ text: String, as type: StratType) -> IRConstant? {
    switch type {
    case .bool: return text == "true" ? .bool(true) : text == "false" ? .bool(false) : nil
    case .int: return Int64(text).map(IRConstant.i64)
    case .duration: return (DurationLiteral.nanoseconds(text) ?? Int64(text)).map(IRConstant.i64)
    case .float: return Double(text).flatMap { $0.isFinite ? IRConstant.f64($0) : nil }
    case .time: return nil
    }
  }

  static func zero(of type: StratType) -> IRConstant {
    switch type {
    case .bool: .bool(false)
    case .int, .duration, .time: .i64(0)
    case .float: .f64(0)
    }
  }

  /// Checks `expr` as a compile-time constant of `type` (literals, params and arithmetic on them).
  mutating func constant(_ expr: Expr, as type: StratType, what: String) -> IRConstant? {
    guard let typed = checkExpression(expr) else { return nil }
    guard let coerced = coerce(typed, to: type, context: what) else { return nil }
    guard let value = ConstantEvaluator(params: checked.params).evaluate(coerced) else {
      reportNotConstant(coerced, SemaDiagnostics.notConstant(what, span: expr.span))
      return nil
    }
    checked.foldedParams.formUnion(coerced.paramsRead)
    return value
  }
}

extension IRConstant {
  var asDouble: Double {
    switch self {
    case .f64(let v): v
    case .i64(let v): Double(v)
    case .bool(let v): v ? 1 : 0
    }
  }
}
