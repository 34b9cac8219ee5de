import Foundation
import StratABI
import StratIR
import StratInterpreter

/// A strategy compiled to native code by LLVM and run in process: the same state record, input
/// record and decisions as the interpreter, which it must match bit for bit.
public final class JITExecutor: StrategyExecutor {
  public let interface: StrategyInterface
  private let compiled: JITCompiler
  private let state: UnsafeMutableRawPointer
  private let stateBytes: Int
  private let scalarInitials: [(offset: Int, bits: UInt64)]
  private let inputs: UnsafeMutablePointer<Double>
  private let seen: UnsafeMutablePointer<UInt64>
  private let instrumentCount: Int
  private let decisionStorage: UnsafeMutablePointer<Decision>
  private var decisionCount = 0

  /// Compiles `module`; throws when the module cannot be described or LLVM refuses the code.
  public init(module: IRModule, pipeline: String = "default<O2>") throws {
    interface = try StrategyInterface(module: module)
    compiled = try JITCompiler(text: LLVMText.module(module), name: module.name, pipeline: pipeline)
    stateBytes = module.stateBytes
    let offsets = LLVMText.slotOffsets(module)
    scalarInitials = module.slots.enumerated().compactMap { index, slot in
      guard case .scalar(_, let initial) = slot.kind else { return nil }
      return (offsets[index], UInt64(bitPattern: Int64(initial.asBits)!))
    }
    state = .allocate(byteCount: max(8, stateBytes), alignment: 16)
    instrumentCount = module.instruments.count
    inputs = .allocate(capacity: max(1, instrumentCount * InputField.count))
    seen = .allocate(capacity: max(1, instrumentCount))
    let capacity = max(1, module.step.filter { $0.op.isDecision }.count)
    decisionStorage = .allocate(capacity: capacity)
    decisionStorage.initialize(repeating: Decision(kind: .target, instrument: 0, quantity: 0), count: capacity)
    reset()
  }

  deinit {
    state.deallocate()
    inputs.deallocate()
    seen.deallocate()
    decisionStorage.deallocate()
  }

  public var decisions: UnsafeBufferPointer<Decision> {
    UnsafeBufferPointer(start: decisionStorage, count: decisionCount)
  }

  public func reset() {
    state.initializeMemory(as: UInt8.self, repeating: 0, count: max(8, stateBytes))
    for scalar in scalarInitials { state.storeBytes(of: scalar.bits, toByteOffset: scalar.offset, as: UInt64.self) }
    for i in 0..<instrumentCount {
      for field in InputField.allFields { inputs[i * InputField.count + field.rawValue] = field.initialValue }
    }
    seen.initialize(repeating: 0, count: max(1, instrumentCount))
    decisionCount = 0
  }

  public func setBar(instrument: Int, bar: Bar) {
    let fields = inputs + instrument * InputField.count
    fields[InputField.open.rawValue] = bar.open
    fields[InputField.high.rawValue] = bar.high
    fields[InputField.low.rawValue] = bar.low
    fields[InputField.close.rawValue] = bar.close
    fields[InputField.volume.rawValue] = bar.volume
    seen[instrument] = 1
  }

  public func setInput(instrument: Int, field: InputField, value: Double) {
    inputs[instrument * InputField.count + field.rawValue] = value
  }

  public func markSeen(instrument: Int) { seen[instrument] = 1 }

  public func step(timeNanos: Int64) -> Int {
    decisionCount = Int(compiled.step(state, inputs, seen, timeNanos, UnsafeMutableRawPointer(decisionStorage)))
    return decisionCount
  }

  /// A copy of the state record, for comparing with the interpreter's.
  public func stateSnapshot() -> [UInt8] {
    Array(UnsafeRawBufferPointer(start: state, count: stateBytes))
  }
}

extension Opcode {
  /// True for the effects that write a decision record.
  var isDecision: Bool {
    switch self {
    case .target, .market, .limit, .ioc, .replace, .cancel: true
    default: false
    }
  }
}
