import StratRuntime
import StratMarket

extension BacktestResult {
  /// The text summary's returns lines: figures in percent, `-` where not annualised.
  func returnsLines(_ r: ReturnMetrics) -> [String] {
    let s = r.strategy
    var lines = [
      "returns   total \(Self.percent(s.totalReturn))   cagr \(Self.percent(s.cagr))   "
        + "volatility \(Self.percent(s.volatility))   sharpe \(Self.ratio(s.sharpe))   "
        + "sortino \(Self.ratio(s.sortino))   max drawdown \(Self.percent(s.maxDrawdown))   "
        + "on capital \(r.capital)",
      "          \(s.note)",
      "trips     \(r.trips.count) closed, \(r.trips.openLots) open   hit rate "
        + "\(Self.percent(r.trips.hitRate))   profit factor \(Self.ratio(r.trips.profitFactor))   "
        + "exposure \(Self.percent(r.exposure))",
    ]
    if let b = r.benchmark {
      lines.append(
        "benchmark buy and hold: total \(Self.percent(b.totalReturn))   cagr \(Self.percent(b.cagr))   "
          + "sharpe \(Self.ratio(b.sharpe))   max drawdown \(Self.percent(b.maxDrawdown))"
      )
    }
    return lines
  }

  /// A fraction as a percentage with two decimals, `missing` for nil.
  static func percent(_ value: Double?, missing: String = "-") -> String {
    guard let value, value.isFinite else { return missing }
    return BacktestMetrics.fixed(value * 100, 2) + "%"
  }

  /// A ratio with two decimals, `missing` for nil.
  static func ratio(_ value: Double?, missing: String = "-") -> String {
    guard let value, value.isFinite else { return missing }
    return BacktestMetrics.fixed(value, 2)
  }
}
