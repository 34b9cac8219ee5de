import StratIR

extension Lowering {
  mutating func lowerBuiltin(_ b: Builtin, _ args: [Lowered], window n: Int) -> Lowered {
    if b == .bar_index { return Lowered(value: barIndex(), ok: nil) }
    if b.isClock { return Lowered(value: periodClock(b), ok: nil) }
    if b.isCalendarField { return Lowered(value: calendarField(b, of: args[0].value), ok: args[0].ok) }
    if b == .barssince { return barsSince(args[0]) }
    if b == .valuewhen { return valueWhen(args[0], args[1]) }
    let x = args[0]
    func unary(_ op: Opcode) -> Lowered {
      Lowered(value: builder.emit(op, .f64, [x.value]), ok: x.ok)
    }
    switch b {
    case .log: return unary(.log)
    case .exp: return unary(.exp)
    case .sqrt: return unary(.sqrt)
    case .abs: return unary(.abs)
    case .round: return unary(.round)
    case .rma: return wilder(x, n, name: builder.module.step[x.value].name.isEmpty ? "rma" : builder.module.step[x.value].name)
    case .rsi: return rsi(x, n)
    case .tr: return trueRange(x, args[1], args[2])
    case .atr: return wilder(trueRange(x, args[1], args[2]), n, name: "atr")
    case .change, .mom:
      let previous = lag(x, n)
      return Lowered(value: builder.emit(.fsub, .f64, [x.value, previous.value]), ok: all([x.ok, previous.ok]))
    case .roc:
      // TA-Lib's ROC: ((x ÷ x[k]) − 1)·100
      let previous = lag(x, n)
      let ratio = builder.emit(.fdiv, .f64, [x.value, previous.value])
      let less = builder.emit(.fsub, .f64, [ratio, builder.constant(.f64(1))])
      return Lowered(value: builder.emit(.fmul, .f64, [less, builder.constant(.f64(100))]), ok: all([x.ok, previous.ok]))
    case .cum: return cumulative(x, name: "cum")
    case .obv: return onBalanceVolume(x, args[1])
    case .vwma:
      // Pine's vwma: sma(x·v, n) ÷ sma(v, n)
      let weighted = Lowered(value: builder.emit(.fmul, .f64, [x.value, args[1].value]), ok: all([x.ok, args[1].ok]))
      let (top, topFull) = window(weighted, n)
      let (bottom, bottomFull) = window(args[1], n)
      let value = builder.emit(.fdiv, .f64, [builder.emit(.mean, .f64, imm: .slot(top)), builder.emit(.mean, .f64, imm: .slot(bottom))])
      return Lowered(value: value, ok: all([topFull, bottomFull]))
    case .year, .month, .day, .weekday, .hour, .minute, .new_day, .new_week, .new_month, .bar_index,
      .barssince, .valuewhen:
      preconditionFailure("calendar and event built-ins are lowered above")
    case .floor: return unary(.floor)
    case .ceil: return unary(.ceil)
    case .pow:
      return Lowered(value: builder.emit(.pow, .f64, [x.value, args[1].value]), ok: all([x.ok, args[1].ok]))
    case .na:
      // True while x is undefined; itself always defined.
      guard let ok = x.ok else { return Lowered(value: builder.constant(.bool(false)), ok: nil) }
      return Lowered(value: builder.emit(.not, .bool, [ok]), ok: nil)
    case .nz:
      // x where it is defined, else y: defined when either is.
      let y = args[1]
      guard let ok = x.ok else { return x }
      let value = builder.emit(.select, .f64, [ok, x.value, y.value])
      return Lowered(value: value, ok: y.ok.map { builder.emit(.or, .bool, [ok, $0]) })
    case .sign: return unary(.sign)
    case .min, .max:
      let value = builder.emit(b == .min ? .fmin : .fmax, .f64, [x.value, args[1].value])
      return Lowered(value: value, ok: all([x.ok, args[1].ok]))
    case .clamp:
      let low = builder.emit(.fmax, .f64, [x.value, args[1].value])
      let value = builder.emit(.fmin, .f64, [low, args[2].value])
      return Lowered(value: value, ok: all([x.ok, args[1].ok, args[2].ok]))
    case .sma, .sum, .var, .var_pop, .stdev, .stdev_pop, .lowest, .highest:
      let (slot, full) = window(x, n)
      let op: Opcode =
        switch b {
        case .sma: .mean
        case .sum: .sum
        case .var, .stdev: .vars
        case .var_pop, .stdev_pop: .varp
        case .lowest: .min
        default: .max
        }
      var value = builder.emit(op, .f64, imm: .slot(slot))
      if b == .stdev || b == .stdev_pop { value = builder.emit(.sqrt, .f64, [value]) }
      return Lowered(value: value, ok: full)
    case .zscore, .zscore_pop:
      // z = (x − mean) ÷ sd, defined only once the window is full and sd > 0.
      let (slot, full) = window(x, n)
      let mean = builder.emit(.mean, .f64, imm: .slot(slot))
      let variance = builder.emit(b == .zscore ? .vars : .varp, .f64, imm: .slot(slot))
      let sd = builder.emit(.sqrt, .f64, [variance])
      let deviation = builder.emit(.fsub, .f64, [x.value, mean])
      let z = builder.emit(.fdiv, .f64, [deviation, sd])
      let positive = builder.emit(.fgt, .bool, [variance, builder.constant(.f64(0))])
      return Lowered(value: z, ok: all([full, positive]))
    case .ema:
      let slot = buffer("ema", capacity: n, values: [x], kind: .ema(period: n))
      let value = builder.emit(.ema, .f64, imm: .slot(slot))
      return Lowered(value: value, ok: isFull(slot, n))
    case .corr, .cov, .slope, .intercept:
      // slope(y, x) and intercept(y, x) regress y on x; the pair window holds (x, y).
      let pair = b == .slope || b == .intercept ? [args[1], args[0]] : [args[0], args[1]]
      let slot = buffer("pair", capacity: n, values: pair, kind: .pairWindow(capacity: n))
      let op: Opcode = [.corr: .corr, .cov: .cov, .slope: .slope, .intercept: .intercept][b]!
      return Lowered(value: builder.emit(op, .f64, imm: .slot(slot)), ok: isFull(slot, n))
    case .ret, .logret:
      let previous = lag(x, n)
      let ratio = builder.emit(.fdiv, .f64, [x.value, previous.value])
      let value =
        b == .ret
        ? builder.emit(.fsub, .f64, [ratio, builder.constant(.f64(1))])
        : builder.emit(.log, .f64, [ratio])
      return Lowered(value: value, ok: all([x.ok, previous.ok]))
    case .crosses_above, .crosses_below:
      let y = args[1]
      let px = lag(x, 1)
      let py = lag(y, 1)
      let now = builder.emit(b == .crosses_above ? .fgt : .flt, .bool, [x.value, y.value])
      let before = builder.emit(b == .crosses_above ? .fle : .fge, .bool, [px.value, py.value])
      return Lowered(value: builder.emit(.and, .bool, [now, before]), ok: all([x.ok, y.ok, px.ok, py.ok]))
    }
  }

  /// A window of `n` over x, pushed when x is defined; returns the slot and its "full" bit.
  mutating func window(_ x: Lowered, _ n: Int) -> (Int, ValueID) {
    let slot = buffer("window", capacity: n, values: [x], kind: .window(capacity: n))
    return (slot, isFull(slot, n))
  }

  /// x[k]: a ring of k + 1 values; defined once it holds k + 1.
  mutating func lag(_ x: Lowered, _ k: Int) -> Lowered {
    let slot = buffer("ring", capacity: k + 1, values: [x], kind: .ring(capacity: k + 1))
    let value = builder.emit(.lag, .f64, imm: .lag(slot: slot, k: k))
    return Lowered(value: value, ok: isFull(slot, k + 1))
  }

  mutating func isFull(_ slot: Int, _ n: Int) -> ValueID {
    let count = builder.emit(.count, .i64, imm: .slot(slot))
    return builder.emit(.ige, .bool, [count, builder.constant(.i64(Int64(n)))])
  }

  /// Returns the slot for a buffer, creating and pushing it on first use.
  mutating func buffer(_ kind: String, capacity: Int, values: [Lowered], kind slotKind: SlotKind) -> Int {
    let ok = all(values.map(\.ok))
    let key = BufferKey(kind: kind, capacity: capacity, values: values.map(\.value), ok: ok)
    if let slot = buffers[key] { return slot }
    let base = builder.module.step[values[0].value].name
    let slot = builder.addSlot(Slot(name: "\(base).\(kind)\(capacity)", kind: slotKind))
    builder.effect(.push, values.map(\.value), imm: .slot(slot), predicate: ok)
    buffers[key] = slot
    return slot
  }
}
