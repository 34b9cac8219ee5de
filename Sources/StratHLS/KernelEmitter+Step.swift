import StratFixed
import StratIR

// One C++ statement (or a few) per IR instruction, each exactly the operation `FixedExecutor`
// performs: one full-precision ap_fixed operation assigned to the result's declared type.

extension KernelEmitter {
  func statement(_ index: Int) -> [String] {
    let ins = plan.module.step[index]
    if plan.unused.contains(index) { return [] }
    if ins.op.isEffect {
      let body = effect(index, ins)
      guard let p = ins.predicate else { return body }
      return ["if (\(val(p))) {"] + body.map { "  " + $0 } + ["}"]
    }
    let decl = "\(type(index)) \(val(index))"
    let a = ins.args.first.map(val) ?? "", b = ins.args.count > 1 ? val(ins.args[1]) : ""
    let comment = ins.name.isEmpty ? "" : "  // %\(ins.name)"
    if let column = plan.validity[index] { return ["\(decl) = ok\(column);\(comment)"] }
    if let sq = plan.squared[index] { return squared(index, sq, decl, comment) }
    switch ins.op {
    case .const, .param: return ["const \(decl) = \(constant(index, ins));\(comment)"]
    case .field:
      guard case .field(let i, let f) = ins.imm else { return [] }
      let c = plan.inputs.firstIndex { $0.instrument == i && $0.field == f }!
      return ["\(decl) = f\(c);\(comment)"]
    case .seen:
      guard case .instrument(let i) = ins.imm else { return [] }
      return ["\(decl) = seen\(i);\(comment)"]
    case .time: return ["\(decl) = tick.time;"]
    case .fadd, .iadd: return ["\(decl) = \(a) + \(b);\(comment)"]
    case .fsub, .isub: return ["\(decl) = \(a) - \(b);\(comment)"]
    case .fmul, .imul: return ["\(decl) = \(a) * \(b);\(comment)"]
    case .fdiv: return division(index, ins, decl, comment)
    case .fneg, .ineg: return ["\(decl) = -\(a);\(comment)"]
    case .abs: return ["\(decl) = (\(a) < 0) ? \(type(index))(-\(a)) : \(type(index))(\(a));\(comment)"]
    case .sign:
      let t = type(index)
      return ["\(decl) = (\(a) > 0) ? \(t)(1) : ((\(a) < 0) ? \(t)(-1) : \(t)(0));\(comment)"]
    case .fmin: return ["\(decl) = (\(a) < \(b)) ? \(type(index))(\(a)) : \(type(index))(\(b));\(comment)"]
    case .fmax: return ["\(decl) = (\(a) > \(b)) ? \(type(index))(\(a)) : \(type(index))(\(b));\(comment)"]
    case .select:
      let t = type(index), c = val(ins.args[2])
      return ["\(decl) = \(a) ? \(t)(\(b)) : \(t)(\(c));\(comment)"]
    case .round: return rounding(index, ins, decl, comment)
    case .sqrt, .log, .exp: return math(index, ins, decl, comment)
    case .itof: return ["\(decl) = \(a);\(comment)"]
    case .ftoi:
      let f = plan.types[ins.args[0]]!.format!
      return ["\(decl) = strat_raw<\(f.width)>(\(a)) / (ap_int<64>(1) << \(f.fractionBits));\(comment)"]
    case .idiv:
      return ["\(decl) = (\(b) == 0) ? ap_int<64>(0) : ((\(b) == -1) ? ap_int<64>(-\(a)) : ap_int<64>(\(a) / \(b)));\(comment)"]
    case .irem:
      return ["\(decl) = (\(b) == 0 || \(b) == -1) ? ap_int<64>(0) : ap_int<64>(\(a) % \(b));\(comment)"]
    case .flt, .ilt: return ["\(decl) = \(a) < \(b);\(comment)"]
    case .fle, .ile: return ["\(decl) = \(a) <= \(b);\(comment)"]
    case .fgt, .igt: return ["\(decl) = \(a) > \(b);\(comment)"]
    case .fge, .ige: return ["\(decl) = \(a) >= \(b);\(comment)"]
    case .feq, .ieq: return ["\(decl) = \(a) == \(b);\(comment)"]
    case .fne, .ine: return ["\(decl) = \(a) != \(b);\(comment)"]
    case .and: return ["\(decl) = \(a) && \(b);\(comment)"]
    case .or: return ["\(decl) = \(a) || \(b);\(comment)"]
    case .not: return ["\(decl) = !\(a);\(comment)"]
    default: return read(index, ins, decl, comment)
    }
  }

  func constant(_ index: Int, _ ins: Instruction) -> String {
    if let raw = plan.constants[index], let f = plan.types[index]?.format { return Self.constant(raw, f) }
    let c: IRConstant
    switch ins.imm {
    case .constant(let k): c = k
    case .param(let p): c = plan.module.params[p].value
    default: return "0"
    }
    switch c {
    case .bool(let b): return b ? "true" : "false"
    case .i64(let v): return "ap_uint<64>(0x\(String(UInt64(bitPattern: v), radix: 16))ULL)"
    case .f64: return "0"
    }
  }

  func division(_ index: Int, _ ins: Instruction, _ decl: String, _ comment: String) -> [String] {
    let a = val(ins.args[0]), b = val(ins.args[1])
    if let r = plan.reciprocals[index] {
      return ["\(decl) = \(a) * \(Self.constant(r, KernelPlan.reciprocalFormat));\(comment)"]
    }
    let fa = plan.types[ins.args[0]]!.format!, fb = plan.types[ins.args[1]]!.format!, fr = plan.types[index]!.format!
    let s = fr.fractionBits + fb.fractionBits - fa.fractionBits
    return [
      "\(decl) = strat_from_wide<\(fr), \(fr.width)>(strat_div(strat_raw<\(fa.width)>(\(a)), strat_raw<\(fb.width)>(\(b)), \(s), \(fr.width)));\(comment)"
    ]
  }

  /// d ÷ √v against k, on squares: d² and k²·v as exact 128-bit products at one binary point.
  func squared(_ index: Int, _ sq: SquaredComparison, _ decl: String, _ comment: String) -> [String] {
    let v = val(index), fd = plan.types[sq.numerator]!.format!, fv = plan.types[sq.variance]!.format!
    return [
      "strat_raw_t \(v)_d = strat_raw<\(fd.width)>(\(val(sq.numerator)));",
      "strat_raw_t \(v)_v = strat_raw<\(fv.width)>(\(val(sq.variance)));",
      "ap_int<128> \(v)_dd = \(v)_d * \(v)_d;",
      "ap_int<128> \(v)_vk = \(v)_v * strat_raw_t(0x\(String(UInt64(sq.squareRaw), radix: 16))LL);  // k^2 as \(sq.squareFormat)",
    ] + (sq.shift == 0 ? [] : ["\(v)_vk = \(v)_vk << \(sq.shift);"]) + [
      "\(decl) = \(sq.cpp(d: "\(v)_d", dd: "\(v)_dd", vk: "\(v)_vk"));\(comment)",
    ]
  }

  func rounding(_ index: Int, _ ins: Instruction, _ decl: String, _ comment: String) -> [String] {
    let f = plan.types[ins.args[0]]!.format!, a = val(ins.args[0]), v = val(index)
    guard f.fractionBits > 0 else { return ["\(decl) = \(a);\(comment)"] }
    let half = "(ap_int<64>(1) << \(f.fractionBits - 1))"
    return [
      "strat_raw_t \(v)_r = strat_raw<\(f.width)>(\(a));",
      "strat_raw_t \(v)_p = \(v)_r + \(half);",
      "strat_raw_t \(v)_m = -\(v)_r;",
      "\(v)_m = \(v)_m + \(half);",
      "\(v)_p = \(v)_p >> \(f.fractionBits);",
      "\(v)_m = \(v)_m >> \(f.fractionBits);",
      "strat_raw_t \(v)_i = \(v)_r >= 0 ? \(v)_p : strat_raw_t(-\(v)_m);",
      "\(decl) = \(v)_i;\(comment)",
    ]
  }

  func math(_ index: Int, _ ins: Instruction, _ decl: String, _ comment: String) -> [String] {
    let fx = plan.types[ins.args[0]]!.format!, fr = plan.types[index]!.format!
    let x = "strat_raw<\(fx.width)>(\(val(ins.args[0])))"
    let call: String
    switch ins.op {
    case .sqrt: call = "strat_sqrt(\(x), \(2 * fr.fractionBits - fx.fractionBits), \(fr.width))"
    case .log:
      call = "strat_log(\(x), \(fx.fractionBits), \(fr.fractionBits), \(fr.width), k_log, \(plan.tables.bits), 0x\(String(UInt64(plan.tables.ln2), radix: 16))LL)"
    default:
      call = "strat_exp(\(x), \(fx.fractionBits), \(fr.fractionBits), \(fr.width), k_exp2, \(plan.tables.bits), 0x\(String(UInt64(plan.tables.log2e), radix: 16))LL)"
    }
    return ["\(decl) = strat_from_wide<\(fr), \(fr.width)>(\(call));\(comment)"]
  }
}
