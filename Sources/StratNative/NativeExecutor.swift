internal import CStratc
import StratABI

/// Runs native code (JIT or AOT) as a `StrategyExecutor`: one instance's state record, parameter
/// table, input record and decision buffer, all allocated once; `step` is one indirect call.
public final class NativeExecutor: StrategyExecutor {
  /// What the code declares; `params` holds the current values.
  public private(set) var interface: StrategyInterface
  /// What is known of each parameter: the front end's table when the host has it, else the
  /// descriptor's names and kinds (nothing then marked as sizing the state).
  public let parameterTable: ParameterTable
  public let code: NativeCode
  @usableFromInline let state: UnsafeMutableRawPointer
  private let stateBytes: Int
  /// The parameter table: one 8-byte `stratc_value` per parameter.
  @usableFromInline let params: UnsafeMutableRawPointer
  @usableFromInline let inputs: UnsafeMutablePointer<Double>
  @usableFromInline let seen: UnsafeMutablePointer<UInt64>
  @usableFromInline let instrumentCount: Int
  @usableFromInline let decisionStorage: UnsafeMutablePointer<Decision>
  /// The last step's decision count; behind a pointer, so that a step pays no exclusivity check.
  @usableFromInline let decisionCount: UnsafeMutablePointer<Int>

  /// An instance of `code` with `parameters` (by name; the values the code was built with when
  /// nil) and instrument symbols `symbols` (by index; the built ones when nil). Throws when a
  /// parameter is unknown or of another kind. `parameterTable` is the front end's table for
  /// the code (the descriptor carries names and kinds only); it tells `setParameter` which
  /// parameters size the state.
  public init(
    code: NativeCode, parameters: [ParameterInfo]? = nil, symbols: [String]? = nil,
    parameterTable: ParameterTable? = nil
  ) throws(NativeExecutorError) {
    self.code = code
    var interface = code.interface
    let derived = ParameterTable(derivedFrom: interface.params)
    self.parameterTable =
      parameterTable.map { $0.entries.map(\.name) == derived.entries.map(\.name) ? $0 : derived } ?? derived
    if let parameters { interface.params = try Self.bind(parameters, to: interface.params) }
    if let symbols, symbols.count == interface.instruments.count {
      for (i, symbol) in symbols.enumerated() { interface.instruments[i].symbol = symbol }
    }
    self.interface = interface
    stateBytes = interface.stateBytes
    instrumentCount = interface.instruments.count
    state = .allocate(byteCount: max(8, stateBytes), alignment: max(16, code.stateAlignment))
    params = .allocate(byteCount: 8 * max(1, interface.params.count), alignment: 8)
    for (i, p) in interface.params.enumerated() { params.storeBytes(of: Self.value(p), toByteOffset: 8 * i, as: stratc_value.self) }
    inputs = .allocate(capacity: max(1, instrumentCount * InputField.count))
    seen = .allocate(capacity: max(1, instrumentCount))
    decisionCount = .allocate(capacity: 1)
    decisionCount.initialize(to: 0)
    decisionStorage = .allocate(capacity: max(1, code.maxDecisions))
    decisionStorage.initialize(repeating: Decision(kind: .target, instrument: 0, quantity: 0), count: max(1, code.maxDecisions))
    reset()
  }

  /// Bytes this instance allocates beside the shared code: state record, parameter table,
  /// input record, seen flags and decision buffer.
  public var instanceBytes: Int {
    max(8, stateBytes) + 8 * max(1, interface.params.count) + 8 * max(1, instrumentCount * InputField.count)
      + 8 * max(1, instrumentCount) + MemoryLayout<Decision>.stride * max(1, code.maxDecisions) + 8
  }

  deinit {
    state.deallocate()
    params.deallocate()
    inputs.deallocate()
    seen.deallocate()
    decisionStorage.deallocate()
    decisionCount.deallocate()
  }

  /// The parameter's 8-byte value as the step reads it.
  static func value(_ p: ParameterInfo) -> stratc_value {
    switch p.kind {
    case .float: stratc_value(f: p.value)
    case .int: stratc_value(i: p.integer ?? Int64(exactly: p.value.rounded(.towardZero)) ?? 0)
    case .bool: stratc_value(i: p.value != 0 ? 1 : 0)
    }
  }

  /// `declared` with the values of `given`, matched by name and kind.
  static func bind(_ given: [ParameterInfo], to declared: [ParameterInfo]) throws(NativeExecutorError) -> [ParameterInfo] {
    var result = declared
    for p in given {
      guard let i = result.firstIndex(where: { $0.name == p.name }) else { throw .unknownParameter(p.name) }
      guard result[i].kind == p.kind else { throw .parameterKind(p.name, declared: result[i].kind, given: p.kind) }
      result[i].value = p.value
      result[i].integer = p.integer
    }
    return result
  }

  // The per-event methods are inlinable so that a host's specialised loop makes no call but
  // the step itself.
  @inlinable public var decisions: UnsafeBufferPointer<Decision> {
    UnsafeBufferPointer(start: decisionStorage, count: decisionCount.pointee)
  }

  public func reset() {
    code.initialize(state)
    InputField.initialize(inputs, instruments: instrumentCount)
    seen.initialize(repeating: 0, count: max(1, instrumentCount))
    decisionCount.pointee = 0
  }

  @inlinable public func setBar(instrument: Int, bar: Bar) {
    precondition(instrument >= 0 && instrument < instrumentCount, "setBar: instrument \(instrument) is outside 0..<\(instrumentCount)")
    bar.write(into: inputs + instrument &* InputField.count)
    seen[instrument] = 1
  }

  @inlinable public func setInput(instrument: Int, field: InputField, value: Double) {
    precondition(instrument >= 0 && instrument < instrumentCount, "setInput: instrument \(instrument) is outside 0..<\(instrumentCount)")
    inputs[instrument &* InputField.count + field.rawValue] = value
  }

  @inlinable public func markSeen(instrument: Int) {
    precondition(instrument >= 0 && instrument < instrumentCount, "markSeen: instrument \(instrument) is outside 0..<\(instrumentCount)")
    seen[instrument] = 1
  }

  @inlinable public func step(timeNanos: Int64) -> Int {
    // The code writes `stratc_decision` records, whose layout is `Decision`'s (checked in tests).
    let count = Int(code.step(state, params, inputs, seen, timeNanos, UnsafeMutableRawPointer(decisionStorage)))
    decisionCount.pointee = count
    return count
  }

  /// Puts `value` in the parameter table the code reads, for the following steps.
  public func setParameter(_ value: ParameterInfo) throws(ParameterRefusal) {
    let index = try parameterTable.slot(for: value).get()
    params.storeBytes(of: Self.value(value), toByteOffset: ObjectABI.parameterBytes * index, as: stratc_value.self)
    interface.params[index] = value
  }

  /// The state record, for a hot-load to carry slots from an older version's (on the thread
  /// that steps this executor, between steps).
  public func withState<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
    try body(UnsafeMutableRawBufferPointer(start: state, count: stateBytes))
  }

  /// Copies `other`'s input record and seen flags (a hot-loaded version then starts from what the
  /// running one saw: book levels, the last trade, order state). Same instrument count only.
  public func copyInputs(from other: NativeExecutor) {
    guard other.instrumentCount == instrumentCount else { return }
    inputs.update(from: other.inputs, count: max(1, instrumentCount * InputField.count))
    seen.update(from: other.seen, count: max(1, instrumentCount))
  }

  /// Bytes of the input record as `saveInputs` writes it: the inputs, then the seen flags.
  public var inputRecordBytes: Int { 8 * max(1, instrumentCount * InputField.count) + 8 * max(1, instrumentCount) }

  /// Writes the input record (what the last step read) to `to` (`inputRecordBytes` bytes): a
  /// warm-up ring keeps recent ones to replay into a new version.
  @inlinable public func saveInputs(to: UnsafeMutableRawPointer) {
    let inputBytes = 8 * max(1, instrumentCount &* InputField.count)
    to.copyMemory(from: inputs, byteCount: inputBytes)
    (to + inputBytes).copyMemory(from: seen, byteCount: 8 * max(1, instrumentCount))
  }

  /// Replaces the input record with one `saveInputs` wrote (of an executor with as many
  /// instruments); the next `step` reads it.
  @inlinable public func loadInputs(from: UnsafeRawPointer) {
    let inputBytes = 8 * max(1, instrumentCount &* InputField.count)
    UnsafeMutableRawPointer(inputs).copyMemory(from: from, byteCount: inputBytes)
    UnsafeMutableRawPointer(seen).copyMemory(from: from + inputBytes, byteCount: 8 * max(1, instrumentCount))
  }

  /// A copy of the state record, for comparing with the interpreter's.
  public func stateSnapshot() -> [UInt8] {
    Array(UnsafeRawBufferPointer(start: state, count: stateBytes))
  }
}

/// A parameter the host passed that the code does not declare as given.
public enum NativeExecutorError: Error, Equatable, CustomStringConvertible {
  case unknownParameter(String)
  case parameterKind(String, declared: ParameterInfo.Kind, given: ParameterInfo.Kind)

  public var description: String {
    switch self {
    case .unknownParameter(let name): "the compiled strategy has no parameter `\(name)`"
    case .parameterKind(let name, let declared, let given):
      "parameter `\(name)` is \(declared.rawValue) in the compiled strategy, given \(given.rawValue)"
    }
  }
}
