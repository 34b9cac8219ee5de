import StratFixed
import StratIR

// The kernel's state: statics that persist between ticks, copied into locals at the start,
// updated in IR order, and written back once at the end.

extension KernelEmitter {
  func statics() -> [String] {
    var lines = ["static ap_uint<64> s_tick = 0;"]
    for i in plan.module.instruments.indices { lines.append("static bool s_seen\(i) = false;") }
    for (c, input) in plan.inputs.enumerated() {
      lines.append("static \(input.format) s_f\(c) = 0;")
      if input.mayBeUndefined { lines.append("static bool s_ok\(c) = false;") }
    }
    for (s, slot) in plan.slots.enumerated() {
      switch slot {
      case .scalar(let t):
        lines.append("static \(t) s\(s) = \(initial(s, t));")
      case .ring(let f, let n):
        lines += array("s\(s)_v", f, n) + ["static ap_int<16> s\(s)_n = 0;"]
      case .window(let w):
        lines += array("s\(s)_v", w.values, w.capacity)
        lines += ["static ap_int<16> s\(s)_n = 0;", "static \(w.sum) s\(s)_sum = 0;", "static \(w.sumsq) s\(s)_sq = 0;"]
      case .ema(let f, _, _):
        lines += ["static \(f) s\(s) = 0;", "static ap_int<16> s\(s)_n = 0;"]
      }
    }
    return lines
  }

  func array(_ name: String, _ f: FixedFormat, _ n: Int) -> [String] {
    ["static \(f) \(name)[\(n)];", "#pragma HLS ARRAY_PARTITION variable=\(name) complete"]
  }

  func initial(_ s: Int, _ t: KernelType) -> String {
    guard case .scalar(_, let c) = plan.module.slots[s].kind else { return "0" }
    switch c {
    case .bool(let b): return b ? "true" : "false"
    case .i64(let v): return "ap_uint<64>(0x\(String(UInt64(bitPattern: v), radix: 16))ULL)"
    case .f64(let v):
      guard let f = t.format else { return "0" }
      return Self.constant(KernelTables.raw(of: v, in: f), f)
    }
  }

  /// Locals: the tick's fields (new when its instrument delivers a bar or a book event) and
  /// the valid bits of book fields, then a copy of each slot.
  func locals() -> [String] {
    var lines: [String] = []
    for i in plan.module.instruments.indices {
      lines.append("bool seen\(i) = s_seen\(i) || tick.seen_\(i);")
    }
    for (c, input) in plan.inputs.enumerated() {
      let unit = Self.constant(input.unitRaw, input.unitFormat)
      lines.append("\(input.format) f\(c) = s_f\(c);")
      guard input.mayBeUndefined else {
        lines.append("if (tick.seen_\(input.instrument)) f\(c) = ap_fixed<64, 64>(tick.in_\(c)) * \(unit);")
        continue
      }
      // An empty side (−1): the value reads as 0 and its valid bit is clear.
      lines.append("bool ok\(c) = s_ok\(c);")
      lines.append("if (tick.seen_\(input.instrument)) {")
      lines.append("  ok\(c) = tick.in_\(c) >= 0;")
      lines.append("  f\(c) = ok\(c) ? \(input.format)(ap_fixed<64, 64>(tick.in_\(c)) * \(unit)) : \(input.format)(0);")
      lines.append("}")
    }
    for (s, slot) in plan.slots.enumerated() {
      switch slot {
      case .scalar(let t): lines.append("\(t) l\(s) = s\(s);")
      case .ring(let f, let n): lines += copy(from: "s\(s)_v", to: "l\(s)_v", f, n, declare: true) + ["ap_int<16> l\(s)_n = s\(s)_n;"]
      case .window(let w):
        lines += copy(from: "s\(s)_v", to: "l\(s)_v", w.values, w.capacity, declare: true)
        lines += ["ap_int<16> l\(s)_n = s\(s)_n;", "\(w.sum) l\(s)_sum = s\(s)_sum;", "\(w.sumsq) l\(s)_sq = s\(s)_sq;"]
      case .ema(let f, _, _): lines += ["\(f) l\(s) = s\(s);", "ap_int<16> l\(s)_n = s\(s)_n;"]
      }
    }
    return lines
  }

  func copy(from: String, to: String, _ f: FixedFormat, _ n: Int, declare: Bool) -> [String] {
    (declare ? ["\(f) \(to)[\(n)];", "#pragma HLS ARRAY_PARTITION variable=\(to) complete"] : [])
      + ["for (int i = 0; i < \(n); ++i) \(to)[i] = \(from)[i];"]
  }

  func writeBack() -> [String] {
    var lines: [String] = []
    for i in plan.module.instruments.indices { lines.append("s_seen\(i) = seen\(i);") }
    for (c, input) in plan.inputs.enumerated() {
      lines.append("s_f\(c) = f\(c);")
      if input.mayBeUndefined { lines.append("s_ok\(c) = ok\(c);") }
    }
    for (s, slot) in plan.slots.enumerated() {
      switch slot {
      case .scalar: lines.append("s\(s) = l\(s);")
      case .ring(let f, let n): lines += copy(from: "l\(s)_v", to: "s\(s)_v", f, n, declare: false) + ["s\(s)_n = l\(s)_n;"]
      case .window(let w):
        lines += copy(from: "l\(s)_v", to: "s\(s)_v", w.values, w.capacity, declare: false)
        lines += ["s\(s)_n = l\(s)_n;", "s\(s)_sum = l\(s)_sum;", "s\(s)_sq = l\(s)_sq;"]
      case .ema: lines += ["s\(s) = l\(s);", "s\(s)_n = l\(s)_n;"]
      }
    }
    return lines
  }
}
