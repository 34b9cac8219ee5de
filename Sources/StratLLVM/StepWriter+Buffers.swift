import StratABI
import StratIR

extension StepWriter {
  mutating func writePush(_ i: Int, _ ins: Instruction) {
    guard case .slot(let s) = ins.imm else { return }
    let kind = module.slots[s].kind
    let values = ins.args.map(v)
    guarded(i, ins.predicate) { w in
      let p = w.base(i, slot: s)
      switch kind {
      case .ring(let n): w.line("call void @ring_push(ptr \(p), i64 \(n), double \(values[0]))")
      case .window(let n): w.line("call void @window_push(ptr \(p), i64 \(n), double \(values[0]))")
      case .pairWindow(let n):
        w.line("call void @pair_push(ptr \(p), i64 \(n), double \(values[0]), double \(values[1]))")
      case .ema(let n):
        let alpha = IRConstant.f64(2.0 / (Double(n) + 1.0))
        w.line("%a\(i) = bitcast i64 \(alpha.asBits) to double")
        w.line("call void @ema_push(ptr \(p), i64 \(n), double %a\(i), double \(values[0]))")
      case .scalar: break
      }
    }
  }

  mutating func writeBufferRead(_ i: Int, _ ins: Instruction) {
    guard let s = ins.imm.slotIndex else { return }
    let kind = module.slots[s].kind
    let n = kind.capacity ?? 1
    let p = base(i, slot: s)
    let out = "%v\(i)"
    switch ins.op {
    case .lag:
      guard case .lag(_, let k) = ins.imm else { return }
      line("\(out) = call double @ring_lag(ptr \(p), i64 \(n), i64 \(k))")
    case .count:
      let offset = kind.shape.offset(of: .count) ?? 0
      line("%c\(i) = getelementptr i8, ptr \(p), i64 \(offset)")
      line("\(out) = load i64, ptr %c\(i)")
    case .sum, .mean, .varp, .vars:
      line("\(out) = call double @window_\(ins.op.rawValue)(ptr \(p), i64 \(n))")
    case .min, .max:
      line("\(out) = call double @window_fold(ptr \(p), i64 \(n), i1 \(ins.op == .min))")
    case .cov, .corr, .slope, .intercept:
      line("\(out) = call double @pair_\(ins.op.rawValue)(ptr \(p), i64 \(n))")
    case .ema:
      line("\(out) = load double, ptr \(p)")
    default: break
    }
  }

  /// Writes one decision record when the predicate holds (see `Decision` and `DecisionKind`).
  mutating func writeDecision(_ i: Int, _ ins: Instruction) {
    guard case .instrument(let instrument) = ins.imm else { return }
    let kind: DecisionKind
    switch ins.op {
    case .target: kind = .target
    case .market: kind = .market
    case .limit: kind = .limit
    case .ioc: kind = .immediateOrCancel
    case .replace: kind = .replace
    default: kind = .cancel
    }
    let nan = IRConstant.f64(.nan).asBits
    let quantity = v(ins.args[0])
    let hasPrice = ins.op == .limit || ins.op == .ioc || ins.op == .replace
    guarded(i, ins.predicate) { w in
      let price: String
      if hasPrice {
        price = w.v(ins.args[1])
      } else {
        w.line("%nan\(i) = bitcast i64 \(nan) to double")
        price = "%nan\(i)"
      }
      w.line(
        "call void @decide(ptr %out, ptr %count, i8 \(kind.rawValue), i32 \(instrument), double \(quantity), double \(price))")
    }
  }
}
