import StratRuntime
import StratMarket

extension BacktestResult {
  /// Annualised Sortino ratio of per-step equity changes: like `BacktestMetrics.sharpe` (same
  /// Δₖ and annualisation), but divided by the downside deviation √(Σ min(Δₖ, 0)² ÷ n), so that
  /// gains do not count as risk. 0 with fewer than 2 steps or no losing step. Order-book runs
  /// take the equity at the end of each minute, as their Sharpe ratio does.
  public var sortino: Double {
    guard venue != nil else { return Self.sortino(stepTimes: stepTimes, equity: equity) }
    let (times, values) = BacktestMetrics.lastPerMinute(stepTimes, equity)
    return Self.sortino(stepTimes: times, equity: values)
  }

  static func sortino(stepTimes: [Int64], equity: [Money]) -> Double {
    let n = equity.count
    guard n >= 2, stepTimes.count == n else { return 0 }
    var sum = 0.0
    var downside = 0.0
    var previous: Int64 = 0
    for e in equity {
      let change = Double(e.raw &- previous) / 1e8
      sum += change
      if change < 0 { downside += change * change }
      previous = e.raw
    }
    let deviation = (downside / Double(n)).squareRoot()
    guard deviation > 0, deviation.isFinite else { return 0 }
    let periods = BacktestMetrics.periodsPerYear(stepTimes: stepTimes)
    return sum / Double(n) / deviation * periods.squareRoot()
  }
}
