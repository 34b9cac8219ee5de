import StratIR

/// Hand-built modules shared by the tests.
enum IRFixtures {
  /// A module that uses every opcode, every slot kind, every immediate kind and every risk limit.
  static var everything: IRModule {
    var base = IRModule(
      name: "every",
      instruments: [
        IRInstrument(name: "a", symbol: "GLD"), IRInstrument(name: "b", symbol: "GDX \"mini\"\n"),
      ],
      params: [
        IRParam(name: "lookback", value: .i64(20)), IRParam(name: "entry", value: .f64(2)),
        IRParam(name: "on", value: .bool(true)),
      ],
      risk: [
        .maxPosition(instrument: 0, 500), .maxPosition(instrument: nil, 800),
        .maxOrderQuantity(1000), .maxOrderNotional(2.5e6), .maxDailyLoss(1e4), .priceBand(0.05),
        .orderRate(count: 10, windowNanos: 60_000_000_000),
      ],
      warmupSteps: 19
    )
    base.slots = [
      Slot(name: "side", kind: .scalar(.i64, initial: .i64(0))),
      Slot(name: "px", kind: .scalar(.f64, initial: .f64(-0.5))),
      Slot(name: "armed", kind: .scalar(.bool, initial: .bool(false))),
      Slot(name: "r", kind: .ring(capacity: 5)),
      Slot(name: "spread.w", kind: .window(capacity: 20)),
      Slot(name: "pair.w", kind: .pairWindow(capacity: 30)),
      Slot(name: "fast", kind: .ema(period: 10)),
    ]
    var b = IRBuilder(module: base)
    let c = b.constant(.f64(2.5), name: "k")
    let ci = b.constant(.i64(3), name: "three")
    let cb = b.constant(.bool(true), name: "yes")
    let close = b.emit(.field, .f64, imm: .field(instrument: 0, .close), name: "a.close")
    let volume = b.emit(.field, .f64, imm: .field(instrument: 1, .volume), name: "b.volume")
    let seen = b.emit(.seen, .bool, imm: .instrument(1), name: "seen.b")
    let time = b.emit(.time, .i64, name: "now")
    let entry = b.emit(.param, .f64, imm: .param(1), name: "e")
    let lookback = b.emit(.param, .i64, imm: .param(0), name: "n")
    let on = b.emit(.param, .bool, imm: .param(2), name: "on")
    let side = b.emit(.load, .i64, imm: .slot(0), name: "side")
    let px = b.emit(.load, .f64, imm: .slot(1))
    b.emit(.load, .bool, imm: .slot(2), name: "armed")
    var f = close
    for op in [Opcode.fadd, .fsub, .fmul, .fdiv, .fmin, .fmax, .pow, .fmod] { f = b.emit(op, .f64, [f, c]) }
    f = b.emit(.fneg, .f64, [f])
    for op in [Opcode.log, .exp, .sqrt, .abs, .round, .sign, .floor, .ceil, .f32, .expf] { f = b.emit(op, .f64, [f]) }
    var i = time
    for op in [Opcode.iadd, .isub, .imul, .idiv, .irem] { i = b.emit(op, .i64, [i, ci]) }
    i = b.emit(.ineg, .i64, [i])
    let fi = b.emit(.itof, .f64, [lookback])
    let iff = b.emit(.ftoi, .i64, [entry])
    var bools: [ValueID] = []
    for op in [Opcode.flt, .fle, .fgt, .fge, .feq, .fne] {
      bools.append(b.emit(op, .bool, [f, fi]))
    }
    for op in [Opcode.ilt, .ile, .igt, .ige, .ieq, .ine] {
      bools.append(b.emit(op, .bool, [i, iff]))
    }
    let both = b.emit(.and, .bool, [bools[0], cb], name: "go")
    let either = b.emit(.or, .bool, [both, seen])
    let none = b.emit(.not, .bool, [either])
    let q = b.emit(.select, .f64, [none, f, px], name: "q")
    let lag = b.emit(.lag, .f64, imm: .lag(slot: 4, k: 3), name: "l")
    b.emit(.lag, .f64, imm: .lag(slot: 3, k: 4))
    b.emit(.count, .i64, imm: .slot(3))
    for op in [Opcode.sum, .mean, .varp, .vars, .min, .max] { b.emit(op, .f64, imm: .slot(4)) }
    for op in [Opcode.cov, .corr, .slope, .intercept] { b.emit(op, .f64, imm: .slot(5)) }
    b.emit(.ema, .f64, imm: .slot(6), name: "fast")
    b.effect(.store, [side], imm: .slot(0), predicate: on)
    b.effect(.store, [lag], imm: .slot(1))
    b.effect(.store, [none], imm: .slot(2))
    b.effect(.push, [close], imm: .slot(3))
    b.effect(.push, [close], imm: .slot(4), predicate: seen)
    b.effect(.push, [close, volume], imm: .slot(5))
    b.effect(.push, [close], imm: .slot(6))
    b.effect(.target, [q], imm: .instrument(0), predicate: both)
    b.effect(.market, [q], imm: .instrument(1))
    b.effect(.limit, [q, px], imm: .instrument(1), predicate: either)
    b.effect(.ioc, [q, px], imm: .instrument(0))
    b.effect(.replace, [q, px], imm: .instrument(1), predicate: both)
    b.effect(.cancel, [q], imm: .instrument(0))
    return b.module
  }

  /// The pairs strategy of the format description.
  static var pairs: IRModule {
    let base = IRModule(
      name: "pairs",
      instruments: [
        IRInstrument(name: "a", symbol: "GLD"), IRInstrument(name: "b", symbol: "GDX"),
      ],
      params: [IRParam(name: "lookback", value: .i64(20)), IRParam(name: "entry", value: .f64(2))],
      risk: [.maxPosition(instrument: 0, 500), .orderRate(count: 10, windowNanos: 60_000_000_000)],
      warmupSteps: 19
    )
    var b = IRBuilder(module: base)
    let w = b.addSlot(Slot(name: "spread.w", kind: .window(capacity: 20)))
    let side = b.addSlot(Slot(name: "side", kind: .scalar(.i64, initial: .i64(0))))
    let a = b.emit(.field, .f64, imm: .field(instrument: 0, .close), name: "a.close")
    let bb = b.emit(.field, .f64, imm: .field(instrument: 1, .close), name: "b.close")
    let spread = b.emit(.fsub, .f64, [a, bb], name: "spread")
    b.effect(.push, [spread], imm: .slot(w))
    let m = b.emit(.mean, .f64, imm: .slot(w), name: "m")
    let s = b.emit(.vars, .f64, imm: .slot(w), name: "v")
    let sd = b.emit(.sqrt, .f64, [s], name: "sd")
    let d = b.emit(.fsub, .f64, [spread, m], name: "d")
    let z = b.emit(.fdiv, .f64, [d, sd], name: "z")
    let entry = b.emit(.param, .f64, imm: .param(1), name: "entry")
    let go = b.emit(.fgt, .bool, [z, entry], name: "go")
    let q = b.constant(.f64(-100), name: "q")
    b.effect(.target, [q], imm: .instrument(0), predicate: go)
    let one = b.constant(.i64(1), name: "one")
    b.effect(.store, [one], imm: .slot(side), predicate: go)
    return b.module
  }
}
