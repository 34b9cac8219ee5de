import StratFixed
import StratIR

// What the Verilog rendering computes exactly, and the refusal of everything else.

extension VerilogEmitter {
  /// Opcodes the body renders (state reads are checked against their slot in `VerilogBody`).
  static let rendered: Set<Opcode> = [
    .const, .param, .field, .seen, .time, .load, .store, .fadd, .fsub, .fmul, .fneg, .iadd, .isub, .imul, .ineg,
    .itof, .ftoi, .abs, .round, .sign, .fmin, .fmax, .flt, .fle, .fgt, .fge, .feq, .fne, .ilt, .ile, .igt, .ige,
    .ieq, .ine, .and, .or, .not, .select, .push, .lag, .count, .sum, .mean, .varp, .vars, .min, .max, .ema,
    .target, .market, .limit, .ioc, .replace, .cancel,
  ]

  /// Why each refused opcode is refused.
  static func reason(_ op: Opcode) -> String {
    switch op {
    case .fdiv: "division by a value that is not a constant needs a divider, which the Verilog rendering does not build"
    case .idiv, .irem: "integer division needs a divider, which the Verilog rendering does not build"
    case .sqrt: "a square root needs an iterative unit, which the Verilog rendering does not build"
    case .log, .exp: "`\(op)` reads an interpolation table, which the Verilog rendering does not build"
    default: "pair windows (cov, corr, slope, intercept) are not rendered"
    }
  }

  /// The first construct of `plan` outside the subset, or nil.
  static func refusal(_ plan: KernelPlan) -> VerilogRefusal? {
    if plan.risk != nil {
      return VerilogRefusal(
        construct: "risk", instruction: nil, irName: "",
        reason: "the risk stage is rendered in the C++ kernel only; the Verilog module has no risk checks")
    }
    if plan.readsBook {
      return VerilogRefusal(
        construct: "book", instruction: nil, irName: "",
        reason: "top-of-book fields and their valid bits are rendered in the C++ kernel only; the Verilog module reads bars")
    }
    for (index, ins) in plan.module.step.enumerated() {
      let constantDivision = ins.op == .fdiv && plan.reciprocals[index] != nil
      if !rendered.contains(ins.op) && !constantDivision {
        return VerilogRefusal(construct: "\(ins.op)", instruction: index, irName: ins.name, reason: reason(ins.op))
      }
      if let f = plan.types[index]?.format, !VerilogNetlist.renders(f) {
        return VerilogRefusal(
          construct: f.description, instruction: index, irName: ins.name,
          reason: "only signed AP_RND_CONV or AP_TRN formats that saturate (AP_SAT) are rendered")
      }
    }
    for (s, slot) in plan.slots.enumerated() {
      let formats: [FixedFormat]
      switch slot {
      case .scalar(let t): formats = t.format.map { [$0] } ?? []
      case .ring(let f, _): formats = [f]
      case .window(let w): formats = [w.values, w.sum, w.sumsq, w.mean, w.meanSquare, w.variance]
      case .ema(let f, _, _): formats = [f, SlotPlan.emaStep(f)]
      }
      if let f = formats.first(where: { !VerilogNetlist.renders($0) }) {
        return VerilogRefusal(
          construct: f.description, instruction: nil, irName: plan.module.slots[s].name,
          reason: "only signed AP_RND_CONV or AP_TRN formats that saturate (AP_SAT) are rendered")
      }
    }
    return nil
  }
}
