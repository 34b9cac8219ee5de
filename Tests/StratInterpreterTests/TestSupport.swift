import Foundation
import StratABI
import StratIR
import StratInterpreter

/// A seeded SplitMix64: the tests' only source of randomness.
struct SplitMix64 {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A double uniform in [lower, upper).
  mutating func double(in lower: Double, _ upper: Double) -> Double {
    lower + (upper - lower) * Double(next() >> 11) / Double(1 << 53)
  }
}

/// A module with `instruments` named A, B, … and the slots and step that `build` adds.
func makeModule(
  instruments: Int = 1, params: [IRParam] = [], risk: [RiskLimit] = [],
  _ build: (inout IRBuilder) -> Void
) -> IRModule {
  let names = (0..<instruments).map { String(UnicodeScalar(UInt8(65 + $0))) }
  var builder = IRBuilder(
    module: IRModule(
      name: "test", instruments: names.map { IRInstrument(name: $0, symbol: "SYM\($0)") },
      params: params, risk: risk))
  build(&builder)
  return builder.module
}

/// A bar whose every field is `value` (close is what most tests read).
func bar(_ value: Double) -> Bar {
  Bar(open: value, high: value, low: value, close: value, volume: value)
}

extension IRBuilder {
  /// Adds a scalar slot of `type` starting at zero (or `initial`).
  mutating func scalar(_ name: String, _ type: IRType, initial: IRConstant? = nil) -> Int {
    let zero: IRConstant =
      switch type {
      case .f64: .f64(0)
      case .i64: .i64(0)
      case .bool: .bool(false)
      }
    return addSlot(Slot(name: name, kind: .scalar(type, initial: initial ?? zero)))
  }

  /// Stores `value` into `slot`, unconditionally or when `predicate` holds.
  mutating func store(_ value: ValueID, into slot: Int, if predicate: ValueID? = nil) {
    effect(.store, [value], imm: .slot(slot), predicate: predicate)
  }

  /// The close of instrument `instrument`.
  mutating func close(_ instrument: Int = 0) -> ValueID {
    emit(.field, .f64, imm: .field(instrument: instrument, .close))
  }
}

extension Interpreter {
  /// The 8-byte word at `offset` of the state record.
  func word(at offset: Int) -> UInt64 {
    let bytes = stateSnapshot()
    var value: UInt64 = 0
    for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * index) }
    return value
  }

  /// The f64 at `offset` of the state record.
  func double(at offset: Int) -> Double { Double(bitPattern: word(at: offset)) }

  /// The decisions of the last step, copied.
  var decisionList: [Decision] { Array(decisions) }
}

/// Byte offsets of each slot in `module`, in layout order.
func slotOffsets(_ module: IRModule) -> [Int] {
  var offsets: [Int] = []
  var offset = 0
  for slot in module.slots {
    offsets.append(offset)
    offset += slot.kind.byteSize
  }
  return offsets
}

/// Runs `op` once on constant operands and returns the result's bit pattern.
func evaluate(_ op: Opcode, _ type: IRType, _ args: [IRConstant]) throws -> UInt64 {
  let module = makeModule { b in
    let slot = b.scalar("out", type)
    let ids = args.map { b.constant($0) }
    let value = b.emit(op, type, ids)
    b.store(value, into: slot)
  }
  let interpreter = try Interpreter(module: module)
  _ = interpreter.step(timeNanos: 0)
  return interpreter.word(at: 0)
}

/// True when both are NaN (any payload) or both have the same bits.
func sameDouble(_ a: Double, _ b: Double) -> Bool {
  (a.isNaN && b.isNaN) || a.bitPattern == b.bitPattern
}

/// `|a − b| ≤ tolerance × max(|b|, 1e-300)`.
func isClose(_ a: Double, _ b: Double, relative tolerance: Double) -> Bool {
  abs(a - b) <= tolerance * Swift.max(abs(b), 1e-300)
}
