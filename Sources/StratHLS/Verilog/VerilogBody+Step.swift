import StratFixed
import StratIR

// One instruction's wires, each the operation `FixedExecutor+Ops` performs: the exact result
// of one operation, then the assignment into the result's format.

extension VerilogBody {
  mutating func instruction(_ index: Int) {
    let ins = plan.module.step[index]
    if ins.op.isEffect { return effect(index, ins) }
    let a = ins.args.first.map { values[$0] } ?? "", b = ins.args.count > 1 ? values[ins.args[1]] : ""
    switch ins.op {
    case .const, .param: constant(index, ins)
    case .field:
      guard case .field(let i, let f) = ins.imm else { return }
      values[index] = fields[plan.inputs.firstIndex { $0.instrument == i && $0.field == f }!]
    case .seen:
      guard case .instrument(let i) = ins.imm else { return }
      values[index] = seen[i]
    case .time: values[index] = "time_s"
    case .fadd: into(index, net.add(signal(ins.args[0]), signal(ins.args[1])))
    case .fsub: into(index, net.add(signal(ins.args[0]), signal(ins.args[1]), subtract: true))
    case .fmul: into(index, net.multiply(signal(ins.args[0]), signal(ins.args[1])))
    case .fdiv:  // by a constant: times its reciprocal (refused otherwise)
      into(index, net.multiply(signal(ins.args[0]), net.constant(plan.reciprocals[index]!, KernelPlan.reciprocalFormat)))
    case .fneg: into(index, net.negate(signal(ins.args[0])))
    case .abs: absolute(index, signal(ins.args[0]))
    case .sign: sign(index, signal(ins.args[0]))
    case .fmin, .fmax:
      let c = net.compare(signal(ins.args[0]), ins.op == .fmin ? "<" : ">", signal(ins.args[1]))
      chooseFixed(index, c, ins.args[0], ins.args[1])
    case .select:
      let c = values[ins.args[0]]
      if ins.type == .f64 { chooseFixed(index, c, ins.args[1], ins.args[2]) } else { alias(index, "\(c) ? \(b) : \(values[ins.args[2]])") }
    case .round: rounding(index, signal(ins.args[0]))
    case .itof: into(index, VerilogSignal(a, width: 64, fraction: 0))
    case .ftoi: truncation(index, signal(ins.args[0]))
    case .iadd: alias(index, "\(a) + \(b)")
    case .isub: alias(index, "\(a) - \(b)")
    case .imul: alias(index, "\(a) * \(b)")  // the low 64 bits: wrapping, as the IR's i64
    case .ineg: alias(index, "-\(a)")
    case .flt, .fle, .fgt, .fge, .feq, .fne:
      values[index] = net.compare(signal(ins.args[0]), Self.comparison[ins.op]!, signal(ins.args[1]))
    case .ilt, .ile, .igt, .ige, .ieq, .ine: alias(index, "\(a) \(Self.comparison[ins.op]!) \(b)")
    case .and: alias(index, "\(a) & \(b)")
    case .or: alias(index, "\(a) | \(b)")
    case .not: alias(index, "~\(a)")
    default: read(index, ins)
    }
  }

  static let comparison: [Opcode: String] = [
    .flt: "<", .fle: "<=", .fgt: ">", .fge: ">=", .feq: "==", .fne: "!=",
    .ilt: "<", .ile: "<=", .igt: ">", .ige: ">=", .ieq: "==", .ine: "!=",
  ]

  mutating func constant(_ index: Int, _ ins: Instruction) {
    if let raw = plan.constants[index], let f = plan.types[index]?.format {
      return alias(index, VerilogNetlist.literal(raw, width: f.width))
    }
    let c: IRConstant
    switch ins.imm {
    case .constant(let k): c = k
    case .param(let p): c = plan.module.params[p].value
    default: return alias(index, "1'b0")
    }
    switch c {
    case .bool(let v): alias(index, v ? "1'b1" : "1'b0")
    case .i64(let v): alias(index, VerilogNetlist.literal(Int128(v), width: 64))
    case .f64: alias(index, VerilogNetlist.literal(0, width: shape(plan.types[index]).width))
    }
  }

  /// `c ? a : b` of two f64 values: each assigned into the result's format, then chosen.
  mutating func chooseFixed(_ index: Int, _ c: String, _ a: ValueID, _ b: ValueID) {
    let qa = net.quantise(signal(a), format(index)), qb = net.quantise(signal(b), format(index))
    alias(index, "\(c) ? \(qa) : \(qb)")
  }

  mutating func absolute(_ index: Int, _ a: VerilogSignal) {
    let negative = net.negate(a)
    let positive = net.extend(a, to: a.width + 1)
    let chosen = net.select("\(a.name)[\(a.width - 1)]", negative.name, positive, width: a.width + 1)
    into(index, VerilogSignal(chosen, width: a.width + 1, fraction: a.fraction))
  }

  mutating func sign(_ index: Int, _ a: VerilogSignal) {
    let zero = net.wire(a.width, VerilogNetlist.literal(0, width: a.width))
    let s = net.wire(2, "(\(a.name) > \(zero)) ? 2'b01 : ((\(a.name) < \(zero)) ? 2'b11 : 2'b00)")
    into(index, VerilogSignal(s, width: 2, fraction: 0))
  }

  /// round(): half away from zero, to an integer, then into the result's format.
  mutating func rounding(_ index: Int, _ a: VerilogSignal) {
    let f = a.fraction
    guard f > 0 else { return into(index, VerilogSignal(a.name, width: a.width, fraction: 0)) }
    let w = a.width + 2
    let x = net.extend(a, to: w)
    let half = net.wire(w, VerilogNetlist.literal(Int128(1) << (f - 1), width: w))
    let up = net.wire(w, "\(x) + \(half)"), down = net.wire(w, "\(half) - \(x)")
    let r = w - f + 1
    let upper = net.extend(VerilogSignal(net.wire(w - f, "\(up)[\(w - 1):\(f)]"), width: w - f, fraction: 0), to: r)
    let lower = net.extend(VerilogSignal(net.wire(w - f, "\(down)[\(w - 1):\(f)]"), width: w - f, fraction: 0), to: r)
    let negated = net.wire(r, "-\(lower)")
    let chosen = net.select("\(a.name)[\(a.width - 1)]", negated, upper, width: r)
    into(index, VerilogSignal(chosen, width: r, fraction: 0))
  }

  /// ftoi: toward zero (a negative value is biased by 2^f − 1 before the shift).
  mutating func truncation(_ index: Int, _ a: VerilogSignal) {
    let w = a.width + 1, f = a.fraction
    let x = net.extend(a, to: w)
    let bias = net.wire(w, VerilogNetlist.literal((Int128(1) << f) - 1, width: w))
    let biased = net.select("\(a.name)[\(a.width - 1)]", net.wire(w, "\(x) + \(bias)"), x, width: w)
    let whole = net.wire(w - f, "\(biased)[\(w - 1):\(f)]")
    alias(index, net.extend(VerilogSignal(whole, width: w - f, fraction: 0), to: 64))
  }

  mutating func effect(_ index: Int, _ ins: Instruction) {
    switch ins.op {
    case .store:
      guard case .slot(let s) = ins.imm, case .scalar(let t) = plan.slots[s] else { return }
      var new = values[ins.args[0]]
      if let f = t.format { new = net.quantise(signal(ins.args[0]), f) }
      state[s].scalar = guarded(ins.predicate, new, state[s].scalar, t)
    case .push:
      guard case .slot(let s) = ins.imm else { return }
      push(s, ins.args[0], predicate: ins.predicate)
    default:
      guard let k = plan.outputs.firstIndex(where: { $0.instruction == index }) else { return }
      outputs.append("assign valid_\(k) = \(ins.predicate.map { values[$0] } ?? "1'b1");")
      outputs.append("assign qty_\(k) = \(values[ins.args[0]]);")
      if plan.outputs[k].price != nil { outputs.append("assign price_\(k) = \(values[ins.args[1]]);") }
    }
  }

  /// `new` when the predicate holds (or there is none), else `old`.
  mutating func guarded(_ predicate: ValueID?, _ new: String, _ old: String, _ t: KernelType) -> String {
    guard let p = predicate else { return new }
    let (width, signed) = shape(t)
    return net.select(values[p], new, old, width: width, signed: signed)
  }
}
