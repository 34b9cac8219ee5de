import Foundation
import StratABI
import StratFixed
import StratIR

// The interval rules, one per opcode. Each f64 result's error bound is its operands' bounds
// carried through the operation, plus the quantisation of its own format (`quantised`).

extension KernelPlanner {
  mutating func visit(_ index: Int) {
    let instruction = module.step[index]
    let a = instruction.args.first.flatMap { ranges[$0] } ?? .unbounded
    let b = instruction.args.count > 1 ? ranges[instruction.args[1]] ?? .unbounded : .unbounded
    switch instruction.op {
    case .store, .push: record(effect: instruction)
    case .target, .market, .limit, .ioc, .replace, .cancel: break
    default: ranges[index] = quantised(index, value(instruction, index, a, b))
    }
  }

  /// The result's range before its own quantisation.
  func value(_ instruction: Instruction, _ index: Int, _ a: Interval, _ b: Interval) -> Interval {
    switch instruction.op {
    case .const, .param: return constant(index)
    case .field:
      guard case .field(_, let field) = instruction.imm else { return .unbounded }
      return fieldRange(field)
    case .seen: return Interval(0, 1)
    case .time: return .unbounded
    case .load, .lag, .min, .max, .ema, .mean:
      guard let s = instruction.imm.slotIndex, let r = slotRanges[s] else { return Interval(0, 0) }
      return instruction.op == .lag ? r.joined(.point(0)) : r
    case .count:
      return Interval(0, Double(instruction.imm.slotIndex.flatMap { module.slots[$0].kind.capacity } ?? 0))
    case .sum:
      guard let s = instruction.imm.slotIndex, let r = slotRanges[s], let n = module.slots[s].kind.capacity
      else { return Interval(0, 0) }
      return Interval(min(0, r.lo) * Double(n), max(0, r.hi) * Double(n), error: r.error * Double(n))
    case .varp, .vars:
      guard let s = instruction.imm.slotIndex, let r = slotRanges[s] else { return Interval(0, 0) }
      let spread = r.hi - r.lo, m = r.magnitude
      let e = 4 * m * r.error + r.error * r.error
      return instruction.op == .varp
        ? Interval(0, spread * spread / 4, error: e) : Interval(0, spread * spread / 2, error: 2 * e)
    case .fadd: return a + b
    case .fsub: return a - b
    case .fmul: return a * b
    case .fdiv: return division(instruction, a, b)
    case .fneg: return -a
    case .abs:
      let lo = a.lo <= 0 && a.hi >= 0 ? 0 : min(abs(a.lo), abs(a.hi))
      return Interval(lo, a.magnitude, error: a.error)
    case .sign:
      let crosses = a.lo - a.error <= 0 && a.hi + a.error >= 0 && a.error > 0
      return Interval(-1, 1, error: crosses ? 2 : 0)
    case .fmin, .fmax:
      let e = Swift.max(a.error, b.error)
      if instruction.op == .fmin { return Interval(Swift.min(a.lo, b.lo), Swift.min(a.hi, b.hi), error: e) }
      return Interval(Swift.max(a.lo, b.lo), Swift.max(a.hi, b.hi), error: e)
    case .select:
      let x = ranges[instruction.args[1]] ?? .unbounded, y = ranges[instruction.args[2]] ?? .unbounded
      return x.joined(y)
    case .round:
      return Interval(a.lo.rounded(.toNearestOrAwayFromZero), a.hi.rounded(.toNearestOrAwayFromZero),
        error: a.error > 0 ? a.error + 1 : 0).sane
    case .sqrt: return squareRoot(a)
    case .log: return logarithm(a)
    case .exp: return exponential(a)
    case .itof: return a.isBounded ? a : .unbounded
    case .ftoi: return a.isBounded ? Interval(a.lo.rounded(.towardZero), a.hi.rounded(.towardZero)) : .unbounded
    case .iadd, .isub, .imul, .idiv, .irem, .ineg: return .unbounded
    default: return Interval(0, 1)  // comparisons and logic: bools
    }
  }

  /// The declared input range of a bar or book field (prices once seen or defined; 0 before).
  func fieldRange(_ field: InputField) -> Interval {
    if KernelInput.isSize(field) { return Interval(0, options.maxSize) }
    let hi = options.priceRange.upperBound
    // Prices lie in the declared range once the instrument is seen (rules guard on `seen`; the
    // 0 before it only saturates). The double interpreter reads TICKS ÷ scale, rounded once.
    return Interval(options.priceRange.lowerBound, hi, error: hi * pow2(-52))
  }

  func constant(_ index: Int) -> Interval {
    let instruction = module.step[index]
    let c: IRConstant
    switch instruction.imm {
    case .constant(let k): c = k
    case .param(let p): c = module.params[p].value
    default: return .unbounded
    }
    guard case .f64(let v) = c else { return c.type == .bool ? Interval(0, 1) : .point(c.plainValue) }
    guard v.isFinite else { return .unbounded }
    let f = FixedFormat.fitting(.point(v), width: options.width, fallback: options.fallback)
    let raw = KernelTables.raw(of: v, in: f)
    return Interval(v, v, error: abs(Double(raw) * f.resolution - v))
  }

  func division(_ instruction: Instruction, _ a: Interval, _ b: Interval) -> Interval {
    guard let c = constantDivisor(instruction) else { return a / b }
    let recipFormat = KernelPlan.reciprocalFormat
    let recip = Double(KernelTables.raw(of: 1 / c, in: recipFormat)) * recipFormat.resolution
    let q = a * Interval(recip, recip)
    return Interval(q.lo, q.hi, error: a.error / abs(c) + a.magnitude * abs(recip - 1 / c))
  }

  /// The divisor's value when it is a constant the kernel may replace by its reciprocal: finite,
  /// non-zero and at least 1 ÷ 2 in magnitude (so the reciprocal fits the reciprocal format).
  func constantDivisor(_ instruction: Instruction) -> Double? {
    guard instruction.op == .fdiv else { return nil }
    let d = module.step[instruction.args[1]]
    guard d.op == .const, case .constant(.f64(let c)) = d.imm, c.isFinite, abs(c) >= 0.5 else { return nil }
    return c
  }

  func squareRoot(_ a: Interval) -> Interval {
    guard a.isBounded else { return .unbounded }
    let lo = Foundation.sqrt(max(0, a.lo)), hi = Foundation.sqrt(max(0, a.hi))
    let e = a.lo - a.error > 0 ? a.error / (2 * Foundation.sqrt(a.lo - a.error)) : Foundation.sqrt(a.error)
    return Interval(lo, hi, error: e)
  }

  /// log: values at or below the operand's resolution give the format's least value.
  func logarithm(_ a: Interval) -> Interval {
    guard a.isBounded, a.hi > 0 else { return .unbounded }
    let least = max(a.lo, pow2(-62))
    let table = pow2(-2 * options.tableBits) / 8 + pow2(-50)
    let e = least - a.error > 0 ? a.error / (least - a.error) + table : .infinity
    return Interval(Foundation.log(least), Foundation.log(a.hi), error: e)
  }

  func exponential(_ a: Interval) -> Interval {
    guard a.isBounded, a.hi < Double(options.fallbackIntegerBits - 1) * M_LN2 else { return .unbounded }
    let hi = Foundation.exp(a.hi)
    let table = (pow2(-2 * options.tableBits) / 8 + pow2(-50)) * hi
    return Interval(Foundation.exp(a.lo), hi, error: hi * (Foundation.exp(a.error) - 1) + table)
  }

  /// Adds the result format's own rounding to the error (nothing for bools and integers).
  func quantised(_ index: Int, _ r: Interval) -> Interval {
    guard module.step[index].type == .f64 else { return r }
    let f = format(of: index, r)
    guard r.isBounded, r.magnitude + r.error < f.largestMagnitude else {
      return Interval(r.lo, r.hi, error: .infinity)
    }
    return Interval(r.lo, r.hi, error: r.error + f.resolution)
  }

  /// Joins what a store or push writes into its slot's range.
  mutating func record(effect instruction: Instruction) {
    guard let s = instruction.imm.slotIndex else { return }
    guard module.slots[s].kind.isFloatSlot, let v = instruction.args.first.flatMap({ ranges[$0] }) else {
      slotRanges[s] = slotRanges[s] ?? Interval(0, 1)
      return
    }
    slotRanges[s] = slotRanges[s].map { $0.joined(v) } ?? v
  }
}

extension Immediate {
  /// The slot an instruction names, if any.
  var slotIndex: Int? {
    switch self {
    case .slot(let s): s
    case .lag(let s, _): s
    default: nil
    }
  }
}

extension SlotKind {
  /// True for slots of f64 values (buffers, and f64 scalars).
  var isFloatSlot: Bool {
    if case .scalar(let t, _) = self { return t == .f64 }
    return true
  }
}
