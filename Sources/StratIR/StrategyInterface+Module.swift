import StratABI

extension StrategyInterface {
  /// Describes `module` to a host: instruments, parameters with their kinds and bound values,
  /// state size, and risk limits.
  ///
  /// When a limit is declared more than once the strictest applies: a per-instrument position
  /// limit and a limit for every instrument (`instrument: nil`) combine to the smaller one, and
  /// repeated quantity, notional, loss and band limits to their minimum. A repeated order-rate
  /// limit keeps the one with the lowest rate (count per nanosecond).
  public init(module: IRModule) throws(InterfaceError) {
    let instruments = module.instruments.map { InstrumentBinding(name: $0.name, symbol: $0.symbol) }
    self.init(
      name: module.name, instruments: instruments, params: module.params.map(\.info), stateBytes: module.stateBytes,
      risk: try RiskLimits(module.risk, instrumentCount: module.instruments.count),
      inputFields: module.inputFields)
  }
}

extension RiskLimits {
  /// Folds the declared limits into one record, the strictest winning.
  init(_ limits: [RiskLimit], instrumentCount: Int) throws(InterfaceError) {
    self.init(maxPosition: Array(repeating: nil, count: instrumentCount))
    for limit in limits {
      switch limit {
      case .maxPosition(let instrument?, let value):
        guard instrument >= 0, instrument < instrumentCount else {
          throw .badRiskInstrument(instrument: instrument)
        }
        maxPosition[instrument] = Self.strictest(maxPosition[instrument], value)
      case .maxPosition(nil, let value):
        for index in maxPosition.indices {
          maxPosition[index] = Self.strictest(maxPosition[index], value)
        }
      case .maxOrderQuantity(let value):
        maxOrderQuantity = Self.strictest(maxOrderQuantity, value)
      case .maxOrderNotional(let value):
        maxOrderNotional = Self.strictest(maxOrderNotional, value)
      case .maxDailyLoss(let value):
        maxDailyLoss = Self.strictest(maxDailyLoss, value)
      case .priceBand(let value):
        priceBand = Self.strictest(priceBand, value)
      case .orderRate(let count, let windowNanos):
        if let current = maxOrders, let currentWindow = orderRateWindowNanos,
          Double(current) * Double(windowNanos) <= Double(count) * Double(currentWindow)
        {
          continue
        }
        maxOrders = count
        orderRateWindowNanos = windowNanos
      }
    }
  }

  private static func strictest(_ current: Double?, _ new: Double) -> Double {
    guard let current else { return new }
    return Swift.min(current, new)
  }
}

/// Why a module cannot be described to a host (the verifier reports the same as an error).
public enum InterfaceError: Error, Equatable, CustomStringConvertible {
  /// A risk limit names an instrument the strategy does not have.
  case badRiskInstrument(instrument: Int)

  public var description: String {
    switch self {
    case .badRiskInstrument(let i): "a risk limit names instrument \(i), which the strategy does not have"
    }
  }
}
