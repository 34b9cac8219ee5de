import StratIR

/// The recursive indicators (Wilder's averages, running sums) as scalar state: each call owns
/// its slots, loads them, computes, and stores the new values only on a step where its input is
/// defined. The arithmetic is TA-Lib's, operation for operation (its C source: ta_RSI.c,
/// ta_ATR.c, ta_OBV.c), without fused multiply-adds.
extension Lowering {
  /// A scalar f64 or i64 slot of this call's state, and its value at this point of the step.
  mutating func scalarState(_ name: String, _ type: IRType) -> (slot: Int, value: ValueID) {
    let initial: IRConstant = type == .i64 ? .i64(0) : .f64(0)
    let slot = builder.addSlot(Slot(name: name, kind: .scalar(type, initial: initial)))
    return (slot, builder.emit(.load, type, imm: .slot(slot)))
  }

  /// Wilder's average (Pine's rma, TA-Lib's smoothing in RSI and ATR): the mean of the first n
  /// values, ((x₁ + x₂) + …) ÷ n, then (prev·(n − 1) + x) ÷ n. Defined from the n-th value.
  mutating func wilder(_ x: Lowered, _ n: Int, name: String) -> Lowered {
    let sum = scalarState("\(name).sum", .f64)
    let average = scalarState("\(name).rma", .f64)
    let count = scalarState("\(name).count", .i64)
    let len = builder.constant(.i64(Int64(n)))
    let seeding = builder.emit(.ilt, .bool, [count.value, len])
    let counted = builder.emit(.iadd, .i64, [count.value, builder.constant(.i64(1))])
    let newSum = builder.emit(.fadd, .f64, [sum.value, x.value])
    let nf = builder.constant(.f64(Double(n)))
    let seed = builder.emit(.fdiv, .f64, [newSum, nf])
    let scaled = builder.emit(.fmul, .f64, [average.value, builder.constant(.f64(Double(n - 1)))])
    let smoothed = builder.emit(.fdiv, .f64, [builder.emit(.fadd, .f64, [scaled, x.value]), nf])
    let value = builder.emit(.select, .f64, [seeding, seed, smoothed])
    let newCount = builder.emit(.select, .i64, [seeding, counted, count.value])
    builder.effect(.store, [newSum], imm: .slot(sum.slot), predicate: all([x.ok, seeding]))
    builder.effect(.store, [value], imm: .slot(average.slot), predicate: x.ok)
    builder.effect(.store, [newCount], imm: .slot(count.slot), predicate: x.ok)
    // Where x is undefined the state stands: the average is the stored one.
    let current = x.ok.map { builder.emit(.select, .f64, [$0, value, average.value]) } ?? value
    let currentCount = x.ok.map { builder.emit(.select, .i64, [$0, newCount, count.value]) } ?? newCount
    return Lowered(value: current, ok: builder.emit(.ige, .bool, [currentCount, len]))
  }

  /// TA-Lib's RSI: Wilder's averages of the gains and of the losses of x − x[1], then
  /// 100·(gain ÷ (gain + loss)), 0 where gain + loss is within 1e-8 of 0 (TA_IS_ZERO).
  mutating func rsi(_ x: Lowered, _ n: Int) -> Lowered {
    let previous = lag(x, 1)
    let d = builder.emit(.fsub, .f64, [x.value, previous.value])
    let ok = all([x.ok, previous.ok])
    let zero = builder.constant(.f64(0))
    let falling = builder.emit(.flt, .bool, [d, zero])
    let gainIn = builder.emit(.select, .f64, [falling, zero, d])
    let lossIn = builder.emit(.select, .f64, [falling, builder.emit(.fneg, .f64, [d]), zero])
    let gain = wilder(Lowered(value: gainIn, ok: ok), n, name: "rsi.gain")
    let loss = wilder(Lowered(value: lossIn, ok: ok), n, name: "rsi.loss")
    let total = builder.emit(.fadd, .f64, [gain.value, loss.value])
    let eps = 0.00000001
    let above = builder.emit(.flt, .bool, [builder.constant(.f64(-eps)), total])
    let below = builder.emit(.flt, .bool, [total, builder.constant(.f64(eps))])
    let isZero = builder.emit(.and, .bool, [above, below])
    let ratio = builder.emit(.fmul, .f64, [builder.constant(.f64(100)), builder.emit(.fdiv, .f64, [gain.value, total])])
    let value = builder.emit(.select, .f64, [isZero, zero, ratio])
    return Lowered(value: value, ok: all([gain.ok, loss.ok]))
  }

  /// TA-Lib's TRANGE: the greatest of h − l, |c[1] − h| and |c[1] − l|, in that order.
  mutating func trueRange(_ h: Lowered, _ l: Lowered, _ c: Lowered) -> Lowered {
    let c1 = lag(c, 1)
    var greatest = builder.emit(.fsub, .f64, [h.value, l.value])
    for side in [h, l] {
      let gap = builder.emit(.abs, .f64, [builder.emit(.fsub, .f64, [c1.value, side.value])])
      greatest = builder.emit(.select, .f64, [builder.emit(.fgt, .bool, [gap, greatest]), gap, greatest])
    }
    return Lowered(value: greatest, ok: all([h.ok, l.ok, c1.ok]))
  }

  /// A running sum from the first defined value (Pine's cum).
  mutating func cumulative(_ x: Lowered, name: String) -> Lowered {
    let sum = scalarState("\(name).cum", .f64)
    let value = builder.emit(.fadd, .f64, [sum.value, x.value])
    builder.effect(.store, [value], imm: .slot(sum.slot), predicate: x.ok)
    let current = x.ok.map { builder.emit(.select, .f64, [$0, value, sum.value]) } ?? value
    return Lowered(value: current, ok: x.ok)
  }

  /// Pine's barssince: 0 on a step where the condition holds, one more on each later step;
  /// undefined until it first holds (a step where it is undefined counts as not holding).
  mutating func barsSince(_ condition: Lowered) -> Lowered {
    let count = builder.addSlot(Slot(name: "barssince", kind: .scalar(.i64, initial: .i64(-1))))
    let last = builder.emit(.load, .i64, imm: .slot(count))
    let holds = condition.ok.map { builder.emit(.and, .bool, [$0, condition.value]) } ?? condition.value
    let started = op(.ige, .bool, last, int(0))
    let later = builder.emit(.select, .i64, [started, op(.iadd, .i64, last, int(1)), last])
    let value = builder.emit(.select, .i64, [holds, int(0), later])
    builder.effect(.store, [value], imm: .slot(count))
    return Lowered(value: value, ok: op(.ige, .bool, value, int(0)))
  }

  /// Pine's valuewhen (occurrence 0): x at the latest step where the condition held (and x was
  /// defined); undefined before.
  mutating func valueWhen(_ condition: Lowered, _ x: Lowered) -> Lowered {
    let kept = scalarState("valuewhen", .f64)
    let seen = scalarState("valuewhen.seen", .i64)
    var holds = condition.ok.map { builder.emit(.and, .bool, [$0, condition.value]) } ?? condition.value
    if let ok = x.ok { holds = builder.emit(.and, .bool, [holds, ok]) }
    builder.effect(.store, [x.value], imm: .slot(kept.slot), predicate: holds)
    builder.effect(.store, [int(1)], imm: .slot(seen.slot), predicate: holds)
    let value = builder.emit(.select, .f64, [holds, x.value, kept.value])
    let ok = builder.emit(.or, .bool, [holds, op(.ine, .bool, seen.value, int(0))])
    return Lowered(value: value, ok: ok)
  }

  /// TA-Lib's OBV: the first volume, then + volume on a higher close, − volume on a lower one.
  mutating func onBalanceVolume(_ c: Lowered, _ v: Lowered) -> Lowered {
    let ok = all([c.ok, v.ok])
    let total = scalarState("obv", .f64)
    let started = scalarState("obv.started", .i64)
    let previous = scalarState("obv.close", .f64)
    let first = builder.emit(.ieq, .bool, [started.value, builder.constant(.i64(0))])
    let up = builder.emit(.fgt, .bool, [c.value, previous.value])
    let down = builder.emit(.flt, .bool, [c.value, previous.value])
    let plus = builder.emit(.fadd, .f64, [total.value, v.value])
    let minus = builder.emit(.fsub, .f64, [total.value, v.value])
    let moved = builder.emit(.select, .f64, [up, plus, builder.emit(.select, .f64, [down, minus, total.value])])
    let value = builder.emit(.select, .f64, [first, v.value, moved])
    builder.effect(.store, [value], imm: .slot(total.slot), predicate: ok)
    builder.effect(.store, [c.value], imm: .slot(previous.slot), predicate: ok)
    builder.effect(.store, [builder.constant(.i64(1))], imm: .slot(started.slot), predicate: ok)
    let current = ok.map { builder.emit(.select, .f64, [$0, value, total.value]) } ?? value
    let seen = builder.emit(.ine, .bool, [started.value, builder.constant(.i64(0))])
    return Lowered(value: current, ok: ok.map { builder.emit(.or, .bool, [$0, seen]) })
  }
}
