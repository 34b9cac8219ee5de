import StratDiagnostics
import StratIR
import StratSyntax
import StratTimeZone

extension Checker {
  // MARK: - Lets

  /// Checks a let once; a let that depends on itself is reported with the whole cycle.
  mutating func checkLet(_ index: Int) -> TypedExpr? {
    if let done = letResults[index] { return done }
    if failed.contains("let \(index)") { return nil }  // reported once, not at every use
    let decl = letDecls[index]
    if let start = letVisiting.firstIndex(of: index) {
      let cycle = letVisiting[start...].map { letDecls[$0].name } + [decl.name]
      report(SemaDiagnostics.letCycle(cycle))
      return nil
    }
    letVisiting.append(index)
    defer { letVisiting.removeLast() }
    let savedScope = functionScope
    functionScope = nil
    defer { functionScope = savedScope }
    guard var value = checkExpression(decl.value) else {
      failed.insert("let \(index)")
      return nil
    }
    if let typeName = decl.type {
      guard let type = requireType(typeName),
        let coerced = coerce(value, to: type, context: "the declared type of `\(decl.name.name)`")
      else {
        failed.insert("let \(index)")
        return nil
      }
      value = coerced
    }
    value.isLiteral = false
    letResults[index] = value
    checked.lets[index].value = value
    checked.lets[index].warmup = Warmup(program: checked).steps(value)
    return value
  }

  // MARK: - Models

  // model m = logistic(f1, f2) weights [w1, w2] bias b, or xgboost("m.json", f1, f2):
  // features are plain numbers.
  mutating func checkModel(_ index: Int) {
    guard !modelChecked[index] else { return }
    modelChecked[index] = true
    let decl = modelDecls[index]
    var features: [TypedExpr] = []
    for feature in decl.features {
      guard let typed = checkExpression(feature) else { continue }
      guard let plain = coerce(toFloat(typed), to: .plainFloat, context: "a feature of model `\(decl.name.name)`") else { continue }
      features.append(plain)
    }
    if decl.kind.readsFile {
      let file = loadModelFile(decl, features: features)
      checked.models[index] = .init(name: decl.name.name, isLogistic: false, features: features, weights: [], bias: 0, file: file)
      return
    }
    let weights = decl.weights.compactMap { constant($0, as: .plainFloat, what: "a weight of `\(decl.name.name)`")?.asDouble }
    if decl.weights.count != decl.features.count {
      report(SemaDiagnostics.weightCount(decl.name.name, features: decl.features.count, weights: decl.weights.count, span: decl.weightsSpan))
    }
    let bias = decl.bias.flatMap { constant($0, as: .plainFloat, what: "the bias of `\(decl.name.name)`")?.asDouble } ?? 0
    checked.models[index] = .init(
      name: decl.name.name, isLogistic: decl.kind == .logistic, features: features, weights: weights, bias: bias, file: nil)
  }

  // MARK: - Rules

  mutating func checkRule(_ rule: RuleDecl) {
    let condition = checkExpression(rule.condition).flatMap {
      coerce($0, to: .bool, context: "the condition of `when`")
    }
    var actions: [CheckedProgram.Action] = []
    for action in rule.actions {
      if let checkedAction = checkAction(action) { actions.append(contentsOf: checkedAction) }
    }
    decisionCount += actions.filter { if case .assign = $0 { false } else { true } }.count
    _ = withinLimit(decisionCount - 1, Limits.maximumDecisions, "decisions per step", at: rule.keyword)
    guard let condition else { return }
    let checkedRule = CheckedProgram.Rule(condition: condition, actions: actions)
    let warmup = Self.warmup(of: checkedRule, in: checked)
    guard warmup <= Limits.maximumWarmup else {
      report(SemaDiagnostics.warmupTooLong(warmup, span: rule.keyword))
      return
    }
    checked.rules.append(checkedRule)
  }

  mutating func checkAction(_ action: Action) -> [CheckedProgram.Action]? {
    switch action {
    case .target(let instrument, let quantity):
      guard let i = instrumentIndex(instrument), let q = quantityValue(quantity, "the target of `\(instrument.name)`") else { return nil }
      return [.target(instrument: i, quantity: q)]
    case .flat(let instrument, let span):
      let zero = TypedExpr(kind: .constant(.f64(0)), type: .quantity, span: span)
      if let instrument {
        guard let i = instrumentIndex(instrument) else { return nil }
        return [.target(instrument: i, quantity: zero)]
      }
      return checked.instruments.indices.map { .target(instrument: $0, quantity: zero) }
    case .order(let isBuy, let instrument, let quantity, let limit, let style, _):
      guard let i = instrumentIndex(instrument), var q = quantityValue(quantity, "the order quantity") else { return nil }
      if !isBuy { q = TypedExpr(kind: .negate(q), type: q.type, span: q.span) }
      guard let limit else { return [.market(instrument: i, quantity: q)] }
      guard let typed = checkExpression(limit), let price = coerce(toFloat(typed), to: .price, context: "a limit price") else { return nil }
      return [.limit(instrument: i, quantity: q, price: price, style: style)]
    case .cancel(let instrument, let isBuy, _):
      guard let i = instrumentIndex(instrument) else { return nil }
      return [.cancel(instrument: i, side: isBuy.map { $0 ? 1 : -1 } ?? 0)]
    case .assign(let state, let value):
      guard case .state(let index)? = entities[state.name]?.0 else {
        report(SemaDiagnostics.assignToNonState(state, candidates: checked.states.map(\.name)))
        _ = checkExpression(value)
        return nil
      }
      guard let typed = checkExpression(value),
        let coerced = coerce(typed, to: checked.states[index].type, context: "the value assigned to `\(state.name)`")
      else { return nil }
      return [.assign(state: index, value: coerced)]
    }
  }

  mutating func instrumentIndex(_ id: Identifier) -> Int? {
    if case .instrument(let index)? = entities[id.name]?.0 { return index }
    report(SemaDiagnostics.unknownInstrument(id, candidates: instrumentNames()))
    return nil
  }

  mutating func quantityValue(_ expr: Expr, _ context: String) -> TypedExpr? {
    guard let typed = checkExpression(expr) else { return nil }
    if typed.type == .int { return toFloat(typed).with(type: .quantity) }
    return coerce(typed, to: .quantity, context: context)
  }

  // MARK: - Risk and schedule

  mutating func checkRisk(_ risk: RiskDecl) {
    for item in risk.items {
      let name = item.name.name
      let expected: [String: StratType] = [
        "max_position": .quantity, "max_order": .quantity, "max_notional": .money,
        "max_daily_loss": .money, "price_band": .plainFloat, "max_orders": .int,
      ]
      guard let type = expected[name] else {
        report(SemaDiagnostics.unknownRiskLimit(item.name, candidates: expected.keys.sorted()))
        continue
      }
      var instrument: Int?
      if let id = item.instrument {
        guard name == "max_position" else {
          report(SemaDiagnostics.riskInstrumentNotAllowed(id, limit: name))
          continue
        }
        guard let index = instrumentIndex(id) else { continue }
        instrument = index
      }
      guard let value = constant(item.value, as: type, what: "the limit `\(name)`") else { continue }
      if value.asDouble.isNaN {
        report(SemaDiagnostics.notANumberLimit(name, span: item.value.span))
        continue
      }
      if value.asDouble < 0 {
        report(SemaDiagnostics.negativeLimit(name, span: item.value.span))
        continue
      }
      switch name {
      case "max_position": checked.risk.append(.maxPosition(instrument: instrument, value.asDouble))
      case "max_order": checked.risk.append(.maxOrderQuantity(value.asDouble))
      case "max_notional": checked.risk.append(.maxOrderNotional(value.asDouble))
      case "max_daily_loss": checked.risk.append(.maxDailyLoss(value.asDouble))
      case "price_band": checked.risk.append(.priceBand(value.asDouble))
      default:
        guard let per = item.per else {
          report(SemaDiagnostics.missingPer(item.name))
          continue
        }
        guard case .i64(let window)? = constant(per, as: .duration, what: "the window of `max_orders`") else { continue }
        guard window > 0 else {
          report(SemaDiagnostics.nonPositiveDuration("the window of `max_orders`", span: per.span))
          continue
        }
        guard case .i64(let count) = value, count >= 1 else {
          report(SemaDiagnostics.noOrdersAllowed(span: item.value.span))
          continue
        }
        // The runtime keeps the time of each of the last `count` orders.
        guard count <= Limits.maximumOrdersPerWindow else {
          report(SemaDiagnostics.tooManyOrders(count, span: item.value.span))
          continue
        }
        checked.risk.append(.orderRate(count: Int(count), windowNanos: window))
      }
    }
  }

  mutating func checkSchedule(_ schedule: ScheduleDecl) {
    var hours: (Int64, Int64)?
    var offset: Int64 = 0
    var zone: ZoneOffsetPlan?
    var flatten: Int64 = 0
    var hasHours = false
    for item in schedule.items {
      switch item {
      case .hours(let open, let close):
        let (o, c) = (minutes(open), minutes(close))  // both checked, so both are reported
        guard let o, let c else {
          hasHours = true
          continue
        }
        if o == c { report(SemaDiagnostics.emptyHours(span: open.span.merged(with: close.span))) }
        hours = (o, c)
      case .timezone(let token):
        let text = String(token.text.dropFirst().dropLast())
        guard let parsed = Self.utcOffset(text) else {
          guard let plan = namedZone(text, span: token.span) else { continue }
          (offset, zone) = plan.fixedOffset.map { ($0 * 1_000_000_000, nil) } ?? (0, plan)
          continue
        }
        (offset, zone) = (parsed, nil)
      case .flattenBefore(let expr, _):
        if case .i64(let d)? = constant(expr, as: .duration, what: "`flatten_before`") {
          if d < 0 { report(SemaDiagnostics.nonPositiveDuration("`flatten_before`", span: expr.span)) }
          flatten = d
        }
      }
    }
    guard let (open, close) = hours else {
      if !hasHours { report(SemaDiagnostics.scheduleWithoutHours(span: schedule.span)) }
      return
    }
    checked.schedule = .init(open: open, close: close, offsetNanos: offset, flattenBeforeNanos: flatten, zone: zone)
  }

  /// The offset plan of a zone of the system's database, or nil after reporting why not.
  mutating func namedZone(_ name: String, span: SourceSpan) -> ZoneOffsetPlan? {
    do throws(ZoneDatabase.LookupError) {
      return ZoneOffsetPlan(zone: try ZoneDatabase.rules(named: name))
    } catch {
      switch error {
      case .notFound(_, let directory, let suggestions):
        report(SemaDiagnostics.badTimezone(name, span: span, directory: directory, suggestions: suggestions))
      case .malformed(let diagnostic):
        report(SemaDiagnostics.badZoneFile(name, span: span, problem: diagnostic))
      }
      return nil
    }
  }

  mutating func minutes(_ token: Token) -> Int64? {
    let parts = token.text.split(separator: ":").compactMap { Int64($0) }
    guard parts.count == 2, parts[0] <= 24, parts[1] < 60, parts[0] * 60 + parts[1] <= 24 * 60 else {
      report(SemaDiagnostics.badTimeOfDay(token.text, span: token.span))
      return nil
    }
    return parts[0] * 60 + parts[1]
  }

  /// Parses "UTC", "Z" or a fixed offset "+HH:MM"/"-HH:MM" into nanoseconds east of UTC.
  static func utcOffset(_ text: String) -> Int64? {
    if text == "UTC" || text == "Z" { return 0 }
    let scalars = Array(text.utf8)
    guard scalars.count == 6, scalars[0] == UInt8(ascii: "+") || scalars[0] == UInt8(ascii: "-"),
      scalars[3] == UInt8(ascii: ":"), let h = Int64(text.dropFirst().prefix(2)),
      let m = Int64(text.suffix(2)), h <= 14, m < 60
    else { return nil }
    let sign: Int64 = scalars[0] == UInt8(ascii: "-") ? -1 : 1
    return sign * (h * 3600 + m * 60) * 1_000_000_000
  }

  // MARK: - Unused

  mutating func warnUnused() {
    for d in paramDecls where !used.contains(d.name.name) {
      report(SemaDiagnostics.unused("parameter", d.name))
    }
    for d in letDecls where !used.contains(d.name.name) {
      report(SemaDiagnostics.unused("let", d.name))
    }
    for d in modelDecls where !used.contains(d.name.name) {
      report(SemaDiagnostics.unused("model", d.name))
    }
  }
}

extension TypedExpr {
  func with(type: StratType) -> TypedExpr {
    var copy = self
    copy.type = type
    return copy
  }
}
