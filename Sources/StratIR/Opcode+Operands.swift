/// The kinds of non-value operand (`Immediate`) an instruction can carry.
public enum ImmediateKind: String, Sendable, Equatable, CaseIterable {
  case none, constant, slot, lag, instrument, field, param
}

extension Immediate {
  /// The immediate's kind.
  public var kind: ImmediateKind {
    switch self {
    case .none: .none
    case .constant: .constant
    case .slot: .slot
    case .lag: .lag
    case .instrument: .instrument
    case .field: .field
    case .param: .param
    }
  }

  /// The slot the immediate names (for `.slot` and `.lag`), or nil.
  public var slotIndex: Int? {
    switch self {
    case .slot(let s), .lag(let s, _): s
    default: nil
    }
  }

  /// The same immediate with its slot index replaced through `map` (other kinds unchanged).
  public func mappingSlot(_ map: (Int) -> Int) -> Immediate {
    switch self {
    case .slot(let s): .slot(map(s))
    case .lag(let s, let k): .lag(slot: map(s), k: k)
    default: self
    }
  }
}

extension Opcode {
  /// The immediate kind the opcode requires (read by the verifier and the text parser).
  public var immediateKind: ImmediateKind {
    switch self {
    case .const: .constant
    case .field: .field
    case .seen, .target, .market, .limit, .ioc, .replace, .cancel: .instrument
    case .param: .param
    case .load, .store, .push, .count, .sum, .mean, .varp, .vars, .min, .max, .cov, .corr, .slope,
      .intercept, .ema:
      .slot
    case .lag: .lag
    default: .none
    }
  }

  /// True for the non-effect instructions that read a slot (loads and buffer reads): their value
  /// depends on the stores and pushes to that slot that run before them.
  public var readsSlot: Bool {
    switch self {
    case .load, .lag, .count, .sum, .mean, .varp, .vars, .min, .max, .cov, .corr, .slope,
      .intercept, .ema:
      true
    default: false
    }
  }

  /// True for the effects that change a slot (`store`, `push`).
  public var writesSlot: Bool { self == .store || self == .push }

  /// Returns true when the opcode may name a slot of `kind`: loads and stores take scalars, `lag`
  /// a ring or window, `count` any buffer, statistics a window, pair statistics a pair window.
  public func accepts(_ kind: SlotKind) -> Bool {
    switch (self, kind) {
    case (.load, .scalar), (.store, .scalar): true
    case (.push, .ring), (.push, .window), (.push, .pairWindow), (.push, .ema): true
    case (.lag, .ring), (.lag, .window): true
    case (.count, .ring), (.count, .window), (.count, .pairWindow), (.count, .ema): true
    case (.sum, .window), (.mean, .window), (.varp, .window), (.vars, .window), (.min, .window),
      (.max, .window):
      true
    case (.cov, .pairWindow), (.corr, .pairWindow), (.slope, .pairWindow),
      (.intercept, .pairWindow):
      true
    case (.ema, .ema): true
    default: false
    }
  }
}

extension SlotKind {
  /// True for every kind but `scalar`: the kinds written by `push`.
  public var isBuffer: Bool {
    if case .scalar = self { return false }
    return true
  }

  /// The number of f64 values one `push` to this kind takes (2 for a pair window), or nil for a
  /// scalar.
  public var pushArity: Int? {
    switch self {
    case .scalar: nil
    case .pairWindow: 2
    case .ring, .window, .ema: 1
    }
  }
}
