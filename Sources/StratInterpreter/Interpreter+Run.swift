import Foundation
import StratABI

/// The register file: typed views of bit patterns. Indices were checked by the translator.
struct RegisterFile {
  let base: UnsafeMutablePointer<UInt64>

  @inline(__always) init(_ base: UnsafeMutablePointer<UInt64>) { self.base = base }

  @inline(__always) func f64(_ r: Int32) -> Double { Double(bitPattern: base[Int(r)]) }
  @inline(__always) func i64(_ r: Int32) -> Int64 { Int64(bitPattern: base[Int(r)]) }
  @inline(__always) func bool(_ r: Int32) -> Bool { base[Int(r)] != 0 }
  @inline(__always) func bits(_ r: Int32) -> UInt64 { base[Int(r)] }

  @inline(__always) func set(_ r: Int32, _ value: Double) { base[Int(r)] = value.bitPattern }
  @inline(__always) func set(_ r: Int32, _ value: Int64) {
    base[Int(r)] = UInt64(bitPattern: value)
  }
  @inline(__always) func set(_ r: Int32, _ value: Bool) { base[Int(r)] = value ? 1 : 0 }
  @inline(__always) func set(_ r: Int32, bits: UInt64) { base[Int(r)] = bits }
}

// MARK: - The dispatch loop

extension Interpreter {
  /// Runs `operations[start..<end]` once and returns the number of decisions written.
  /// Every pointer was sized and every index checked at init, so nothing here checks bounds.
  @inline(never)
  static func run(
    _ start: UnsafeMutablePointer<Operation>, _ end: UnsafeMutablePointer<Operation>,
    _ r: RegisterFile, _ state: UnsafeMutableRawPointer, _ inputs: UnsafeMutablePointer<Double>,
    _ seen: UnsafeMutablePointer<UInt64>, _ params: UnsafeMutablePointer<UInt64>,
    _ decisions: UnsafeMutablePointer<Decision>, _ timeNanos: Int64
  ) -> Int {
    var emitted = 0
    var pc = start
    while pc != end {
      let o = pc.pointee
      pc += 1
      switch o.code {
      // Inputs and scalar state
      case .field: r.set(o.dst, inputs[Int(o.imm)])
      case .seen: r.set(o.dst, bits: seen[Int(o.imm)])
      case .time: r.set(o.dst, timeNanos)
      case .param: r.set(o.dst, bits: params[Int(o.imm)])
      case .load: r.set(o.dst, bits: state.load(fromByteOffset: Int(o.imm), as: UInt64.self))
      case .store:
        if r.bool(o.pred) {
          state.storeBytes(of: r.bits(o.a), toByteOffset: Int(o.imm), as: UInt64.self)
        }
      case .storeF64:
        if r.bool(o.pred) {
          state.storeBytes(of: canonical(r.f64(o.a)), toByteOffset: Int(o.imm), as: Double.self)
        }
      // Floating point
      case .fadd: r.set(o.dst, r.f64(o.a) + r.f64(o.b))
      case .fsub: r.set(o.dst, r.f64(o.a) - r.f64(o.b))
      case .fmul: r.set(o.dst, r.f64(o.a) * r.f64(o.b))
      case .fdiv: r.set(o.dst, r.f64(o.a) / r.f64(o.b))
      case .fneg: r.set(o.dst, bits: r.bits(o.a) ^ 0x8000_0000_0000_0000)
      // Integers
      case .iadd: r.set(o.dst, r.i64(o.a) &+ r.i64(o.b))
      case .isub: r.set(o.dst, r.i64(o.a) &- r.i64(o.b))
      case .imul: r.set(o.dst, r.i64(o.a) &* r.i64(o.b))
      case .idiv: r.set(o.dst, wrappingDivide(r.i64(o.a), r.i64(o.b)))
      case .irem: r.set(o.dst, wrappingRemainder(r.i64(o.a), r.i64(o.b)))
      case .ineg: r.set(o.dst, 0 &- r.i64(o.a))
      case .itof: r.set(o.dst, Double(r.i64(o.a)))
      case .ftoi: r.set(o.dst, saturatingTruncate(r.f64(o.a)))
      // Math intrinsics (C library)
      case .log: r.set(o.dst, Foundation.log(r.f64(o.a)))
      case .exp: r.set(o.dst, Foundation.exp(r.f64(o.a)))
      case .sqrt: r.set(o.dst, Foundation.sqrt(r.f64(o.a)))
      case .abs: r.set(o.dst, Foundation.fabs(r.f64(o.a)))
      case .round: r.set(o.dst, Foundation.round(r.f64(o.a)))
      case .sign: r.set(o.dst, signum(r.f64(o.a)))
      case .f32: r.set(o.dst, Double(Float(r.f64(o.a))))
      case .floor: r.set(o.dst, Foundation.floor(r.f64(o.a)))
      case .ceil: r.set(o.dst, Foundation.ceil(r.f64(o.a)))
      case .pow: r.set(o.dst, Foundation.pow(r.f64(o.a), r.f64(o.b)))
      case .fmod: r.set(o.dst, Foundation.fmod(r.f64(o.a), r.f64(o.b)))
      case .expf: r.set(o.dst, Double(Foundation.expf(Float(r.f64(o.a)))))
      case .fmin: r.set(o.dst, cMinimum(r.f64(o.a), r.f64(o.b)))
      case .fmax: r.set(o.dst, cMaximum(r.f64(o.a), r.f64(o.b)))
      // Comparisons: ordered, except fne
      case .flt: r.set(o.dst, r.f64(o.a) < r.f64(o.b))
      case .fle: r.set(o.dst, r.f64(o.a) <= r.f64(o.b))
      case .fgt: r.set(o.dst, r.f64(o.a) > r.f64(o.b))
      case .fge: r.set(o.dst, r.f64(o.a) >= r.f64(o.b))
      case .feq: r.set(o.dst, r.f64(o.a) == r.f64(o.b))
      case .fne: r.set(o.dst, r.f64(o.a) != r.f64(o.b))
      case .ilt: r.set(o.dst, r.i64(o.a) < r.i64(o.b))
      case .ile: r.set(o.dst, r.i64(o.a) <= r.i64(o.b))
      case .igt: r.set(o.dst, r.i64(o.a) > r.i64(o.b))
      case .ige: r.set(o.dst, r.i64(o.a) >= r.i64(o.b))
      case .ieq: r.set(o.dst, r.i64(o.a) == r.i64(o.b))
      case .ine: r.set(o.dst, r.i64(o.a) != r.i64(o.b))
      // Logic on 0/1
      case .and: r.set(o.dst, bits: r.bits(o.a) & r.bits(o.b))
      case .or: r.set(o.dst, bits: r.bits(o.a) | r.bits(o.b))
      case .not: r.set(o.dst, bits: r.bits(o.a) ^ 1)
      case .select: r.set(o.dst, bits: r.bool(o.a) ? r.bits(o.b) : r.bits(o.c))
      // Buffers
      case .pushRing:
        if r.bool(o.pred) { RingView(state + Int(o.imm), capacity: Int(o.c)).push(r.f64(o.a)) }
      case .pushWindow:
        if r.bool(o.pred) { WindowView(state + Int(o.imm), capacity: Int(o.c)).push(r.f64(o.a)) }
      case .pushPair:
        if r.bool(o.pred) {
          PairWindowView(state + Int(o.imm), capacity: Int(o.c)).push(r.f64(o.a), r.f64(o.b))
        }
      case .pushEma:
        if r.bool(o.pred) {
          EMAView(state + Int(o.imm)).push(r.f64(o.a), alpha: r.f64(o.b), period: Int(o.c))
        }
      case .lag: r.set(o.dst, RingView(state + Int(o.imm), capacity: Int(o.c)).lag(Int(o.b)))
      case .count: r.set(o.dst, bits: state.load(fromByteOffset: Int(o.imm), as: UInt64.self))
      case .sum: r.set(o.dst, WindowView(state + Int(o.imm), capacity: Int(o.c)).sum())
      case .mean: r.set(o.dst, WindowView(state + Int(o.imm), capacity: Int(o.c)).mean())
      case .varp: r.set(o.dst, WindowView(state + Int(o.imm), capacity: Int(o.c)).varp())
      case .vars: r.set(o.dst, WindowView(state + Int(o.imm), capacity: Int(o.c)).vars())
      case .min: r.set(o.dst, WindowView(state + Int(o.imm), capacity: Int(o.c)).min())
      case .max: r.set(o.dst, WindowView(state + Int(o.imm), capacity: Int(o.c)).max())
      case .cov: r.set(o.dst, PairWindowView(state + Int(o.imm), capacity: Int(o.c)).cov())
      case .corr: r.set(o.dst, PairWindowView(state + Int(o.imm), capacity: Int(o.c)).corr())
      case .slope: r.set(o.dst, PairWindowView(state + Int(o.imm), capacity: Int(o.c)).slope())
      case .intercept:
        r.set(o.dst, PairWindowView(state + Int(o.imm), capacity: Int(o.c)).intercept())
      case .ema: r.set(o.dst, EMAView(state + Int(o.imm)).value())
      // Decisions, in program order
      case .target:
        if r.bool(o.pred) {
          decisions[emitted] = Decision(
            kind: .target, instrument: Int32(truncatingIfNeeded: o.imm), quantity: canonical(r.f64(o.a)))
          emitted &+= 1
        }
      case .market:
        if r.bool(o.pred) {
          decisions[emitted] = Decision(
            kind: .market, instrument: Int32(truncatingIfNeeded: o.imm), quantity: canonical(r.f64(o.a)))
          emitted &+= 1
        }
      case .limit, .ioc, .replace:
        if r.bool(o.pred) {
          let kind: DecisionKind =
            o.code == .limit ? .limit : o.code == .ioc ? .immediateOrCancel : .replace
          decisions[emitted] = Decision(
            kind: kind, instrument: Int32(truncatingIfNeeded: o.imm), quantity: canonical(r.f64(o.a)),
            price: canonical(r.f64(o.b)))
          emitted &+= 1
        }
      case .cancel:
        if r.bool(o.pred) {
          decisions[emitted] = Decision(
            kind: .cancel, instrument: Int32(truncatingIfNeeded: o.imm), quantity: canonical(r.f64(o.a)))
          emitted &+= 1
        }
      }
    }
    return emitted
  }
}
