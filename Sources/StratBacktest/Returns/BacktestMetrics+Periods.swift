import StratRuntime
import StratMarket

extension BacktestMetrics {
  /// The return of each calendar month (UTC) that has a step: the account value at its last
  /// step over the value at the previous month's last step (the capital for the first), − 1.
  public static func monthlyReturns(times: [Int64], pnl: [Double], capital: Double)
    -> [(year: Int64, month: Int64, value: Double)]
  {
    var out: [(year: Int64, month: Int64, value: Double)] = []
    var base = capital
    for k in times.indices {
      let date = Timestamp.civilDate(times[k])
      if k + 1 < times.count {
        let next = Timestamp.civilDate(times[k + 1])
        if next.year == date.year, next.month == date.month { continue }
      }
      let value = capital + pnl[k]
      out.append((date.year, date.month, base > 0 ? value / base - 1 : 0))
      base = value
    }
    return out
  }

  /// Sharpe ratio of each trailing window of `window` returns, mean ÷ sample sd × √periods
  /// (pass 1 for none); nil before the window fills or when its sd is 0.
  public static func rollingSharpe(_ returns: [Double], window: Int, periodsPerYear: Double)
    -> [Double?]
  {
    guard window >= 2 else { return returns.map { _ in nil } }
    let root = periodsPerYear.squareRoot()
    return returns.indices.map { k -> Double? in
      guard k + 1 >= window else { return nil }
      let slice = returns[(k + 1 - window)...k]
      let mean = slice.reduce(0, +) / Double(window)
      let variance = slice.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(window - 1)
      guard variance > 0 else { return nil }
      return mean / variance.squareRoot() * root
    }
  }
}
