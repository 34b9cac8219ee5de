import StratABI
import StratFixed
import StratRuntime

/// What the kernel did with one decision when the strategy declares risk limits.
public enum OrderStatus: Sendable, Equatable {
  /// Sent: the order's signed quantity in whole units (a cancel: the decision's, its side).
  case sent(Int64)
  /// No order: a zero quantity, or a target a later target of the step replaces.
  case skipped
  /// Denied by the risk checks or refused as malformed: it never leaves the kernel.
  case denied(RiskDenial.Code)
}

/// The risk stage's state: what the kernel holds of each instrument (Σ orders sent), each
/// instrument's last close in ticks (−1 before its first bar) and a ring of send times.
struct RiskState {
  var held: [Int64]
  var close: [Int64]
  var sent: [Int64]
  var head = 0
  var count = 0

  init(_ plan: KernelRiskPlan) {
    held = Array(repeating: 0, count: plan.closeColumn.count)
    close = Array(repeating: -1, count: plan.closeColumn.count)
    sent = Array(repeating: 0, count: max(plan.maxOrders ?? 0, 0))
  }
}

extension FixedExecutor {
  /// The decisions of one step as orders, in program order: `DecisionTranslator`'s rule, then
  /// the checks of `RiskGate.denial` in its order (the daily loss aside), on exact integers.
  mutating func gate(_ outputs: inout [Output], _ tick: Tick) {
    guard let r = plan.risk, var st = riskState else { return }
    // An instrument whose close the strategy never reads is never ordered (the planner refuses it).
    for i in st.close.indices where tick.updates[i] && r.closeColumn[i] >= 0 { st.close[i] = tick.values[r.closeColumn[i]] }
    var lastTarget = Array(repeating: -1, count: st.close.count)
    for (k, o) in outputs.enumerated() where plan.outputs[o.slot].kind == .target {
      lastTarget[plan.outputs[o.slot].instrument] = k
    }
    for k in outputs.indices {
      let isLast = lastTarget[plan.outputs[outputs[k].slot].instrument] == k
      outputs[k].order = Self.order(outputs[k], plan.outputs[outputs[k].slot], isLastTarget: isLast, r, &st, time: tick.time)
    }
    riskState = st
  }

  static func order(
    _ o: Output, _ slot: KernelOutput, isLastTarget: Bool, _ r: KernelRiskPlan, _ st: inout RiskState, time: Int64
  ) -> OrderStatus {
    let i = slot.instrument
    if slot.kind == .target && !isLastTarget { return .skipped }
    // A saturated quantity or price is not the strategy's value (its double may be ±∞ or
    // beyond the format): deny it as the CPU denies a quantity or price it cannot use.
    guard !slot.quantity.isSaturated(o.quantity), let units = KernelRiskMath.wholeUnits(o.quantity, slot.quantity) else {
      return .denied(.invalidQuantity)
    }
    var q = units
    var price: Int128? = nil
    switch slot.kind {
    case .cancel: return .sent(Int64(units))
    case .target: q = units - Int128(st.held[i])
    case .market: break
    case .limit, .immediateOrCancel, .replace:
      guard let raw = o.price, let f = slot.price, !f.isSaturated(raw), let p = KernelRiskMath.price(raw, f), p > 0 else {
        return .denied(.invalidPrice)
      }
      price = p
    }
    guard KernelRiskMath.fits(q) else { return .denied(.overflow) }
    if q == 0 { return .skipped }
    if let code = denial(q, price: price, i, r, st, time: time) { return .denied(code) }
    st.held[i] = Int64(Int128(st.held[i]) + q)
    if !st.sent.isEmpty {
      if st.count < st.sent.count {
        st.sent[(st.head + st.count) % st.sent.count] = time
        st.count += 1
      } else {
        st.sent[st.head] = time
        st.head = (st.head + 1) % st.sent.count
      }
    }
    return .sent(Int64(q))
  }

  /// `RiskGate.denial`'s checks in its order, without the daily loss; nil when the order may go.
  static func denial(_ q: Int128, price: Int128?, _ i: Int, _ r: KernelRiskPlan, _ st: RiskState, time: Int64) -> RiskDenial.Code? {
    guard st.close[i] >= 0 else { return .noReferencePrice }
    let reference = Int128(st.close[i]) * Int128(KernelRiskPlan.tickToRaw)
    let before = Int128(st.held[i])
    let after = before + q
    guard KernelRiskMath.fits(after) else { return .overflow }
    let reduces = after.magnitude < before.magnitude
    if let n = r.maxOrders {
      if n == 0 { return .orderRate }
      if st.count == st.sent.count {
        let age = Int128(time) - Int128(st.sent[st.head])
        if KernelRiskMath.fits(age) && age < Int128(r.windowNanos) { return .orderRate }
      }
    }
    if r.maxOrderQuantity != .max && Int128(q.magnitude) > Int128(r.maxOrderQuantity) { return .maxOrderQuantity }
    let notional = Int128(q.magnitude) * reference
    guard KernelRiskMath.fits(notional) else { return .overflow }
    if let limit = r.maxOrderNotional, notional > Int128(limit) { return .maxOrderNotional }
    if let band = r.priceBand, let p = price {
      if band < 0 || (p - reference).magnitude * 100_000_000 > UInt128(band) * reference.magnitude { return .priceBand }
    }
    if r.maxPosition[i] != .max && Int128(after.magnitude) > Int128(r.maxPosition[i]) && !reduces {
      return .maxPosition
    }
    return nil
  }
}

/// The integer conversions of the risk stage, shared by hls-sim and (as emitted C++) the kernel.
public enum KernelRiskMath {
  /// A decision quantity's raw bits in whole units, rounded half away from zero as
  /// `Decision.wholeUnits` rounds; nil beyond 1e15 units.
  public static func wholeUnits(_ raw: Int128, _ f: FixedFormat) -> Int128? {
    // |value| ≤ 1e15 before rounding, as Decision.wholeUnits checks the double.
    guard raw.magnitude <= largestQuantityRaw(f) else { return nil }
    let m = rounded(raw.magnitude, scale: 1, fractionBits: f.fractionBits)
    return raw < 0 ? -Int128(m) : Int128(m)
  }

  /// 1e15 (Decision.wholeUnits' largest quantity) in `f`'s raw units, rounded down.
  public static func largestQuantityRaw(_ f: FixedFormat) -> UInt128 {
    let limit: UInt128 = 1_000_000_000_000_000
    let bits = f.fractionBits
    if bits <= 0 { return limit >> UInt128(-bits) }
    return bits >= 64 ? UInt128.max : limit << UInt128(bits)
  }

  /// A limit price's raw bits in the CPU's 1e-8, rounded half away from zero as `Price(rounding:)`.
  public static func price(_ raw: Int128, _ f: FixedFormat) -> Int128? {
    guard raw > 0 else { return nil }
    let p = rounded(raw.magnitude, scale: 100_000_000, fractionBits: f.fractionBits)
    return p <= UInt128(Int64.max) ? Int128(p) : nil
  }

  /// m × scale ÷ 2^bits, rounded half up (m ≥ 0).
  static func rounded(_ m: UInt128, scale: UInt128, fractionBits bits: Int) -> UInt128 {
    let x = m * scale
    if bits <= 0 { return x << UInt128(-bits) }
    return (x + (UInt128(1) << UInt128(bits - 1))) >> UInt128(bits)
  }

  static func fits(_ v: Int128) -> Bool { v >= Int128(Int64.min) && v <= Int128(Int64.max) }
}

extension FixedFormat {
  /// True when `raw` is an extreme of the format: a saturated value, not a computed one.
  func isSaturated(_ raw: Int128) -> Bool { raw == maxRaw || raw == minRaw }
}
