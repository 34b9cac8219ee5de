import StratRuntime
import StratMarket

/// Summary numbers of a backtest. Money figures are exact; only the Sharpe ratio is a Double.
///
/// Sharpe: with Δₖ = equityₖ − equityₖ₋₁ over the steps (equity before the first step is 0),
/// `sharpe = mean(Δ) ÷ stdev(Δ) × √P` with the sample standard deviation (n − 1), where
/// `P = 252` if the median spacing between steps is at least 20 hours (daily bars), else
/// `P = 252 × 23,400 s ÷ median spacing in seconds` (steps in a year of 6.5-hour sessions).
/// It is 0 when there are fewer than 2 steps or the deviation is 0. It is computed on P&L in
/// currency, not on returns, since a backtest here has no capital base.
public struct BacktestMetrics: Sendable, Equatable {
  /// Final equity: cash + positions at their last close, after fees.
  public var pnl: Money
  /// Total fees.
  public var fees: Money
  /// Number of fills.
  public var trades: Int
  /// Σ |price × quantity| over fills.
  public var turnover: Money
  /// Annualised Sharpe ratio of per-step equity changes (see the type's documentation).
  public var sharpe: Double
  /// Largest fall of equity from a running peak (the peak starts at 0), as a positive amount.
  public var maxDrawdown: Money
  /// Bars fed to the strategy.
  public var events: Int
  /// Evaluation steps (distinct timestamps).
  public var steps: Int
  /// Orders rejected by risk checks or invalid decisions.
  public var rejected: Int
  /// Orders still pending at the end of the data.
  public var unfilled: Int
  /// Time of the first and last step, nil without steps.
  public var firstTime: Int64?
  /// Time of the last step.
  public var lastTime: Int64?

  /// Computes the metrics that derive from the equity curve; the caller supplies the counts,
  /// and the Sharpe ratio when it takes it on other steps (book runs: once a minute).
  static func compute(
    stepTimes: [Int64],
    equity: [Money],
    ledger: Ledger,
    events: Int,
    rejected: Int,
    unfilled: Int,
    sharpe given: Double? = nil
  ) -> BacktestMetrics {
    BacktestMetrics(
      pnl: equity.last ?? .zero,
      fees: ledger.fees,
      trades: ledger.fills.count,
      turnover: ledger.turnover,
      sharpe: given ?? sharpe(stepTimes: stepTimes, equity: equity),
      maxDrawdown: maxDrawdown(equity),
      events: events,
      steps: stepTimes.count,
      rejected: rejected,
      unfilled: unfilled,
      firstTime: stepTimes.first,
      lastTime: stepTimes.last
    )
  }

  /// The annualised Sharpe ratio (see the type's documentation).
  static func sharpe(stepTimes: [Int64], equity: [Money]) -> Double {
    let n = equity.count
    guard n >= 2, stepTimes.count == n else { return 0 }
    var sum = 0.0
    var previous: Int64 = 0
    for e in equity {
      sum += Double(e.raw &- previous) / 1e8
      previous = e.raw
    }
    let mean = sum / Double(n)
    var squares = 0.0
    previous = 0
    for e in equity {
      let d = Double(e.raw &- previous) / 1e8 - mean
      squares += d * d
      previous = e.raw
    }
    let deviation = (squares / Double(n - 1)).squareRoot()
    guard deviation > 0, deviation.isFinite else { return 0 }
    return mean / deviation * periodsPerYear(stepTimes: stepTimes).squareRoot()
  }

  /// The last equity of each minute that has a step, with its time.
  static func lastPerMinute(_ times: [Int64], _ equity: [Money]) -> ([Int64], [Money]) {
    var outTimes: [Int64] = []
    var outEquity: [Money] = []
    let minute: Int64 = 60_000_000_000
    for k in times.indices {
      if k + 1 < times.count, times[k + 1] / minute == times[k] / minute { continue }
      outTimes.append(times[k])
      outEquity.append(equity[k])
    }
    return (outTimes, outEquity)
  }

  /// 252 for daily steps, else 252 × 23,400 s ÷ the median step spacing.
  static func periodsPerYear(stepTimes: [Int64]) -> Double {
    var spacings = [Int64](repeating: 0, count: stepTimes.count - 1)
    for k in 1..<stepTimes.count { spacings[k - 1] = stepTimes[k] &- stepTimes[k - 1] }
    let median = Median.of(&spacings) / 1e9
    guard median > 0 else { return 252 }
    return median >= 20 * 3_600 ? 252 : 252 * 23_400 / median
  }

  /// The largest peak-to-trough fall, starting from a peak of 0.
  static func maxDrawdown(_ equity: [Money]) -> Money {
    var peak: Int64 = 0
    var worst: Int64 = 0
    for e in equity {
      if e.raw > peak { peak = e.raw }
      let (fall, overflow) = peak.subtractingReportingOverflow(e.raw)
      worst = max(worst, overflow ? .max : fall)
    }
    return Money(raw: worst)
  }
}
