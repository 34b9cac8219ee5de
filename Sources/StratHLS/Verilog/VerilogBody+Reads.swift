import StratFixed
import StratIR

// Reads of state: scalars, lags, counts, EMAs and the window statistics, each assigned into
// the result's format as `FixedExecutor.read` does. 1 ÷ n and n ÷ (n − 1) are small ROMs
// indexed by the count (capacity + 1 constants each).

extension VerilogBody {
  mutating func read(_ index: Int, _ ins: Instruction) {
    switch ins.imm {
    case .lag(let s, let k):
      let f: FixedFormat
      switch plan.slots[s] {
      case .ring(let v, _): f = v
      case .window(let w): f = w.values
      default: return alias(index, VerilogNetlist.literal(0, width: shape(plan.types[index]).width))
      }
      into(index, VerilogSignal(state[s].values[k], f))
    case .slot(let s):
      let st = state[s]
      switch (ins.op, plan.slots[s]) {
      case (.load, .scalar(let t)):
        guard let f = t.format else { return alias(index, st.scalar) }
        into(index, VerilogSignal(st.scalar, f))
      case (.count, _): alias(index, "{48'b0, \(st.count)}")
      case (.ema, .ema(let f, _, _)): into(index, VerilogSignal(st.scalar, f))
      case (.sum, .window(let w)): into(index, VerilogSignal(st.sum, w.sum))
      case (.mean, .window(let w)): into(index, mean(st, w))
      case (.varp, .window(let w)): into(index, VerilogSignal(variance(st, w), w.variance))
      case (.vars, .window(let w)):
        let b = KernelTables.besselFormat
        let factor = rom(st.count, Array(plan.tables.bessel[0...w.capacity]), b)
        into(index, net.multiply(VerilogSignal(variance(st, w), w.variance), VerilogSignal(factor, b)))
      case (.min, .window(let w)), (.max, .window(let w)):
        into(index, VerilogSignal(extreme(st, w, least: ins.op == .min), w.values))
      default: alias(index, VerilogNetlist.literal(0, width: shape(plan.types[index]).width))
      }
    default: alias(index, VerilogNetlist.literal(0, width: shape(plan.types[index]).width))
    }
  }

  /// A constant table indexed by a 16-bit count, as a combinational case (0 past its end).
  mutating func rom(_ count: String, _ table: [Int128], _ f: FixedFormat) -> String {
    let name = "t\(net.counter)"
    net.counter += 1
    net.lines.append("reg signed [\(f.width - 1):0] \(name);")
    net.lines.append("always @* begin")
    net.lines.append("  case (\(count))")
    for (n, raw) in table.enumerated() {
      net.lines.append("    16'd\(n): \(name) = \(VerilogNetlist.literal(raw, width: f.width));")
    }
    net.lines.append("    default: \(name) = \(VerilogNetlist.literal(0, width: f.width));")
    net.lines.append("  endcase")
    net.lines.append("end")
    return name
  }

  /// E[v] = sum × 1 ÷ n, in the window's mean format.
  mutating func mean(_ st: SlotWires, _ w: WindowPlan) -> VerilogSignal {
    let r = KernelPlan.reciprocalFormat
    let reciprocal = VerilogSignal(rom(st.count, Array(plan.tables.reciprocal[0...w.capacity]), r), r)
    let m = net.quantise(net.multiply(VerilogSignal(st.sum, w.sum), reciprocal), w.mean)
    return VerilogSignal(m, w.mean)
  }

  /// varp = max(0, E[v²] − E[v]²), raw in the window's variance format.
  mutating func variance(_ st: SlotWires, _ w: WindowPlan) -> String {
    let r = KernelPlan.reciprocalFormat
    let m = mean(st, w)
    let reciprocal = VerilogSignal(rom(st.count, Array(plan.tables.reciprocal[0...w.capacity]), r), r)
    let e2 = VerilogSignal(net.quantise(net.multiply(VerilogSignal(st.sumsq, w.sumsq), reciprocal), w.meanSquare), w.meanSquare)
    let m2 = VerilogSignal(net.quantise(net.multiply(m, m), w.variance), w.variance)
    let v = net.quantise(net.add(e2, m2, subtract: true), w.variance)
    let zero = net.wire(w.variance.width, VerilogNetlist.literal(0, width: w.variance.width))
    return net.select("\(v)[\(w.variance.width - 1)]", zero, v, width: w.variance.width)
  }

  /// The least (or greatest) held value, scanning from the oldest; 0 when empty.
  mutating func extreme(_ st: SlotWires, _ w: WindowPlan, least: Bool) -> String {
    let width = w.values.width
    let name = "t\(net.counter)"
    net.counter += 1
    net.lines.append("reg signed [\(width - 1):0] \(name);")
    net.lines.append("always @* begin")
    net.lines.append("  case (\(st.count))")
    for n in 1...w.capacity { net.lines.append("    16'd\(n): \(name) = \(st.values[n - 1]);") }
    net.lines.append("    default: \(name) = \(VerilogNetlist.literal(0, width: width));")
    net.lines.append("  endcase")
    net.lines.append("end")
    var acc = name
    for i in stride(from: w.capacity - 2, through: 0, by: -1) {
      let v = st.values[i]
      let keep = net.wire(1, "\(acc) \(least ? "<" : ">") \(v)", signed: false)
      let next = net.select(keep, acc, v, width: width)
      acc = net.select("\(st.count) > 16'd\(i + 1)", next, acc, width: width)
    }
    return acc
  }
}
