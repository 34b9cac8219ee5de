import StratFixed
import StratIR

// State in fixed point: scalars, shift registers, exact running sums and EMAs. Each value
// enters a sum through the same quantisation when it is added and when it leaves, so the
// sums are exact sums of the held values and never drift.

extension FixedExecutor {
  func read(_ index: Int, _ ins: Instruction) -> Int128 {
    let r = format(orNil: index)
    switch ins.imm {
    case .lag(let s, let k):
      guard let v = valueFormat(s) else { return 0 }
      return r!.assign(v.exact(raw: state[s].values[k]))
    case .slot(let s):
      let st = state[s]
      switch (ins.op, plan.slots[s]) {
      case (.load, .scalar(let t)):
        guard let f = t.format else { return st.scalar }
        return r!.assign(f.exact(raw: st.scalar))
      case (.count, _): return Int128(st.count)
      case (.ema, .ema(let f, _, _)): return r!.assign(f.exact(raw: st.scalar))
      case (.sum, .window(let w)): return r!.assign(w.sum.exact(raw: st.sum))
      case (.mean, .window(let w)): return r!.assign(mean(st, w))
      case (.varp, .window(let w)): return r!.assign(w.variance.exact(raw: variance(st, w)))
      case (.vars, .window(let w)):
        let factor = KernelTables.besselFormat.exact(raw: plan.tables.bessel[st.count])
        return r!.assign(w.variance.exact(raw: variance(st, w)) * factor)
      case (.min, .window(let w)), (.max, .window(let w)):
        return r!.assign(w.values.exact(raw: extreme(st, least: ins.op == .min)))
      default: return 0
      }
    default: return 0
    }
  }

  func format(orNil index: Int) -> FixedFormat? { plan.types[index]?.format }

  func valueFormat(_ s: Int) -> FixedFormat? {
    switch plan.slots[s] {
    case .ring(let f, _): f
    case .window(let w): w.values
    default: nil
    }
  }

  func reciprocal(_ n: Int) -> ExactValue { KernelPlan.reciprocalFormat.exact(raw: plan.tables.reciprocal[n]) }

  func mean(_ st: SlotState, _ w: WindowPlan) -> ExactValue {
    w.mean.exact(w.sum.exact(raw: st.sum) * reciprocal(st.count))
  }

  /// varp = E[v²] − E[v]², at least 0, in the window's variance format.
  func variance(_ st: SlotState, _ w: WindowPlan) -> Int128 {
    let m = mean(st, w)
    let e2 = w.meanSquare.exact(w.sumsq.exact(raw: st.sumsq) * reciprocal(st.count))
    let m2 = w.variance.exact(m * m)
    let v = w.variance.assign(e2 - m2)
    return v < 0 ? 0 : v
  }

  /// The least (or greatest) held value, scanning from the oldest; 0 when empty.
  func extreme(_ st: SlotState, least: Bool) -> Int128 {
    guard st.count > 0 else { return 0 }
    var acc = st.values[st.count - 1]
    for i in stride(from: st.count - 2, through: 0, by: -1) {
      let next = st.values[i]
      acc = (least ? acc < next : acc > next) ? acc : next
    }
    return acc
  }

  mutating func push(_ s: Int, _ arg: ValueID) {
    let v = exact(arg)
    switch plan.slots[s] {
    case .ring(let f, let n): shift(s, f.assign(v), capacity: n)
    case .window(let w):
      let value = w.values.assign(v)
      let entering = w.values.exact(raw: value)
      state[s].sum = w.sum.assign(w.sum.exact(raw: state[s].sum) + w.sum.exact(entering))
      state[s].sumsq = w.sumsq.assign(w.sumsq.exact(raw: state[s].sumsq) + w.sumsq.exact(entering * entering))
      if state[s].count == w.capacity {
        let leaving = w.values.exact(raw: state[s].values[w.capacity - 1])
        state[s].sum = w.sum.assign(w.sum.exact(raw: state[s].sum) - w.sum.exact(leaving))
        state[s].sumsq = w.sumsq.assign(w.sumsq.exact(raw: state[s].sumsq) - w.sumsq.exact(leaving * leaving))
      }
      shift(s, value, capacity: w.capacity)
    case .ema(let f, let alpha, let n):
      let value = f.exact(v)
      if state[s].count == 0 {
        state[s].scalar = value.raw
      } else {
        let step = SlotPlan.emaStep(f)
        let old = f.exact(raw: state[s].scalar)
        let d = step.exact(value - old)
        let moved = step.exact(d * SlotPlan.alphaFormat.exact(raw: alpha))
        state[s].scalar = f.assign(old + moved)
      }
      state[s].count = min(state[s].count + 1, n)
    case .scalar: break
    }
  }

  /// Shifts a new value into the register: newest at 0, the oldest falls off the end.
  mutating func shift(_ s: Int, _ value: Int128, capacity: Int) {
    for i in stride(from: capacity - 1, to: 0, by: -1) { state[s].values[i] = state[s].values[i - 1] }
    state[s].values[0] = value
    state[s].count = min(state[s].count + 1, capacity)
  }
}

extension SlotPlan {
  /// The format of an EMA's step, alpha × (v − value): one integer bit more than the value.
  public static func emaStep(_ value: FixedFormat) -> FixedFormat {
    FixedFormat(width: value.width, integerBits: min(value.width, value.integerBits + 1), overflow: .AP_SAT)
  }
}
