import StratABI
import StratFixed
import StratIR

// Each opcode in fixed point. Every f64 result is `assign`ed into its own format: one
// full-precision operation, then quantisation and saturation, as the kernel's C++ does.

extension FixedExecutor {
  func value(_ index: Int, _ ins: Instruction, _ tick: Tick) -> Int128 {
    let args = ins.args
    func into(_ e: ExactValue) -> Int128 { format(index).assign(e) }
    func int(_ k: Int) -> Int64 { Int64(registers[args[k]]) }
    func flag(_ b: Bool) -> Int128 { b ? 1 : 0 }
    func cmp() -> Int { ExactValue.compare(exact(args[0]), exact(args[1])) }
    switch ins.op {
    case .const, .param: return plan.constants[index] ?? constantBits(ins)
    case .field:
      guard case .field(let i, let f) = ins.imm else { return 0 }
      return fields[plan.inputs.firstIndex { $0.instrument == i && $0.field == f }!]
    case .seen:
      guard case .instrument(let i) = ins.imm else { return 0 }
      return flag(seen[i])
    case .time: return Int128(tick.time)
    case .fadd: return into(exact(args[0]) + exact(args[1]))
    case .fsub: return into(exact(args[0]) - exact(args[1]))
    case .fmul: return into(exact(args[0]) * exact(args[1]))
    case .fdiv:
      if let r = plan.reciprocals[index] { return into(exact(args[0]) * KernelPlan.reciprocalFormat.exact(raw: r)) }
      return FixedMath.divide(
        registers[args[0]], format(args[0]).fractionBits, registers[args[1]], format(args[1]).fractionBits,
        into: format(index))
    case .fneg: return into(-exact(args[0]))
    case .abs: return into(registers[args[0]] < 0 ? -exact(args[0]) : exact(args[0]))
    case .sign:
      let r = registers[args[0]]
      return into(ExactValue(integer: r > 0 ? 1 : (r < 0 ? -1 : 0)))
    case .fmin: return into(cmp() < 0 ? exact(args[0]) : exact(args[1]))
    case .fmax: return into(cmp() > 0 ? exact(args[0]) : exact(args[1]))
    case .select:
      guard ins.type == .f64 else { return registers[args[0]] != 0 ? registers[args[1]] : registers[args[2]] }
      return into(registers[args[0]] != 0 ? exact(args[1]) : exact(args[2]))
    case .round: return into(ExactValue(raw: Self.roundHalfAway(exact(args[0])), fraction: 0))
    case .sqrt: return FixedMath.squareRoot(registers[args[0]], format(args[0]).fractionBits, into: format(index))
    case .log:
      return FixedMath.log(
        registers[args[0]], format(args[0]).fractionBits, into: format(index), table: plan.tables.log,
        bits: plan.tables.bits, ln2: plan.tables.ln2)
    case .exp:
      return FixedMath.exp(
        registers[args[0]], format(args[0]).fractionBits, into: format(index), table: plan.tables.exp2,
        bits: plan.tables.bits, log2e: plan.tables.log2e)
    case .itof: return into(ExactValue(integer: int(0)))
    case .ftoi:
      let e = exact(args[0])
      return e.raw / (Int128(1) << e.fraction)  // toward zero; |value| < 2^62, so no saturation
    case .iadd: return Int128(int(0) &+ int(1))
    case .isub: return Int128(int(0) &- int(1))
    case .imul: return Int128(int(0) &* int(1))
    case .idiv: return Int128(Self.wrappingDivide(int(0), int(1)))
    case .irem: return Int128(Self.wrappingRemainder(int(0), int(1)))
    case .ineg: return Int128(0 &- int(0))
    case .flt: return flag(cmp() < 0)
    case .fle: return flag(cmp() <= 0)
    case .fgt: return flag(cmp() > 0)
    case .fge: return flag(cmp() >= 0)
    case .feq: return flag(cmp() == 0)
    case .fne: return flag(cmp() != 0)
    case .ilt: return flag(int(0) < int(1))
    case .ile: return flag(int(0) <= int(1))
    case .igt: return flag(int(0) > int(1))
    case .ige: return flag(int(0) >= int(1))
    case .ieq: return flag(int(0) == int(1))
    case .ine: return flag(int(0) != int(1))
    case .and: return flag(registers[args[0]] != 0 && registers[args[1]] != 0)
    case .or: return flag(registers[args[0]] != 0 || registers[args[1]] != 0)
    case .not: return flag(registers[args[0]] == 0)
    default: return read(index, ins)
    }
  }

  func constantBits(_ ins: Instruction) -> Int128 {
    switch ins.imm {
    case .constant(let c): Self.raw(c, .int)
    case .param(let p): Self.raw(plan.module.params[p].value, .int)
    default: 0
    }
  }

  /// round(): half away from zero, to an integer.
  static func roundHalfAway(_ e: ExactValue) -> Int128 {
    guard e.fraction > 0 else { return e.raw << -e.fraction }
    let half = Int128(1) << (e.fraction - 1)
    return e.raw >= 0 ? (e.raw + half) >> e.fraction : -((-e.raw + half) >> e.fraction)
  }

  static func wrappingDivide(_ a: Int64, _ b: Int64) -> Int64 {
    if b == 0 { return 0 }
    if b == -1 { return 0 &- a }
    return a / b
  }

  static func wrappingRemainder(_ a: Int64, _ b: Int64) -> Int64 {
    if b == 0 || b == -1 { return 0 }
    return a % b
  }

  mutating func effect(_ index: Int, _ ins: Instruction, _ tick: Tick, _ outputs: inout [Output]) {
    switch ins.op {
    case .store:
      guard case .slot(let s) = ins.imm, case .scalar(let t) = plan.slots[s] else { return }
      state[s].scalar = t.format.map { $0.assign(exact(ins.args[0])) } ?? registers[ins.args[0]]
    case .push:
      guard case .slot(let s) = ins.imm else { return }
      push(s, ins.args[0])
    default:
      guard let slot = plan.outputs.firstIndex(where: { $0.instruction == index }) else { return }
      let price = ins.args.count > 1 ? registers[ins.args[1]] : nil
      outputs.append(Output(slot: slot, quantity: registers[ins.args[0]], price: price))
    }
  }
}
