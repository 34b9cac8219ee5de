import StratABI
/// The IR: the contract between the front end and every backend.
///
/// A strategy is a fixed-layout state record (`slots`), parameters, instrument inputs and one step
/// function: typed SSA in a single block whose side effects (stores, window pushes, decisions)
/// carry an optional predicate instead of branches. No allocation, no loops, no calls: every
/// backend (interpreter, LLVM, HLS) can run it with state sized at compile time.
///
/// Initial state ("init") is given by the slot declarations: scalars start at their initial
/// constant, every buffer and accumulator at zero.
public struct IRModule: Sendable, Equatable {
  /// The strategy's name (`strategy @pairs`).
  public var name: String
  /// Instruments in input order, each with its default symbol.
  public var instruments: [IRInstrument]
  /// Parameters in declaration order, with their bound values.
  public var params: [IRParam]
  /// The state record, in layout order.
  public var slots: [Slot]
  /// Risk limits the runtime enforces before every order.
  public var risk: [RiskLimit]
  /// Steps after every instrument has been seen before all values are defined (static warm-up).
  public var warmupSteps: Int
  /// The step function's instructions; a value is referred to by its instruction's index.
  public var step: [Instruction]
  /// What the front end knows of each parameter (type, unit, range, whether it sizes the
  /// state), in the order of `params`; nil when the module was not compiled from source (an IR
  /// file). Not part of the IR text. Read it through `parameterTable`.
  public var declaredParameters: ParameterTable?

  public init(
    name: String, instruments: [IRInstrument] = [], params: [IRParam] = [], slots: [Slot] = [],
    risk: [RiskLimit] = [], warmupSteps: Int = 0, step: [Instruction] = []
  ) {
    self.name = name
    self.instruments = instruments
    self.params = params
    self.slots = slots
    self.risk = risk
    self.warmupSteps = warmupSteps
    self.step = step
  }

  /// Bytes of per-instance state: the sum of every slot's size.
  public var stateBytes: Int { slots.reduce(0) { $0 + $1.kind.byteSize } }

  /// The parameter table: the front end's, or what the values alone say.
  public var parameterTable: ParameterTable {
    declaredParameters ?? ParameterTable(derivedFrom: params.map(\.info))
  }

  /// The state record's layout: every slot's offset and fields.
  public var stateLayout: StateLayout { StateLayout(shapes: slots.map(\.kind.shape)) }
}

/// An index into `IRModule.step`: the instruction that defines the value.
public typealias ValueID = Int

/// The three value types of the IR.
public enum IRType: String, Sendable, Equatable, CaseIterable {
  case f64, i64, bool
}

/// A constant of one of the IR's types. Equality compares floating-point bit patterns.
public enum IRConstant: Sendable, Equatable {
  case f64(Double)
  case i64(Int64)
  case bool(Bool)

  /// The constant's type.
  public var type: IRType {
    switch self {
    case .f64: .f64
    case .i64: .i64
    case .bool: .bool
    }
  }

  public static func == (lhs: IRConstant, rhs: IRConstant) -> Bool {
    switch (lhs, rhs) {
    case (.f64(let a), .f64(let b)): a.bitPattern == b.bitPattern
    case (.i64(let a), .i64(let b)): a == b
    case (.bool(let a), .bool(let b)): a == b
    default: false
    }
  }
}

/// A strategy instrument: the name rules use and the symbol it binds to unless overridden.
public struct IRInstrument: Sendable, Equatable {
  public var name: String
  public var symbol: String

  public init(name: String, symbol: String) {
    self.name = name
    self.symbol = symbol
  }
}

/// A parameter: a named constant of the run, readable by the step through `param`.
public struct IRParam: Sendable, Equatable {
  public var name: String
  public var value: IRConstant

  public init(name: String, value: IRConstant) {
    self.name = name
    self.value = value
  }

  /// The parameter as a host sees it: kind and value.
  public var info: ParameterInfo {
    switch value {
    case .f64(let value): ParameterInfo(name: name, kind: .float, value: value)
    case .i64(let value): ParameterInfo(name: name, integer: value)
    case .bool(let value): ParameterInfo(name: name, kind: .bool, value: value ? 1 : 0)
    }
  }
}

/// One named slot of the state record.
public struct Slot: Sendable, Equatable {
  public var name: String
  public var kind: SlotKind

  public init(name: String, kind: SlotKind) {
    self.name = name
    self.kind = kind
  }
}

/// The kinds of state. Buffer arithmetic is specified exactly in `WindowSemantics.md` (next to
/// this file) so that every backend performs the same floating-point operations in the same order.
public enum SlotKind: Sendable, Equatable {
  /// One value that persists between steps.
  case scalar(IRType, initial: IRConstant)
  /// The last `capacity` pushed f64 values, for lags.
  case ring(capacity: Int)
  /// A ring plus rolling sums of (v − shift) and (v − shift)², for one-variable statistics.
  case window(capacity: Int)
  /// Two rings plus rolling sums for covariance, correlation and OLS of y on x.
  case pairWindow(capacity: Int)
  /// An exponential moving average with alpha = 2 ÷ (period + 1).
  case ema(period: Int)

  /// Bytes the slot occupies in the state record (`StateLayout`, in StratABI).
  public var byteSize: Int { shape.byteCount }

  /// The slot's shape in the state record.
  public var shape: SlotShape {
    switch self {
    case .scalar: .scalar
    case .ring(let n): .ring(n)
    case .window(let n): .window(n)
    case .pairWindow(let n): .pairWindow(n)
    case .ema(let n): .ema(n)
    }
  }

  /// The number of values a buffer holds (its window length), or nil for a scalar.
  public var capacity: Int? {
    switch self {
    case .scalar: nil
    case .ring(let n), .window(let n), .pairWindow(let n), .ema(let n): n
    }
  }
}

/// A risk limit declared by the strategy; the runtime checks it before every order.
public enum RiskLimit: Sendable, Equatable {
  /// Largest absolute position of one instrument (nil = every instrument), in units.
  case maxPosition(instrument: Int?, Double)
  /// Largest absolute quantity of one order.
  case maxOrderQuantity(Double)
  /// Largest price × quantity of one order.
  case maxOrderNotional(Double)
  /// Largest marked-to-market loss within one UTC day.
  case maxDailyLoss(Double)
  /// Largest relative distance of an order price from the last price (0.05 = 5 %).
  case priceBand(Double)
  /// At most `count` orders in any window of `windowNanos`.
  case orderRate(count: Int, windowNanos: Int64)
}

extension IRModule {
  /// The input fields the step reads, in record order, whatever instrument they belong to.
  public var inputFields: [InputField] {
    var fields = Set<InputField>()
    for instruction in step {
      if case .field(_, let field) = instruction.imm { fields.insert(field) }
    }
    return fields.sorted()
  }
}
