/// What a strategy costs, read off its IR without running it: state size, work per step, the
/// longest history it reads and how long it must warm up.
public struct StaticReport: Sendable, Equatable {
  /// One slot of the state record and its size.
  public struct SlotSize: Sendable, Equatable {
    /// The slot's name.
    public var name: String
    /// The slot's kind.
    public var kind: SlotKind
    /// Bytes the slot occupies.
    public var bytes: Int
  }

  /// The strategy's name.
  public var strategy: String
  /// Bytes of per-instance state: the sum of `slots`.
  public var stateBytes: Int
  /// Every slot, in layout order.
  public var slots: [SlotSize]
  /// Instructions run per step, not counting `const` and `param` (which cost nothing at run time).
  public var operationsPerStep: Int
  /// Stores, pushes and decisions per step.
  public var effectsPerStep: Int
  /// The longest lag read: the largest k of any `lag` (x[k] is k steps ago), 0 when none.
  public var longestLag: Int
  /// The largest capacity of a window, pair window or ema slot, or 0 when there is none.
  public var longestWindow: Int
  /// Steps before every value is defined (the module's `warmupSteps`).
  public var warmupSteps: Int
  /// Number of instruments the strategy reads.
  public var instrumentCount: Int
  /// The parameters with their bound values, in declaration order.
  public var params: [IRParam]

  /// Computes the report of `module`.
  public init(module: IRModule) {
    strategy = module.name
    slots = module.slots.map { SlotSize(name: $0.name, kind: $0.kind, bytes: $0.kind.byteSize) }
    stateBytes = module.stateBytes
    operationsPerStep = module.step.count { $0.op != .const && $0.op != .param }
    effectsPerStep = module.step.count { $0.op.isEffect }
    longestLag = module.step.reduce(0) { longest, instruction in
      guard instruction.op == .lag, case .lag(_, let k) = instruction.imm else { return longest }
      return max(longest, k)
    }
    longestWindow = module.slots.reduce(0) { longest, slot in
      switch slot.kind {
      case .window(let n), .pairWindow(let n), .ema(let n): max(longest, n)
      case .scalar, .ring: longest
      }
    }
    warmupSteps = module.warmupSteps
    instrumentCount = module.instruments.count
    params = module.params
  }
}
