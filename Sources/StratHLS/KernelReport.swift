import Foundation
import StratFixed
import StratIR

/// What can be said of a kernel without Vitis: its formats, registers of state, a multiplier
/// (DSP) estimate, the widest type, a pipeline depth estimate and the worst-case error bounds.
/// Timing, II and real DSP/LUT counts come only from Vitis `csynth`; this says so.
public struct KernelReport {
  let plan: KernelPlan

  public init(plan: KernelPlan) { self.plan = plan }

  /// Bits of state: every static the kernel keeps between ticks.
  public var stateBits: Int {
    var bits = 64 + plan.module.instruments.count + plan.inputs.reduce(0) { $0 + $1.format.width }
    for slot in plan.slots {
      switch slot {
      case .scalar(let t): bits += t.format?.width ?? (t == .bool ? 1 : 64)
      case .ring(let f, let n): bits += f.width * n + 16
      case .window(let w): bits += w.values.width * w.capacity + 16 + w.sum.width + w.sumsq.width
      case .ema(let f, _, _): bits += f.width + 16
      }
    }
    if let r = plan.risk {
      // held and last close per instrument, the ring of send times and its head and count
      bits += 128 * plan.module.instruments.count + 64 * max(r.maxOrders ?? 0, 0) + (r.maxOrders == nil ? 0 : 32)
    }
    return bits
  }

  /// Multiplications by a non-constant (each a few DSP48 slices at these widths).
  public var multipliers: Int {
    plan.module.step.enumerated().reduce(0) { n, e in
      let (i, ins) = e
      if plan.unused.contains(i) { return n }
      if plan.squared[i] != nil { return n + 2 }
      switch ins.op {
      case .fmul: return n + 1
      case .fdiv: return n + (plan.reciprocals[i] == nil ? 0 : 1)
      case .mean: return n + 1
      case .varp: return n + 3
      case .vars: return n + 4
      case .log, .exp: return n + 2
      case .push:
        guard case .slot(let s) = ins.imm else { return n }
        if case .window = plan.slots[s] { return n + 2 }
        if case .ema = plan.slots[s] { return n + 1 }
        return n
      default: return n
      }
    }
  }

  /// The divisions by a variable, or square roots, the kernel computes.
  func units(_ op: Opcode) -> Int {
    plan.module.step.indices.filter { i in
      plan.module.step[i].op == op && !plan.unused.contains(i) && plan.reciprocals[i] == nil
    }.count
  }

  public var widest: Int { plan.types.compactMap { $0?.format?.width }.max() ?? 0 }

  /// The longest chain of dependent operations: a lower bound on the pipeline's depth in stages.
  public var depth: Int {
    var d = Array(repeating: 0, count: plan.module.step.count)
    for (i, ins) in plan.module.step.enumerated() where !plan.unused.contains(i) {
      let cost = [.sqrt, .log, .exp, .fdiv].contains(ins.op) && plan.reciprocals[i] == nil ? 8 : 1
      d[i] = (ins.args.map { d[$0] }.max() ?? 0) + cost
    }
    return d.max() ?? 0
  }

  public var text: String {
    var out = "kernel \(plan.module.name)\n"
    out += "state registers: \(stateBits) bits\n"
    out += "multipliers (DSP estimate): \(multipliers)\n"
    out += "dividers: \(units(.fdiv)), square roots: \(units(.sqrt)) (iterative units, each many cycles of latency)\n"
    if !plan.squared.isEmpty {
      out += "comparisons on squares (d^2 against k^2 v, no sqrt or division): \(plan.squared.count)\n"
    }
    out += "widest type: \(widest) bits\n"
    out += "pipeline depth estimate: \(depth) dependent operations\n"
    out += "only Vitis csynth proves the II, the clock, and real DSP/LUT/FF counts\n"
    out += riskText + "\n"
    out += "value formats and worst-case error against the double interpreter:\n"
    for (i, ins) in plan.module.step.enumerated() where !ins.name.isEmpty {
      guard let t = plan.types[i], let r = plan.ranges[i] else { continue }
      let bound = t.format == nil ? "" : (r.error.isFinite ? String(format: "  ± %.3g", r.error) : "  ± unbounded")
      out += "  %\(ins.name): \(t)\(bound)\n"
    }
    return out
  }
}

extension KernelReport {
  /// The risk stage's limits, as the kernel checks them.
  var riskText: String {
    guard let r = plan.risk else { return "risk stage: none (the strategy declares no limits)\n" }
    var limits: [String] = []
    for (i, p) in r.maxPosition.enumerated() where p != .max { limits.append("max_position \(plan.module.instruments[i].name) \(p)") }
    if r.maxOrderQuantity != .max { limits.append("max_order \(r.maxOrderQuantity)") }
    if let n = r.maxOrderNotional { limits.append("max_notional \(n)e-8") }
    if let b = r.priceBand { limits.append("price_band \(b)e-8") }
    if let n = r.maxOrders { limits.append("max_orders \(n) per \(r.windowNanos) ns") }
    return "risk stage: " + limits.joined(separator: ", ") + " (held = Σ orders sent; reference = last close)\n"
  }

  /// Three lines for the terminal.
  public var summary: String {
    "kernel \(plan.module.name): \(stateBits) bits of state, \(multipliers) multipliers, widest type \(widest) bits, "
      + "depth ≥ \(depth)\n" + "see report.txt for every format and error bound\n"
  }
}
