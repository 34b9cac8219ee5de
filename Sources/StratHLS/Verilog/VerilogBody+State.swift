import StratFixed
import StratIR

// State as registers: scalars, shift registers with a count, exact running sums and EMAs,
// updated as `FixedExecutor+Windows` updates them.

extension VerilogBody {
  mutating func declare(_ s: Int) -> SlotWires {
    var w = SlotWires()
    func buffer(_ f: FixedFormat, _ n: Int) {
      w.values = (0..<n).map { register("r\(s)_v\($0)", width: f.width) }
      w.count = register("r\(s)_n", width: 16, signed: false)
    }
    switch plan.slots[s] {
    case .scalar(let t):
      var initial: Int128 = 0
      if case .scalar(_, let c) = plan.module.slots[s].kind { initial = FixedExecutor.raw(c, t) }
      let (width, signed) = shape(t)
      w.scalar = register("r\(s)", width: width, signed: signed, initial: initial)
    case .ring(let f, let n): buffer(f, n)
    case .window(let plan):
      buffer(plan.values, plan.capacity)
      w.sum = register("r\(s)_sum", width: plan.sum.width)
      w.sumsq = register("r\(s)_sq", width: plan.sumsq.width)
    case .ema(let f, _, _):
      w.scalar = register("r\(s)", width: f.width)
      w.count = register("r\(s)_n", width: 16, signed: false)
    }
    return w
  }

  /// A push: the new versions of the slot's wires, kept only when the predicate holds.
  mutating func push(_ s: Int, _ arg: ValueID, predicate: ValueID?) {
    let old = state[s]
    var new = old
    switch plan.slots[s] {
    case .ring(let f, let n):
      new.values = [net.quantise(signal(arg), f)] + old.values.dropLast()
      new.count = increment(old.count, limit: n)
    case .window(let w):
      windowPush(&new, w, signal(arg))
    case .ema(let f, let alpha, let n):
      let value = net.quantise(signal(arg), f)
      let step = SlotPlan.emaStep(f)
      let d = net.quantise(net.add(VerilogSignal(value, f), VerilogSignal(old.scalar, f), subtract: true), step)
      let moved = net.quantise(net.multiply(VerilogSignal(d, step), net.constant(alpha, SlotPlan.alphaFormat)), step)
      let updated = net.quantise(net.add(VerilogSignal(old.scalar, f), VerilogSignal(moved, step)), f)
      let first = net.wire(1, "\(old.count) == 16'd0", signed: false)
      new.scalar = net.select(first, value, updated, width: f.width)
      new.count = increment(old.count, limit: n)
    case .scalar: return
    }
    guard let p = predicate.map({ values[$0] }) else { state[s] = new; return }
    func keep(_ n: String, _ o: String, _ width: Int, signed: Bool = true) -> String {
      n == o ? o : net.select(p, n, o, width: width, signed: signed)
    }
    let (valueWidth, scalarWidth, sumWidth, sqWidth) = widths(s)
    new.values = zip(new.values, old.values).map { keep($0, $1, valueWidth) }
    if !old.scalar.isEmpty { new.scalar = keep(new.scalar, old.scalar, scalarWidth) }
    if !old.count.isEmpty { new.count = keep(new.count, old.count, 16, signed: false) }
    if !old.sum.isEmpty { new.sum = keep(new.sum, old.sum, sumWidth) }
    if !old.sumsq.isEmpty { new.sumsq = keep(new.sumsq, old.sumsq, sqWidth) }
    state[s] = new
  }

  func widths(_ s: Int) -> (Int, Int, Int, Int) {
    switch plan.slots[s] {
    case .ring(let f, _): (f.width, 0, 0, 0)
    case .window(let w): (w.values.width, 0, w.sum.width, w.sumsq.width)
    case .ema(let f, _, _): (0, f.width, 0, 0)
    case .scalar: (0, 0, 0, 0)
    }
  }

  /// count + 1, at most `limit`.
  mutating func increment(_ count: String, limit: Int) -> String {
    net.wire(16, "(\(count) < 16'd\(limit)) ? \(count) + 16'd1 : \(count)", signed: false)
  }

  /// The value enters both sums through their formats; when the window is full the oldest
  /// leaves them the same way, so the sums stay exact sums of the held values.
  mutating func windowPush(_ st: inout SlotWires, _ w: WindowPlan, _ arg: VerilogSignal) {
    let value = net.quantise(arg, w.values)
    let entering = VerilogSignal(value, w.values)
    let sum = VerilogSignal(st.sum, w.sum), sumsq = VerilogSignal(st.sumsq, w.sumsq)
    let s1 = VerilogSignal(net.quantise(net.add(sum, VerilogSignal(net.quantise(entering, w.sum), w.sum)), w.sum), w.sum)
    let q1 = VerilogSignal(
      net.quantise(net.add(sumsq, VerilogSignal(net.quantise(net.multiply(entering, entering), w.sumsq), w.sumsq)), w.sumsq),
      w.sumsq)
    let leaving = VerilogSignal(st.values[w.capacity - 1], w.values)
    let s2 = net.quantise(net.add(s1, VerilogSignal(net.quantise(leaving, w.sum), w.sum), subtract: true), w.sum)
    let q2 = net.quantise(
      net.add(q1, VerilogSignal(net.quantise(net.multiply(leaving, leaving), w.sumsq), w.sumsq), subtract: true), w.sumsq)
    let full = net.wire(1, "\(st.count) == 16'd\(w.capacity)", signed: false)
    st.sum = net.select(full, s2, s1.name, width: w.sum.width)
    st.sumsq = net.select(full, q2, q1.name, width: w.sumsq.width)
    st.values = [value] + st.values.dropLast()
    st.count = increment(st.count, limit: w.capacity)
  }
}
