import StratABI
import StratDiagnostics
import StratModels
import StratIR
import StratSyntax

/// Every message of name, type, unit and time checking, in one place (ids are stable).
enum SemaDiagnostics {

  static func suggestionFixIts(_ id: Identifier, _ candidates: [String]) -> [FixIt] {
    Suggestions.closest(to: id.name, among: candidates).prefix(1).map {
      FixIt(span: id.span, replacement: $0, message: "did you mean `\($0)`?")
    }
  }

  static func unknownName(_ id: Identifier, candidates: [String]) -> Diagnostic {
    Diagnostic(
      id: "names.unknown", message: "unknown name `\(id.name)`", primary: Label(id.span, "not declared"),
      notes: ["names are declared with `let`, `param`, `state`, `model` or `instrument`"],
      fixIts: suggestionFixIts(id, candidates))
  }

  static func unknownFunction(_ id: Identifier, candidates: [String]) -> Diagnostic {
    Diagnostic(
      id: "names.unknown-function", message: "unknown function `\(id.name)`", primary: Label(id.span),
      notes: ["built-in functions are listed in Grammar/REFERENCE.md"],
      fixIts: suggestionFixIts(id, candidates))
  }

  static func unknownInstrument(_ id: Identifier, candidates: [String]) -> Diagnostic {
    Diagnostic(
      id: "names.unknown-instrument", message: "unknown instrument `\(id.name)`", primary: Label(id.span),
      notes: candidates.isEmpty ? ["declare it with `instrument \(id.name) = \"SYMBOL\"`"] : ["instruments: " + candidates.joined(separator: ", ")],
      fixIts: suggestionFixIts(id, candidates))
  }

  static func unknownField(_ field: Identifier, instrument: String) -> Diagnostic {
    let fields = InstrumentFields.allNames
    var notes = ["instrument fields: " + fields.joined(separator: ", ")]
    if InstrumentFields.depthFunctions[field.name] != nil {
      notes.append("deeper book levels are functions: `\(field.name)(\(instrument), 2)`")
    }
    return Diagnostic(
      id: "names.unknown-field", message: "instrument `\(instrument)` has no field `\(field.name)`",
      primary: Label(field.span), notes: notes, fixIts: suggestionFixIts(field, fields))
  }

  static func duplicate(_ id: Identifier, previous: SourceSpan) -> Diagnostic {
    Diagnostic(
      id: "names.duplicate", message: "`\(id.name)` is declared twice", primary: Label(id.span, "declared again here"),
      secondary: [Label(previous, "first declared here")],
      notes: ["first declared at line \(previous.file.position(of: previous.start).line)"])
  }

  static func reservedName(_ id: Identifier) -> Diagnostic {
    Diagnostic(id: "names.reserved", message: "`\(id.name)` is a built-in value and cannot be redeclared", primary: Label(id.span))
  }

  static func shadowsBuiltin(_ id: Identifier) -> Diagnostic {
    Diagnostic(id: "names.shadows-builtin", message: "`\(id.name)` is a built-in function; choose another name", primary: Label(id.span))
  }

  static func instrumentAsValue(_ id: Identifier) -> Diagnostic {
    Diagnostic(
      id: "names.instrument-as-value", message: "instrument `\(id.name)` is not a number; read one of its fields",
      primary: Label(id.span), fixIts: [FixIt(span: id.span, replacement: "\(id.name).close", message: "did you mean its close?")])
  }

  static func functionAsValue(_ id: Identifier) -> Diagnostic {
    Diagnostic(id: "names.function-as-value", message: "`\(id.name)` is a function; call it with arguments", primary: Label(id.span))
  }

  static func memberOfNonInstrument(_ span: SourceSpan) -> Diagnostic {
    Diagnostic(id: "names.not-an-instrument", message: "only instruments have fields (`a.close`)", primary: Label(span))
  }

  static func unknownType(_ name: TypeName) -> Diagnostic {
    let fixes = Suggestions.closest(to: name.name, among: StratType.names).prefix(1).map {
      FixIt(span: name.span, replacement: $0, message: "did you mean `\($0)`?")
    }
    return Diagnostic(
      id: "types.unknown", message: "unknown type `\(name.name)`", primary: Label(name.span),
      notes: ["types: " + StratType.names.joined(separator: ", ")], fixIts: fixes)
  }

  // MARK: - Types and units

  static func typeMismatch(expected: StratType, found: TypedExpr, context: String) -> Diagnostic {
    let unitsDiffer = expected.dimension != nil && found.type.dimension != nil
    var notes: [String] = []
    if unitsDiffer, found.type == .int || expected == .int {
      notes.append("Int converts to Float, but a Float is never silently truncated to Int")
    } else if unitsDiffer {
      notes.append("Price × Qty is Money; Price ÷ Price is a Float; multiply by a literal to scale")
    }
    return Diagnostic(
      id: unitsDiffer ? "units.mismatch" : "types.mismatch",
      message: "\(context) must be \(article(expected.name)); this is \(article(found.type.name))",
      primary: Label(found.span, found.type.name), notes: notes)
  }

  static func unitMismatch(_ op: String, _ l: TypedExpr, _ r: TypedExpr, operatorSpan: SourceSpan) -> Diagnostic {
    Diagnostic(
      id: "units.mismatch",
      message: op == "%"
        ? "cannot take \(l.type.name) modulo \(r.type.name)"
        : "cannot \(op == "+" ? "add" : "subtract") \(l.type.name) and \(r.type.name)",
      primary: Label(operatorSpan), secondary: [Label(l.span, l.type.name), Label(r.span, r.type.name)],
      notes: [op == "%"
        ? "`a % b` keeps a's unit, so b has the same unit or none: Price % Price and Price % 0.25 are Prices"
        : "both sides of `\(op)` need the same unit: Price \(op) Price is a Price; Price × Qty is Money"])
  }

  static func cannotCombine(_ op: String, _ l: TypedExpr, _ r: TypedExpr, operatorSpan: SourceSpan) -> Diagnostic {
    Diagnostic(
      id: "types.bad-operands", message: "`\(op)` cannot combine \(l.type.name) and \(r.type.name)",
      primary: Label(operatorSpan), secondary: [Label(l.span, l.type.name), Label(r.span, r.type.name)])
  }

  static func cannotCompare(_ op: String, _ l: TypedExpr, _ r: TypedExpr, operatorSpan: SourceSpan) -> Diagnostic {
    let units = l.type.dimension != nil && r.type.dimension != nil
    return Diagnostic(
      id: units ? "units.compare-mismatch" : "types.bad-comparison",
      message: "cannot compare \(l.type.name) with \(r.type.name)",
      primary: Label(operatorSpan), secondary: [Label(l.span, l.type.name), Label(r.span, r.type.name)],
      notes: units ? ["a comparison needs both sides in the same unit"] : [])
  }

  static func branchMismatch(_ context: String, _ l: TypedExpr, _ r: TypedExpr, span: SourceSpan) -> Diagnostic {
    Diagnostic(
      id: "units.mismatch", message: "\(context) must have the same type; found \(l.type.name) and \(r.type.name)",
      primary: Label(r.span, r.type.name), secondary: [Label(l.span, l.type.name)])
  }

  static func badOperand(_ op: String, _ type: StratType, span: SourceSpan) -> Diagnostic {
    Diagnostic(id: "types.bad-operands", message: "`\(op)` needs a number; this is \(article(type.name))", primary: Label(span, type.name))
  }

  static func badArgument(_ signature: String, _ arg: TypedExpr, wants: String = "numbers") -> Diagnostic {
    Diagnostic(id: "types.bad-argument", message: "`\(signature)` takes \(wants); this argument is \(article(arg.type.name))", primary: Label(arg.span, arg.type.name))
  }

  static func needsPlainNumber(_ function: String, _ arg: TypedExpr) -> Diagnostic {
    Diagnostic(
      id: "units.needs-plain-number", message: "`\(function)` takes a plain number; this is \(article(arg.type.name))",
      primary: Label(arg.span, arg.type.name), notes: ["divide by a value of the same unit first, e.g. a.close / a.close[1]"])
  }

  static func sqrtOfOddUnit(_ arg: TypedExpr) -> Diagnostic {
    Diagnostic(id: "units.sqrt", message: "the square root of \(arg.type.name) has no unit", primary: Label(arg.span, arg.type.name),
      notes: ["sqrt takes a plain number or a squared unit such as the variance of a Price"])
  }

  static func wrongArgumentCount(_ signature: String, expected: ClosedRange<Int>, found: Int, span: SourceSpan) -> Diagnostic {
    let count = expected.count == 1 ? "\(expected.lowerBound)" : "\(expected.lowerBound) or \(expected.upperBound)"
    return Diagnostic(id: "types.argument-count", message: "`\(signature)` takes \(count) argument\(expected.upperBound == 1 ? "" : "s"); found \(found)", primary: Label(span))
  }

  static func nonPositiveDuration(_ what: String, span: SourceSpan) -> Diagnostic {
    Diagnostic(
      id: "types.duration-sign", message: "\(what) must be a positive duration",
      primary: Label(span), notes: ["write it like `5m`, `30s` or `1h`"])
  }

  static func depthOfNonInstrument(_ signature: String, span: SourceSpan) -> Diagnostic {
    Diagnostic(
      id: "types.depth-instrument", message: "the first argument of `\(signature)` must be an instrument",
      primary: Label(span, "not an instrument"))
  }

  static func bookLevelOutOfRange(_ level: Int64, span: SourceSpan) -> Diagnostic {
    Diagnostic(
      id: "types.book-level", message: "book level \(level) is outside 1…\(InputField.maxLevels)",
      primary: Label(span), notes: ["level 1 is the best price; the input record holds \(InputField.maxLevels) levels per side"])
  }

  static func integerOverflow(span: SourceSpan, operatorSpan: SourceSpan) -> Diagnostic {
    Diagnostic(
      id: "types.int-overflow",
      message: "this Int arithmetic overflows: its value is outside \(Int64.min)…\(Int64.max)",
      primary: Label(operatorSpan), secondary: [Label(span, "computed at compile time")],
      notes: ["Int is 64 bits; a constant that wrapped around would silently change a window, lag or quantity"])
  }

  static func notConstant(_ what: String, span: SourceSpan) -> Diagnostic {
    Diagnostic(id: "types.not-constant", message: "\(what) must be a constant (numbers and parameters only)", primary: Label(span))
  }

  // MARK: - Time

  static func lookAhead(steps: Int64, span: SourceSpan) -> Diagnostic {
    Diagnostic(
      id: "time.look-ahead", message: "a lag of \(steps) would read \(-steps) step\(steps == -1 ? "" : "s") into the future",
      primary: Label(span, "negative lag"), notes: ["x[k] is the value k steps ago; k must be 0 or more, so the future cannot be read"])
  }

  static func nonConstantLag(span: SourceSpan) -> Diagnostic {
    Diagnostic(
      id: "time.non-constant-lag", message: "a lag must be a constant number of steps",
      primary: Label(span, "depends on the data"), notes: ["use a number or a parameter: x[3], x[lookback]; a lag that moves with the data could reach the future"])
  }

  static func nonConstantWindow(_ function: String, span: SourceSpan) -> Diagnostic {
    Diagnostic(
      id: "time.non-constant-window", message: "the window of `\(function)` must be a constant",
      primary: Label(span, "depends on the data"), notes: ["every window is sized when the strategy is compiled; use a number or a parameter"])
  }

  static func windowNotInt(_ function: String, _ type: StratType, span: SourceSpan) -> Diagnostic {
    Diagnostic(id: "time.window-type", message: "the window of `\(function)` is a whole number of steps; this is \(article(type.name))", primary: Label(span, type.name))
  }

  static func lagNotInt(_ type: StratType, span: SourceSpan) -> Diagnostic {
    Diagnostic(id: "time.lag-type", message: "a lag is a whole number of steps; this is \(article(type.name))", primary: Label(span, type.name))
  }

  static func lagOfNonNumber(_ type: StratType, span: SourceSpan) -> Diagnostic {
    Diagnostic(id: "time.lag-of-non-number", message: "only numbers can be lagged; this is \(article(type.name))", primary: Label(span, type.name))
  }

  static func windowTooShort(_ function: String, _ n: Int64, minimum: Int, span: SourceSpan) -> Diagnostic {
    Diagnostic(id: "time.window-too-short", message: "the window of `\(function)` must be at least \(minimum); found \(n)", primary: Label(span))
  }

  static func windowTooLong(_ n: Int, span: SourceSpan) -> Diagnostic {
    Diagnostic(id: "time.window-too-long", message: "a window or lag of \(n) steps is longer than the limit of \(Checker.maximumWindow)", primary: Label(span))
  }

  static func letCycle(_ cycle: [Identifier]) -> Diagnostic {
    let path = cycle.map { "`\($0.name)`" }.joined(separator: " → ")
    return Diagnostic(
      id: "names.let-cycle", message: "`\(cycle[0].name)` depends on itself: \(path)",
      primary: Label(cycle[0].span), secondary: cycle.dropFirst().dropLast().map { Label($0.span, "part of the cycle") },
      notes: ["a let is recomputed from other values each step; to carry a value between steps use `state` or a lag such as x[1]"])
  }

  static func paramCycle(_ cycle: [Identifier]) -> Diagnostic {
    let path = cycle.map { "`\($0.name)`" }.joined(separator: " → ")
    return Diagnostic(
      id: "names.param-cycle", message: "parameter `\(cycle[0].name)` depends on itself: \(path)",
      primary: Label(cycle[0].span), secondary: cycle.dropFirst().dropLast().map { Label($0.span, "part of the cycle") },
      notes: ["a parameter's default, range and step are computed from literals and other parameters, so they cannot lead back to it"])
  }

  static func modelCycle(_ cycle: [Identifier]) -> Diagnostic {
    let path = cycle.map { "`\($0.name)`" }.joined(separator: " → ")
    return Diagnostic(
      id: "names.model-cycle", message: "model `\(cycle[0].name)` depends on itself: \(path)",
      primary: Label(cycle[0].span), secondary: cycle.dropFirst().dropLast().map { Label($0.span, "part of the cycle") },
      notes: ["a model is computed from its features, so they cannot read the model itself, directly or through functions and other models"])
  }

  static func expansionTooLarge(_ function: String, nodes: Int, span: SourceSpan) -> Diagnostic {
    Diagnostic(
      id: "limits.expansion",
      message: "inlining `\(function)` here (\(nodes) operations) takes the program past the limit of \(Limits.maximumExpansion) operations added by function calls",
      primary: Label(span, "this call"),
      notes: ["functions are inlined at every call, so a function that calls another twice doubles its size", "compute the shared part once in a `let` and use the let"])
  }

  static func inlinedTooDeep(_ function: String, height: Int, span: SourceSpan) -> Diagnostic {
    Diagnostic(
      id: "limits.expression-height",
      message: "inlining `\(function)` here makes an expression \(height) operations deep; the limit is \(Limits.maximumHeight)",
      primary: Label(span, "this call"),
      notes: ["functions are inlined at every call; compute part of the chain in a `let` and use the let"])
  }

  static func tooMany(_ what: String, limit: Int, at span: SourceSpan) -> Diagnostic {
    Diagnostic(
      id: "limits.count", message: "a strategy has at most \(limit) \(what); this goes past that",
      primary: Label(span), notes: ["every backend (interpreter, JIT and shared objects) supports up to \(limit) \(what)"])
  }

  static func recursion(_ cycle: [String], at span: SourceSpan) -> Diagnostic {
    Diagnostic(
      id: "names.recursion", message: "function `\(cycle.last!)` calls itself: " + cycle.map { "`\($0)`" }.joined(separator: " → "),
      primary: Label(span), notes: ["functions are inlined and must not recurse"])
  }

  // MARK: - Declarations

  static func badOverride(_ name: String, _ text: String, _ type: StratType) -> Diagnostic {
    Diagnostic(id: "cli.bad-param", message: "`--param \(name)=\(text)`: expected \(article(type.name)) value")
  }

  static func emptyRange(_ name: String, span: SourceSpan) -> Diagnostic {
    Diagnostic(id: "params.empty-range", message: "the range of `\(name)` is empty: its low end is above its high end", primary: Label(span))
  }

  static func outOfRange(_ name: String, value: IRConstant, from: String, low: Double, high: Double, span: SourceSpan) -> Diagnostic {
    Diagnostic(
      id: "params.out-of-range", message: "\(from) of `\(name)`, \(value.asDouble), is outside its range \(low)..\(high)",
      primary: Label(span))
  }

  static func noInstruments(at span: SourceSpan) -> Diagnostic {
    Diagnostic(
      id: "names.no-instruments", message: "the strategy declares no instrument", primary: Label(span),
      notes: ["add one: instrument x = \"SPY\""])
  }

  static func duplicateBlock(_ name: String, at span: SourceSpan) -> Diagnostic {
    Diagnostic(id: "names.duplicate-block", message: "a strategy has at most one `\(name)` block", primary: Label(span))
  }

  static func modelFile(_ file: ModelDecl.File, kind: ModelDecl.Kind, _ error: ModelFileError) -> Diagnostic {
    let place = error.place
    let format =
      switch kind {
      case .xgboost: "XGBoost's JSON model format"
      case .lightgbm: "LightGBM's text model format"
      default: "stratc's network format (\"format\": \"stratc-mlp\")"
      }
    return Diagnostic(
      id: "models.file", message: "cannot use model file `\(file.path)`\(place): \(error.message)",
      primary: Label(file.span), notes: ["`\(kind.rawValue)(...)` reads \(format), relative to the strategy's folder"])
  }

  static func modelFeatureCount(_ decl: ModelDecl, count: Int, names featureNames: [String]) -> Diagnostic {
    let names = featureNames.isEmpty ? "" : " (\(featureNames.joined(separator: ", ")))"
    return Diagnostic(
      id: "models.feature-count",
      message: "model `\(decl.name.name)`: `\(decl.file?.path ?? "")` was trained on \(count) feature\(count == 1 ? "" : "s")\(names), and \(decl.features.count) \(decl.features.count == 1 ? "is" : "are") given",
      primary: Label(decl.kindSpan), notes: ["give the features in the order the model was trained on"])
  }

  static func modelFeatureOrder(_ decl: ModelDecl, _ featureNames: [String], position k: Int, given: Identifier) -> Diagnostic {
    let hint =
      Set(featureNames) == Set(decl.features.compactMap { if case .name(let id) = $0 { id.name } else { nil } })
      ? "the names are the model's in another order: give them as \(featureNames.joined(separator: ", "))"
      : "a feature written as a bare name must be the one the model was trained on at that place; any other expression is taken by position"
    return Diagnostic(
      id: "models.feature-order",
      message: "model `\(decl.name.name)`: feature \(k + 1) of `\(decl.file?.path ?? "")` is `\(featureNames[k])`, and `\(given.name)` is given",
      primary: Label(given.span), notes: [hint])
  }

  static func weightCount(_ model: String, features: Int, weights: Int, span: SourceSpan) -> Diagnostic {
    Diagnostic(
      id: "models.weight-count", message: "model `\(model)` has \(features) feature\(features == 1 ? "" : "s") but \(weights) weight\(weights == 1 ? "" : "s")",
      primary: Label(span), notes: ["give one weight per feature, in the same order"])
  }

  static func assignToNonState(_ id: Identifier, candidates: [String]) -> Diagnostic {
    Diagnostic(
      id: "rules.assign-non-state", message: "`\(id.name)` is not a state variable; only `state` can be assigned in a rule",
      primary: Label(id.span), fixIts: suggestionFixIts(id, candidates))
  }

  static func unknownRiskLimit(_ id: Identifier, candidates: [String]) -> Diagnostic {
    Diagnostic(
      id: "risk.unknown-limit", message: "unknown risk limit `\(id.name)`", primary: Label(id.span),
      notes: ["limits: " + candidates.joined(separator: ", ")], fixIts: suggestionFixIts(id, candidates))
  }

  static func riskInstrumentNotAllowed(_ id: Identifier, limit: String) -> Diagnostic {
    Diagnostic(id: "risk.instrument-not-allowed", message: "`\(limit)` applies to every order; only `max_position` names an instrument", primary: Label(id.span))
  }

  static func negativeLimit(_ name: String, span: SourceSpan) -> Diagnostic {
    Diagnostic(id: "risk.negative", message: "the limit `\(name)` must not be negative", primary: Label(span))
  }

  static func notANumberLimit(_ name: String, span: SourceSpan) -> Diagnostic {
    Diagnostic(
      id: "risk.not-a-number", message: "the limit `\(name)` is not a number (NaN)", primary: Label(span),
      notes: ["a limit is compared with every order, and no comparison with NaN holds"])
  }

  static func warmupTooLong(_ steps: Int, span: SourceSpan) -> Diagnostic {
    Diagnostic(
      id: "limits.warmup", message: "this rule can fire only after \(steps) steps; the longest warm-up accepted is \(Limits.maximumWarmup)",
      primary: Label(span), notes: ["each window of N steps over another window's value adds N − 1 steps of warm-up"])
  }

  static func noOrdersAllowed(span: SourceSpan) -> Diagnostic {
    Diagnostic(
      id: "risk.zero-orders", message: "`max_orders` must be at least 1: a limit of 0 would refuse every order",
      primary: Label(span), notes: ["to stop a strategy trading, remove its rules or stop it in the runtime"])
  }

  static func tooManyOrders(_ count: Int64, span: SourceSpan) -> Diagnostic {
    Diagnostic(
      id: "risk.limit-too-large",
      message: "`max_orders` is \(count); the largest accepted is \(Limits.maximumOrdersPerWindow)",
      primary: Label(span), notes: ["the runtime remembers the time of each order in the window, so the count is bounded"])
  }

  static func missingPer(_ id: Identifier) -> Diagnostic {
    Diagnostic(id: "risk.missing-per", message: "`max_orders` needs a window: `max_orders = 10 per 1m`", primary: Label(id.span))
  }

  static func emptyHours(span: SourceSpan) -> Diagnostic {
    Diagnostic(id: "schedule.empty-hours", message: "trading hours open and close at the same time", primary: Label(span))
  }

  static func badTimezone(_ text: String, span: SourceSpan, directory: String, suggestions: [String]) -> Diagnostic {
    Diagnostic(
      id: "schedule.bad-timezone", message: "unknown timezone \"\(text)\"", primary: Label(span),
      notes: [
        "write \"UTC\", a fixed offset such as \"-05:00\", or a zone of the system's time-zone database "
          + "(\(directory)) such as \"America/New_York\""
      ],
      fixIts: suggestions.prefix(1).map { FixIt(span: span, replacement: "\"\($0)\"", message: "did you mean `\"\($0)\"`?") })
  }

  static func badZoneFile(_ text: String, span: SourceSpan, problem: Diagnostic) -> Diagnostic {
    let place = problem.location.map { location in
      location.path + (location.byteOffset.map { " at byte \($0)" } ?? "")
    } ?? "the time-zone database"
    return Diagnostic(
      id: "schedule.bad-timezone", message: "cannot read timezone \"\(text)\": \(problem.message)", primary: Label(span),
      notes: ["in \(place)"])
  }

  static func badTimeOfDay(_ text: String, span: SourceSpan) -> Diagnostic {
    Diagnostic(id: "schedule.bad-time", message: "`\(text)` is not a time of day (00:00 to 24:00)", primary: Label(span))
  }

  static func scheduleWithoutHours(span: SourceSpan) -> Diagnostic {
    Diagnostic(id: "schedule.missing-hours", message: "a schedule needs trading hours: `hours 09:30 to 16:00`", primary: Label(span))
  }

  static func unused(_ kind: String, _ id: Identifier) -> Diagnostic {
    Diagnostic(
      id: "names.unused", severity: .warning, message: "\(kind) `\(id.name)` is never used", primary: Label(id.span),
      notes: ["remove it, or use it in a rule"])
  }

  static func article(_ name: String) -> String {
    let vowels: Set<Character> = ["A", "E", "I", "O", "U"]
    return (vowels.contains(name.first ?? "x") ? "an " : "a ") + name
  }
}
