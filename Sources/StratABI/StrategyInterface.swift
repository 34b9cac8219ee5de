/// The static description of a compiled strategy: everything a host needs besides the code.
public struct StrategyInterface: Sendable, Equatable {
  /// The strategy's declared name.
  public var name: String
  /// Instruments in input-record order, with the symbol each binds to by default.
  public var instruments: [InstrumentBinding]
  /// Parameters with the values this instance was built with.
  public var params: [ParameterInfo]
  /// Bytes of per-instance state (ring buffers, accumulators, state variables).
  public var stateBytes: Int
  /// Risk limits declared in the strategy; the runtime enforces them before every order.
  public var risk: RiskLimits
  /// The input fields the strategy reads, in record order: tells the runtime whether it needs an
  /// order book, trades or bars, and which fields it must fill.
  public var inputFields: [InputField]

  public init(
    name: String, instruments: [InstrumentBinding], params: [ParameterInfo], stateBytes: Int,
    risk: RiskLimits, inputFields: [InputField] = []
  ) {
    self.name = name
    self.instruments = instruments
    self.params = params
    self.stateBytes = stateBytes
    self.risk = risk
    self.inputFields = inputFields
  }
}

/// A strategy instrument name and the market symbol it is bound to.
public struct InstrumentBinding: Sendable, Equatable {
  public var name: String
  public var symbol: String

  public init(name: String, symbol: String) {
    self.name = name
    self.symbol = symbol
  }
}

/// A parameter's name and value. `value` is a Double for every kind (Bool as 0 or 1); an `Int`
/// also keeps its exact value in `integer`, since a Double holds only 53 bits.
public struct ParameterInfo: Sendable, Equatable {
  public enum Kind: String, Sendable { case int, float, bool }
  public var name: String
  public var kind: Kind
  public var value: Double
  /// The exact value of an `Int` parameter.
  public var integer: Int64?

  public init(name: String, kind: Kind, value: Double) {
    self.name = name
    self.kind = kind
    self.value = value
    if kind == .int { integer = Int64(exactly: value.rounded(.towardZero)) }
  }

  /// An `Int` parameter, exactly.
  public init(name: String, integer: Int64) {
    self.init(name: name, kind: .int, value: Double(integer))
    self.integer = integer
  }
}

/// Limits the runtime checks before every order. `nil` means no limit.
public struct RiskLimits: Sendable, Equatable {
  /// Largest absolute position per instrument, in units; index = instrument, nil = none.
  public var maxPosition: [Double?]
  /// Largest absolute quantity of one order, in units.
  public var maxOrderQuantity: Double?
  /// Largest notional (price × quantity) of one order, in currency.
  public var maxOrderNotional: Double?
  /// Largest loss in one UTC day (marked to market) before trading stops for that day.
  public var maxDailyLoss: Double?
  /// Largest relative distance of an order's price from the last trade (0.05 = 5 %).
  public var priceBand: Double?
  /// Most orders in any window of `orderRateWindowNanos`.
  public var maxOrders: Int?
  public var orderRateWindowNanos: Int64?

  public init(
    maxPosition: [Double?] = [], maxOrderQuantity: Double? = nil, maxOrderNotional: Double? = nil,
    maxDailyLoss: Double? = nil, priceBand: Double? = nil, maxOrders: Int? = nil,
    orderRateWindowNanos: Int64? = nil
  ) {
    self.maxPosition = maxPosition
    self.maxOrderQuantity = maxOrderQuantity
    self.maxOrderNotional = maxOrderNotional
    self.maxDailyLoss = maxDailyLoss
    self.priceBand = priceBand
    self.maxOrders = maxOrders
    self.orderRateWindowNanos = orderRateWindowNanos
  }
}
