import Foundation
import StratABI
import StratIR

/// The reference executor: runs a module's step exactly as the opcode table and
/// `WindowSemantics.md` say. Every other backend must match its decisions and state bit for bit.
///
/// ```
///   init(module:)  ── translate + check ──▶  operations[]   (32-byte records, program order)
///                                            registers[]    (one UInt64 per IR value + consts)
///   setBar, setInput ──▶ inputs[instrument × InputField.count + field], seen[instrument]
///   step   ──▶ for op in operations: switch op.code { … } ──▶ state, decisions[0..<n]
/// ```
///
/// Ownership: the interpreter owns every buffer below and frees them in `deinit`. Nothing is
/// allocated, retained or released per step; `decisions` points into storage that the next
/// `step` or `reset` overwrites. An instance is not thread-safe: one thread drives it.
public final class Interpreter: StrategyExecutor {
  /// What the strategy declares, read from the module; `params` holds the current values.
  public private(set) var interface: StrategyInterface
  /// What the front end declared of each parameter; it says which may change between steps.
  public let parameterTable: ParameterTable

  private let operations: UnsafeMutablePointer<Operation>
  private let operationCount: Int
  /// Values as bit patterns: f64 bits, two's-complement i64, bool as 0/1.
  private let registers: UnsafeMutablePointer<UInt64>
  /// The state record; see `StateLayout`.
  private let state: UnsafeMutableRawPointer
  private let layout: StateRecord
  /// `InputField.count` f64 fields per instrument, in `InputField` order.
  private let inputs: UnsafeMutablePointer<Double>
  /// 1 once `setBar` has been called for the instrument since the last reset.
  private let seenFlags: UnsafeMutablePointer<UInt64>
  /// The parameter buffer the step reads: one 8-byte value per parameter, as native code's.
  private let parameters: UnsafeMutablePointer<UInt64>
  private let instrumentCount: Int
  private let decisionStorage: UnsafeMutablePointer<Decision>
  /// Decisions made by the last step (kept behind a pointer: no exclusivity check per step).
  private let decisionCount: UnsafeMutablePointer<Int>
  /// Each named IR value's register (its instruction's index) and type, in program order.
  let namedRegisters: [(name: String, register: Int, type: IRType)]

  /// Translates and checks `module`; throws when it cannot be run (a verifier would have
  /// rejected it).
  public init(module: IRModule) throws(InterpreterError) {
    let layout = try StateRecord(slots: module.slots)
    var translator = ProgramTranslator(module: module, layout: layout)
    let program = try translator.translate()
    do {
      interface = try StrategyInterface(module: module)
    } catch {
      switch error {
      case .badRiskInstrument(let instrument): throw .badRiskInstrument(instrument: instrument)
      }
    }
    self.layout = layout
    parameterTable = module.parameterTable
    namedRegisters = module.step.enumerated().compactMap { index, instruction in
      guard !instruction.name.isEmpty, let type = instruction.type else { return nil }
      return (instruction.name, index, type)
    }

    let operations = UnsafeMutablePointer<Operation>.allocate(
      capacity: max(1, program.operations.count))
    for (index, operation) in program.operations.enumerated() {
      (operations + index).initialize(to: operation)
    }
    self.operations = operations
    operationCount = program.operations.count

    let registers = UnsafeMutablePointer<UInt64>.allocate(capacity: program.registerCount)
    registers.initialize(repeating: 0, count: program.registerCount)
    for preload in program.preloads { registers[preload.register] = preload.bits }
    self.registers = registers

    state = .allocate(byteCount: max(8, layout.byteCount), alignment: 16)
    instrumentCount = module.instruments.count
    inputs = .allocate(capacity: max(1, instrumentCount * InputField.count))
    seenFlags = .allocate(capacity: max(1, instrumentCount))
    parameters = .allocate(capacity: max(1, module.params.count))
    parameters.initialize(repeating: 0, count: max(1, module.params.count))
    for (index, param) in module.params.enumerated() { parameters[index] = param.value.bits }
    let decisionCapacity = max(1, program.decisionCapacity)
    let decisionStorage = UnsafeMutablePointer<Decision>.allocate(capacity: decisionCapacity)
    decisionStorage.initialize(
      repeating: Decision(kind: .target, instrument: 0, quantity: 0), count: decisionCapacity)
    self.decisionStorage = decisionStorage
    decisionCount = .allocate(capacity: 1)
    decisionCount.initialize(to: 0)
    reset()
  }

  deinit {
    operations.deallocate()
    registers.deallocate()
    state.deallocate()
    inputs.deallocate()
    seenFlags.deallocate()
    parameters.deallocate()
    decisionStorage.deallocate()
    decisionCount.deallocate()
  }

  /// Decisions written by the last `step`, in program order; valid until the next call.
  public var decisions: UnsafeBufferPointer<Decision> {
    UnsafeBufferPointer(start: decisionStorage, count: decisionCount.pointee)
  }

  /// Zeroes the state, sets scalar slots to their initial constants, and forgets every bar.
  public func reset() {
    state.initializeMemory(as: UInt8.self, repeating: 0, count: max(8, layout.byteCount))
    for scalar in layout.scalarInitials {
      state.storeBytes(of: scalar.bits, toByteOffset: scalar.offset, as: UInt64.self)
    }
    inputs.initialize(repeating: 0, count: max(1, instrumentCount * InputField.count))
    InputField.initialize(inputs, instruments: instrumentCount)
    seenFlags.initialize(repeating: 0, count: max(1, instrumentCount))
    decisionCount.pointee = 0
  }

  /// Makes `bar` the last known bar of `instrument`; the index must be below the instrument
  /// count (a host bug otherwise).
  public func setBar(instrument: Int, bar: Bar) {
    precondition(
      instrument >= 0 && instrument < instrumentCount,
      "setBar: instrument \(instrument) is outside 0..<\(instrumentCount)")
    bar.write(into: inputs + instrument &* InputField.count)
    seenFlags[instrument] = 1
  }

  /// Sets one field of the instrument's input record.
  public func setInput(instrument: Int, field: InputField, value: Double) {
    precondition(
      instrument >= 0 && instrument < instrumentCount,
      "setInput: instrument \(instrument) is outside 0..<\(instrumentCount)")
    inputs[instrument &* InputField.count &+ field.rawValue] = value
  }

  /// Marks the instrument seen, as `setBar` does.
  public func markSeen(instrument: Int) {
    precondition(
      instrument >= 0 && instrument < instrumentCount,
      "markSeen: instrument \(instrument) is outside 0..<\(instrumentCount)")
    seenFlags[instrument] = 1
  }

  /// Puts `value` in the parameter buffer for the following steps; see `StrategyExecutor`.
  public func setParameter(_ value: ParameterInfo) throws(ParameterRefusal) {
    let index = try parameterTable.slot(for: value).get()
    parameters[index] = value.bufferBits
    interface.params[index] = value
  }

  /// The bit pattern register `index` holds after the last step.
  func registerBits(_ index: Int) -> UInt64 { registers[index] }

  /// Returns a copy of the state record (layout in `StateLayout`), for comparing backends.
  public func stateSnapshot() -> [UInt8] {
    Array(UnsafeRawBufferPointer(start: state, count: layout.byteCount))
  }

  /// Runs the step once at `timeNanos`; returns the number of decisions written.
  public func step(timeNanos: Int64) -> Int {
    let emitted = Self.run(
      operations, operations + operationCount, RegisterFile(registers), state, inputs, seenFlags,
      parameters, decisionStorage, timeNanos)
    decisionCount.pointee = emitted
    return emitted
  }
}
