import StratRuntime
import StratMarket

extension BacktestMetrics {
  /// Buy-and-hold P&L per step: `capital` split equally over the instruments of `prices`;
  /// each slice buys (fractional units) at its instrument's first price and is held to the
  /// end, valued at the last price at or before each step; a slice stays cash until its first
  /// price. nil without prices.
  public static func buyAndHold(
    stepTimes: [Int64],
    prices: [ReportPriceSeries],
    capital: Double
  ) -> [Double]? {
    let held = prices.filter { !$0.prices.isEmpty && $0.prices[0].raw > 0 }
    guard !held.isEmpty else { return nil }
    let slice = capital / Double(held.count)
    var pnl = [Double](repeating: 0, count: stepTimes.count)
    for series in held {
      let units = slice / Double(series.prices[0].raw)
      let entry = Double(series.prices[0].raw)
      var next = 0
      var mark = entry
      for k in stepTimes.indices {
        while next < series.times.count, series.times[next] <= stepTimes[k] {
          mark = Double(series.prices[next].raw)
          next += 1
        }
        pnl[k] += units * (mark - entry)
      }
    }
    return pnl
  }

  /// The return metrics of a run on `capital`: its own returns, the benchmark's on the same
  /// steps (when `prices` are given), exposure and round trips.
  public static func returnMetrics(
    stepTimes: [Int64],
    equity: [Money],
    fills: [Fill],
    instrumentCount: Int,
    trips: RoundTrips,
    prices: [ReportPriceSeries],
    capital: Money
  ) -> ReturnMetrics {
    let base = capital.doubleValue
    let pnl = equity.map(\.doubleValue)
    let sampling = returnSampling(times: stepTimes)
    let benchmark = buyAndHold(stepTimes: stepTimes, prices: prices, capital: base).map {
      returnStatistics(times: stepTimes, pnl: $0, capital: base, sampling: sampling)
    }
    return ReturnMetrics(
      capital: capital,
      strategy: returnStatistics(times: stepTimes, pnl: pnl, capital: base, sampling: sampling),
      benchmark: benchmark,
      exposure: exposure(stepTimes: stepTimes, fills: fills, instrumentCount: instrumentCount),
      trips: tripStatistics(trips)
    )
  }
}
