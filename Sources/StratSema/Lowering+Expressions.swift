import StratDiagnostics
import StratABI
import StratIR

extension Lowering {
  mutating func lowerLet(_ index: Int) -> Lowered {
    if let done = letValues[index] { return done }
    var lowered = lower(program.lets[index].value)
    // Name the let's value after the let, so the IR reads like the source.
    if builder.module.step[lowered.value].op == .const || builder.module.step[lowered.value].op == .param
      || builder.module.step[lowered.value].op == .load || builder.module.step[lowered.value].op == .field
    {
      lowered = Lowered(value: lowered.value, ok: lowered.ok)
    } else {
      renameValue(lowered.value, to: program.lets[index].name)
    }
    letValues[index] = lowered
    return lowered
  }

  mutating func renameValue(_ value: ValueID, to name: String) {
    builder.rename(value, to: name)
  }

  /// Runs `body`, recording `span` as the source of every slot it creates (for the state limit).
  mutating func locatingNewSlots(at span: SourceSpan, _ body: (inout Lowering) -> Lowered) -> Lowered {
    let first = builder.module.slots.count
    let result = body(&self)
    for slot in first..<builder.module.slots.count { slotSpans[slot] = span }
    return result
  }

  mutating func lower(_ expr: TypedExpr) -> Lowered {
    switch expr.kind {
    case .constant(let c):
      var value = c
      if case .float = expr.type, case .i64(let v) = c { value = .f64(Double(v)) }
      return Lowered(value: builder.constant(value), ok: nil)
    case .field(let i, let field):
      return lowerField(i, field)
    case .param(let i):
      let type = irType(program.params[i].type)
      return Lowered(value: builder.emit(.param, type, imm: .param(i), name: program.params[i].name), ok: nil)
    case .letValue(let i):
      return lowerLet(i)
    case .stateValue(let i):
      return Lowered(value: stateLoads[i], ok: nil)
    case .modelValue(let i):
      return lowerModel(i)
    case .time:
      return Lowered(value: builder.emit(.time, .i64, name: "now"), ok: nil)
    case .argument:
      preconditionFailure("function arguments are substituted before lowering")
    case .negate(let e):
      let x = lower(e)
      let op: Opcode = builder.type(of: x.value) == .i64 ? .ineg : .fneg
      return Lowered(value: builder.emit(op, builder.type(of: x.value)!, [x.value]), ok: x.ok)
    case .not(let e):
      let x = lower(e)
      return Lowered(value: builder.emit(.not, .bool, [x.value]), ok: x.ok)
    case .toFloat(let e):
      let x = lower(e)
      if builder.type(of: x.value) == .f64 { return x }
      return Lowered(value: builder.emit(.itof, .f64, [x.value]), ok: x.ok)
    case .binary(let op, let l, let r):
      return lowerBinary(op, lower(l), lower(r))
    case .builtin(let b, let args, let window):
      let operands = args.map { lower($0) }
      return locatingNewSlots(at: expr.span) { $0.lowerBuiltin(b, operands, window: window) }
    case .lag(let e, let k):
      let x = lower(e)
      return locatingNewSlots(at: expr.span) { $0.lag(x, k) }
    case .ifElse(let c, let t, let f):
      let cond = lower(c)
      let a = lower(t)
      let b = lower(f)
      let type = builder.type(of: a.value)!
      let value = builder.emit(.select, type, [cond.value, a.value, b.value])
      var ok = cond.ok
      if a.ok != nil || b.ok != nil {
        let yes = a.ok ?? builder.constant(.bool(true))
        let no = b.ok ?? builder.constant(.bool(true))
        let chosen = builder.emit(.select, .bool, [cond.value, yes, no])
        ok = all([cond.ok, chosen])
      }
      return Lowered(value: value, ok: ok)
    }
  }

  mutating func lowerField(_ instrument: Int, _ field: InputField) -> Lowered {
    let name = "\(program.instruments[instrument].name).\(field.name)"
    if let done = fields[name] { return done }
    let seenName = "\(program.instruments[instrument].name).seen"
    let seen = fields[seenName]?.value ?? builder.emit(.seen, .bool, imm: .instrument(instrument), name: seenName)
    fields[seenName] = Lowered(value: seen, ok: nil)
    let value = builder.emit(.field, .f64, imm: .field(instrument: instrument, field), name: name)
    let ok: ValueID?
    switch InstrumentFields.definedness(field) {
    case .seen: ok = seen
    case .always: ok = nil
    case .notNaN: ok = builder.emit(.feq, .bool, [value, value], name: name + ".ok")
    }
    let lowered = Lowered(value: value, ok: ok)
    fields[name] = lowered
    return lowered
  }

  mutating func lowerBinary(_ op: TypedExpr.BinaryOp, _ l: Lowered, _ r: Lowered) -> Lowered {
    let isInt = builder.type(of: l.value) == .i64
    let code: Opcode
    switch op {
    case .add: code = isInt ? .iadd : .fadd
    case .subtract: code = isInt ? .isub : .fsub
    case .multiply: code = isInt ? .imul : .fmul
    case .divide: code = isInt ? .idiv : .fdiv
    case .remainder: code = isInt ? .irem : .fmod
    case .less: code = isInt ? .ilt : .flt
    case .lessEqual: code = isInt ? .ile : .fle
    case .greater: code = isInt ? .igt : .fgt
    case .greaterEqual: code = isInt ? .ige : .fge
    case .equal: code = builder.type(of: l.value) == .bool ? .not : (isInt ? .ieq : .feq)
    case .notEqual: code = builder.type(of: l.value) == .bool ? .not : (isInt ? .ine : .fne)
    case .and: code = .and
    case .or: code = .or
    }
    let ok = all([l.ok, r.ok])
    if builder.type(of: l.value) == .bool, op == .equal || op == .notEqual {
      // a == b on Bool is not (a xor b): (a and b) or (not a and not b)
      let both = builder.emit(.and, .bool, [l.value, r.value])
      let na = builder.emit(.not, .bool, [l.value])
      let nb = builder.emit(.not, .bool, [r.value])
      let neither = builder.emit(.and, .bool, [na, nb])
      let same = builder.emit(.or, .bool, [both, neither])
      let value = op == .equal ? same : builder.emit(.not, .bool, [same])
      return Lowered(value: value, ok: ok)
    }
    return Lowered(value: builder.emit(code, code.fixedResultType ?? .bool, [l.value, r.value]), ok: ok)
  }

  mutating func lowerModel(_ index: Int) -> Lowered {
    if let done = modelValues[index] { return done }
    let model = program.models[index]
    let features = model.features.map { lower($0) }
    if let file = model.file {
      let value = lowerTrees(file, features: features.map(\.value))
      renameValue(value, to: model.name)
      let lowered = Lowered(value: value, ok: all(features.map(\.ok)))
      modelValues[index] = lowered
      return lowered
    }
    var acc = builder.constant(.f64(model.bias))
    for (feature, weight) in zip(features, model.weights) {
      let term = builder.emit(.fmul, .f64, [builder.constant(.f64(weight)), feature.value])
      acc = builder.emit(.fadd, .f64, [acc, term])
    }
    if model.isLogistic {
      // p = 1 ÷ (1 + exp(−score))
      let negated = builder.emit(.fneg, .f64, [acc])
      let e = builder.emit(.exp, .f64, [negated])
      let one = builder.constant(.f64(1))
      let denominator = builder.emit(.fadd, .f64, [one, e])
      acc = builder.emit(.fdiv, .f64, [one, denominator])
    }
    renameValue(acc, to: model.name)
    let lowered = Lowered(value: acc, ok: all(features.map(\.ok)))
    modelValues[index] = lowered
    return lowered
  }
}
