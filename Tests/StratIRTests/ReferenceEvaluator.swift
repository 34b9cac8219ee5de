import StratABI
import Foundation
import StratIR

/// A plain evaluator of the step, written independently of the passes, used to check that an
/// optimised module decides exactly what the original decides. Buffers keep their held values
/// and compute statistics naively: both sides of a comparison run through the same code.
struct ReferenceEvaluator {
  enum State {
    case scalar(IRConstant)
    case values([Double])
    case pairs([(Double, Double)])
    case ema(value: Double, count: Int)
  }

  let module: IRModule
  var state: [State]
  var bars: [[Double]?]

  init(module: IRModule) {
    self.module = module
    state = module.slots.map { slot in
      switch slot.kind {
      case .scalar(_, let initial): .scalar(initial)
      case .ring, .window: .values([])
      case .pairWindow: .pairs([])
      case .ema: .ema(value: 0, count: 0)
      }
    }
    bars = Array(repeating: nil, count: module.instruments.count)
  }

  /// Runs one step and returns its decisions, with every number as its bit pattern.
  mutating func step(time: Int64) -> [String] {
    var values: [IRConstant] = []
    var decisions: [String] = []
    for instruction in module.step {
      let args = instruction.args.map { values[$0] }
      if let p = instruction.predicate, values[p] != .bool(true) {
        values.append(.bool(false))
        continue
      }
      if instruction.op.isEffect {
        effect(instruction, args, &decisions)
        values.append(.bool(false))
      } else {
        values.append(evaluate(instruction, args, time: time))
      }
    }
    return decisions
  }

  private mutating func effect(
    _ instruction: Instruction,
    _ args: [IRConstant],
    _ out: inout [String]
  ) {
    let numbers = args.map { c -> Double in if case .f64(let d) = c { return d } else { return 0 } }
    switch (instruction.op, instruction.imm) {
    case (.store, .slot(let s)): state[s] = .scalar(args[0])
    case (.push, .slot(let s)): push(s, numbers)
    case (_, .instrument(let i)):
      out.append(
        "\(instruction.op) \(i) "
          + numbers.map { String($0.bitPattern, radix: 16) }.joined(separator: " ")
      )
    default: break
    }
  }

  private mutating func push(_ slot: Int, _ v: [Double]) {
    let capacity = module.slots[slot].kind.capacity ?? 1
    switch state[slot] {
    case .values(let held): state[slot] = .values(Array((held + [v[0]]).suffix(capacity)))
    case .pairs(let held): state[slot] = .pairs(Array((held + [(v[0], v[1])]).suffix(capacity)))
    case .ema(let value, let count):
      let alpha = 2.0 / (Double(capacity) + 1.0)
      let next = count == 0 ? v[0] : value + alpha * (v[0] - value)
      state[slot] = .ema(value: next, count: min(count + 1, capacity))
    case .scalar: break
    }
  }

  private func evaluate(_ instruction: Instruction, _ args: [IRConstant], time: Int64) -> IRConstant
  {
    switch instruction.op {
    case .const:
      if case .constant(let c) = instruction.imm { return c }
    case .field:
      if case .field(let i, let f) = instruction.imm {
        guard f.rawValue < 5 else { return .f64(f.initialValue) }  // no book or order state here
        return .f64(bars[i]?[f.rawValue] ?? 0)
      }
    case .seen:
      if case .instrument(let i) = instruction.imm { return .bool(bars[i] != nil) }
    case .time: return .i64(time)
    case .param:
      if case .param(let p) = instruction.imm { return module.params[p].value }
    case .select:
      return args[0] == .bool(true) ? args[1] : args[2]
    default:
      if let slot = instruction.imm.slotIndex { return read(instruction, slot) }
      return arithmetic(instruction.op, args)
    }
    return .bool(false)
  }

  private func arithmetic(_ op: Opcode, _ args: [IRConstant]) -> IRConstant {
    switch (op, args.first, args.last) {
    case (.fadd, .f64(let a), .f64(let b)): return .f64(a + b)
    case (.fsub, .f64(let a), .f64(let b)): return .f64(a - b)
    case (.fmul, .f64(let a), .f64(let b)): return .f64(a * b)
    case (.fdiv, .f64(let a), .f64(let b)): return .f64(a / b)
    case (.fneg, .f64(let a), _): return .f64(-a)
    case (.log, .f64(let a), _): return .f64(Foundation.log(a))
    case (.exp, .f64(let a), _): return .f64(Foundation.exp(a))
    case (.sqrt, .f64(let a), _): return .f64(Foundation.sqrt(a))
    case (.abs, .f64(let a), _): return .f64(Foundation.fabs(a))
    case (.round, .f64(let a), _): return .f64(Foundation.round(a))
    case (.floor, .f64(let a), _): return .f64(Foundation.floor(a))
    case (.ceil, .f64(let a), _): return .f64(Foundation.ceil(a))
    case (.f32, .f64(let a), _): return .f64(Double(Float(a)))
    case (.expf, .f64(let a), _): return .f64(Double(Foundation.expf(Float(a))))
    case (.pow, .f64(let a), .f64(let b)): return .f64(Foundation.pow(a, b))
    case (.fmod, .f64(let a), .f64(let b)): return .f64(Foundation.fmod(a, b))
    case (.sign, .f64(let a), _): return .f64(a.isNaN ? a : a > 0 ? 1 : a < 0 ? -1 : 0)
    case (.fmin, .f64(let a), .f64(let b)): return .f64(a < b || b.isNaN ? a : b)
    case (.fmax, .f64(let a), .f64(let b)): return .f64(a > b || b.isNaN ? a : b)
    case (.itof, .i64(let a), _): return .f64(Double(a))
    case (.ftoi, .f64(let a), _):
      return .i64(a.isNaN ? 0 : a >= 0x1p63 ? .max : a <= -0x1p63 ? .min : Int64(a))
    case (.iadd, .i64(let a), .i64(let b)): return .i64(a &+ b)
    case (.isub, .i64(let a), .i64(let b)): return .i64(a &- b)
    case (.imul, .i64(let a), .i64(let b)): return .i64(a &* b)
    case (.idiv, .i64(let a), .i64(let b)):
      return .i64(b == 0 ? 0 : (a == .min && b == -1) ? .min : a / b)
    case (.irem, .i64(let a), .i64(let b)): return .i64(b == 0 || b == -1 ? 0 : a % b)
    case (.ineg, .i64(let a), _): return .i64(0 &- a)
    case (.flt, .f64(let a), .f64(let b)): return .bool(a < b)
    case (.fle, .f64(let a), .f64(let b)): return .bool(a <= b)
    case (.fgt, .f64(let a), .f64(let b)): return .bool(a > b)
    case (.fge, .f64(let a), .f64(let b)): return .bool(a >= b)
    case (.feq, .f64(let a), .f64(let b)): return .bool(a == b)
    case (.fne, .f64(let a), .f64(let b)): return .bool(a != b)
    case (.ilt, .i64(let a), .i64(let b)): return .bool(a < b)
    case (.ile, .i64(let a), .i64(let b)): return .bool(a <= b)
    case (.igt, .i64(let a), .i64(let b)): return .bool(a > b)
    case (.ige, .i64(let a), .i64(let b)): return .bool(a >= b)
    case (.ieq, .i64(let a), .i64(let b)): return .bool(a == b)
    case (.ine, .i64(let a), .i64(let b)): return .bool(a != b)
    case (.and, .bool(let a), .bool(let b)): return .bool(a && b)
    case (.or, .bool(let a), .bool(let b)): return .bool(a || b)
    case (.not, .bool(let a), _): return .bool(!a)
    default: return .bool(false)
    }
  }

  private func read(_ instruction: Instruction, _ slot: Int) -> IRConstant {
    switch (instruction.op, state[slot]) {
    case (.load, .scalar(let c)): return c
    case (.count, .values(let v)): return .i64(Int64(v.count))
    case (.count, .pairs(let v)): return .i64(Int64(v.count))
    case (.count, .ema(_, let n)): return .i64(Int64(n))
    case (.ema, .ema(let value, _)): return .f64(value)
    case (.lag, .values(let v)):
      guard case .lag(_, let k) = instruction.imm else { break }
      return .f64(k < v.count ? v[v.count - 1 - k] : 0)
    case (_, .values(let v)):
      let n = Double(v.count)
      let sum = v.reduce(0, +)
      let mean = sum / n
      let varp = v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
      switch instruction.op {
      case .sum: return .f64(sum)
      case .mean: return .f64(mean)
      case .varp: return .f64(varp)
      case .vars: return .f64(varp * n / (n - 1))
      case .min: return .f64(v.dropFirst().reduce(v.first ?? .nan) { $0 < $1 || $1.isNaN ? $0 : $1 })
      case .max: return .f64(v.dropFirst().reduce(v.first ?? .nan) { $0 > $1 || $1.isNaN ? $0 : $1 })
      default: break
      }
    case (_, .pairs(let v)):
      let n = Double(v.count)
      let sx = v.reduce(0) { $0 + $1.0 }
      let sy = v.reduce(0) { $0 + $1.1 }
      let cxy = v.reduce(0) { $0 + $1.0 * $1.1 } - sx * sy / n
      let cxx = v.reduce(0) { $0 + $1.0 * $1.0 } - sx * sx / n
      let cyy = v.reduce(0) { $0 + $1.1 * $1.1 } - sy * sy / n
      switch instruction.op {
      case .cov: return .f64(cxy / (n - 1))
      case .corr: return .f64(cxy / (cxx * cyy).squareRoot())
      case .slope: return .f64(cxy / cxx)
      case .intercept: return .f64(sy / n - cxy / cxx * (sx / n))
      default: break
      }
    default: break
    }
    return .f64(0)
  }
}
