import StratABI
import StratFixed
import StratIR

// From ranges to formats: every f64 value saturates (AP_SAT) and rounds to nearest even
// (AP_RND_CONV); a value the analysis bounded gets the integer bits its range needs.

extension KernelPlanner {
  func fit(_ r: Interval) -> FixedFormat { FixedFormat.fitting(r, width: options.width, fallback: options.fallback) }

  /// The format of instruction `index`'s f64 result, whose range is `r`.
  func format(of index: Int, _ r: Interval) -> FixedFormat {
    let instruction = module.step[index]
    let slot = instruction.imm.slotIndex
    switch instruction.op {
    case .load, .lag, .min, .max, .ema: return slot.map(slotValueFormat) ?? fit(r)
    case .mean: return slot.map { windowPlan($0).mean } ?? fit(r)
    case .field:
      guard case .field(_, let field) = instruction.imm else { return fit(r) }
      return fit(fieldRange(field))
    case .fdiv where constantDivisor(instruction) == nil:
      let a = argFormat(instruction, 0), b = argFormat(instruction, 1)
      return fit(r).limitingFraction(to: 126 - a.width - b.fractionBits + a.fractionBits)
    case .sqrt:
      let x = argFormat(instruction, 0)
      return fit(r).limitingFraction(to: (126 - x.width + x.fractionBits) / 2)
    case .log, .exp: return fit(r).limitingFraction(to: KernelTables.fraction)
    default: return fit(r)
    }
  }

  func argFormat(_ instruction: Instruction, _ k: Int) -> FixedFormat {
    let arg = instruction.args[k]
    return format(of: arg, ranges[arg] ?? .unbounded)
  }

  /// The format of the values a slot holds (a scalar's value, a buffer's elements, an EMA).
  func slotValueFormat(_ s: Int) -> FixedFormat {
    let r = slotRanges[s] ?? Interval(0, 0)
    if case .ring = module.slots[s].kind { return fit(r.joined(.point(0))) }
    return fit(r)
  }

  func windowPlan(_ s: Int) -> WindowPlan {
    let r = slotRanges[s] ?? Interval(0, 0)
    let n = Double(module.slots[s].kind.capacity ?? 1)
    let v = fit(r), m2 = r.magnitude * r.magnitude
    return WindowPlan(
      capacity: module.slots[s].kind.capacity ?? 1, values: v,
      sum: fit(Interval(min(0, r.lo) * n, max(0, r.hi) * n)).limitingFraction(to: v.fractionBits),
      sumsq: fit(Interval(0, m2 * n)).limitingFraction(to: 2 * v.fractionBits),
      mean: v, meanSquare: fit(Interval(0, m2)).limitingFraction(to: 2 * v.fractionBits),
      variance: fit(Interval(-m2, m2)))
  }

  func slotPlan(_ s: Int) -> SlotPlan {
    switch module.slots[s].kind {
    case .scalar(let t, _):
      switch t {
      case .f64: return .scalar(.fixed(slotValueFormat(s)))
      case .i64: return .scalar(.int)
      case .bool: return .scalar(.bool)
      }
    case .ring(let n): return .ring(values: slotValueFormat(s), capacity: n)
    case .window: return .window(windowPlan(s))
    case .ema(let n):
      let alpha = KernelTables.roundedQuotient(Int128(1) << (SlotPlan.alphaFormat.fractionBits + 1), Int128(n + 1))
      return .ema(value: slotValueFormat(s), alphaRaw: alpha, period: n)
    case .pairWindow: return .scalar(.bool)  // refused before planning
    }
  }

  /// The type of each instruction's result, once the ranges have settled.
  func kernelType(_ index: Int) -> KernelType? {
    switch module.step[index].type {
    case nil: nil
    case .bool: .bool
    case .i64: .int
    case .f64: .fixed(format(of: index, ranges[index] ?? .unbounded))
    }
  }

  func build() -> KernelPlan {
    let types = module.step.indices.map(kernelType)
    var constants: [Int: Int128] = [:]
    var reciprocals: [Int: Int128] = [:]
    var outputs: [KernelOutput] = []
    var inputs: [KernelInput] = []
    for (index, instruction) in module.step.enumerated() {
      if let f = types[index]?.format, let v = constantValue(instruction) {
        constants[index] = KernelTables.raw(of: v, in: f)
      }
      if let c = constantDivisor(instruction) {
        reciprocals[index] = KernelTables.raw(of: 1 / c, in: KernelPlan.reciprocalFormat)
      }
      if let output = output(instruction, index, types) { outputs.append(output) }
      if case .field(let i, let field) = instruction.imm,
        !inputs.contains(where: { $0.instrument == i && $0.field == field }), let f = types[index]?.format
      {
        inputs.append(input(i, field, f))
      }
    }
    inputs.sort { ($0.instrument, $0.field.rawValue) < ($1.instrument, $1.field.rawValue) }
    let largest = module.slots.compactMap(\.kind.capacity).max() ?? 1
    var plan = KernelPlan(
      module: module, reference: module, options: options, types: types, ranges: ranges, constants: constants,
      reciprocals: reciprocals, slots: module.slots.indices.map(slotPlan), inputs: inputs, outputs: outputs,
      tables: KernelTables(bits: options.tableBits, largestWindow: largest), risk: riskPlan(inputs: inputs))
    for index in module.step.indices {
      guard let (i, field) = validityTest(index) else { continue }
      plan.validity[index] = inputs.firstIndex { $0.instrument == i && $0.field == field }
    }
    plan.squared = squaredComparisons(types)
    plan.unused = Self.unused(module, plan.squared)
    return plan
  }

  func constantValue(_ instruction: Instruction) -> Double? {
    switch instruction.imm {
    case .constant(.f64(let v)) where instruction.op == .const: v
    case .param(let p) where instruction.op == .param:
      if case .f64(let v) = module.params[p].value { v } else { nil }
    default: nil
    }
  }

  func input(_ instrument: Int, _ field: InputField, _ format: FixedFormat) -> KernelInput {
    let scale: Int64 = KernelInput.isSize(field) ? 1 : options.priceScale
    let unit = FixedFormat(width: 63, integerBits: 2)
    let raw = KernelTables.roundedQuotient(Int128(1) << unit.fractionBits, Int128(scale))
    return KernelInput(instrument: instrument, field: field, scale: scale, format: format, unitRaw: raw, unitFormat: unit)
  }

  func output(_ instruction: Instruction, _ index: Int, _ types: [KernelType?]) -> KernelOutput? {
    let kind: DecisionKind
    switch instruction.op {
    case .target: kind = .target
    case .market: kind = .market
    case .limit: kind = .limit
    case .ioc: kind = .immediateOrCancel
    case .replace: kind = .replace
    case .cancel: kind = .cancel
    default: return nil
    }
    guard case .instrument(let i) = instruction.imm, let q = types[instruction.args[0]]?.format else { return nil }
    let price = instruction.args.count > 1 ? types[instruction.args[1]]?.format : nil
    return KernelOutput(instruction: index, kind: kind, instrument: i, quantity: q, price: price)
  }
}
