import Foundation
import StratRuntime
import StratMarket

/// Returns on a capital base. With account value Vₖ = capital + equityₖ (V₋₁ = capital), the
/// return of sample k is rₖ = (Vₖ − Vₖ₋₁) ÷ Vₖ₋₁. Samples are the steps themselves when bars
/// are daily or coarser (at most half the spacings under 20 h), else the last equity of each UTC
/// day, so that
/// intraday runs are annualised from daily returns. Annualised figures need at least
/// `minimumSamples` returns spanning at least `minimumSpanDays` days; the year is then
/// measured on the data's own calendar: periodsPerYear = (n − 1) ÷ (span ÷ 365.25 days).
extension BacktestMetrics {
  /// Fewer returns than this are not annualised.
  public static let minimumSamples = 30
  /// A sample spanning fewer days than this is not annualised.
  public static let minimumSpanDays = 28.0
  /// Days in the year used to turn a span into years.
  public static let daysPerYear = 365.25

  /// The figures of one equity curve (`pnl`, per step, 0 before the first) on `capital`.
  /// `sampling` (from `returnSampling(times:)`) lets curves on the same steps share it.
  public static func returnStatistics(
    times: [Int64],
    pnl: [Double],
    capital: Double,
    sampling: ReturnSampling? = nil
  ) -> ReturnStatistics {
    let sample = (sampling ?? returnSampling(times: times)).applied(times: times, pnl: pnl)
    let returns = self.returns(sample.pnl, capital: capital)
    let total = capital > 0 ? (pnl.last ?? 0) / capital : 0
    var stats = ReturnStatistics(
      totalReturn: total,
      maxDrawdown: maxDrawdownFraction(pnl, capital: capital),
      samples: returns?.count ?? 0,
      basis: sample.basis,
      isAnnualised: false,
      note: ""
    )
    let spanDays = Double((sample.times.last ?? 0) &- (sample.times.first ?? 0)) / 86_400e9
    guard let returns else {
      stats.note =
        "not annualised: the account value fell to zero or below, so returns are undefined"
      return stats
    }
    guard returns.count >= minimumSamples, spanDays >= minimumSpanDays else {
      let noun = returns.count == 1 ? "return" : "returns"
      stats.note =
        "not annualised: \(returns.count) \(noun) (\(sample.basis)) over "
        + "\(fixed(spanDays, 1)) days; annualising needs at least \(minimumSamples) returns "
        + "over at least \(fixed(minimumSpanDays, 0)) days"
      return stats
    }
    let periods = Double(returns.count - 1) * daysPerYear / spanDays
    annualise(&stats, returns, periods: periods, years: spanDays / daysPerYear)
    stats.note =
      "annualised by \(fixed(periods, 2)) samples per year: \(returns.count) returns "
      + "(\(sample.basis)) over \(fixed(spanDays, 1)) days"
    return stats
  }

  /// Fills the annualised figures from `returns`.
  static func annualise(
    _ stats: inout ReturnStatistics,
    _ returns: [Double],
    periods: Double,
    years: Double
  ) {
    let n = Double(returns.count)
    let mean = returns.reduce(0, +) / n
    let sd = (returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
    let downside = (returns.reduce(0) { $0 + min($1, 0) * min($1, 0) } / n).squareRoot()
    let root = periods.squareRoot()
    stats.isAnnualised = true
    stats.periodsPerYear = periods
    stats.cagr = stats.totalReturn <= -1 ? -1 : pow(1 + stats.totalReturn, 1 / years) - 1
    stats.volatility = sd * root
    stats.sharpe = sd > 0 ? mean / sd * root : nil
    stats.sortino = downside > 0 ? mean / downside * root : nil
    stats.calmar = stats.maxDrawdown > 0 ? stats.cagr.map { $0 / stats.maxDrawdown } : nil
  }

  /// The samples returns are taken on: every step for daily or coarser bars, else the last
  /// equity of each UTC day.
  public static func returnSample(times: [Int64], pnl: [Double])
    -> (times: [Int64], pnl: [Double], basis: String)
  {
    returnSampling(times: times).applied(times: times, pnl: pnl)
  }

  /// Which steps are samples (see `returnSample`), worked out once from the times.
  public static func returnSampling(times: [Int64]) -> ReturnSampling {
    guard isIntraday(times) else {
      return ReturnSampling(indices: nil, basis: "per step")
    }
    var indices: [Int] = []
    var day = Timestamp.dayIndex(times[0])
    for k in 1..<times.count {
      let next = Timestamp.dayIndex(times[k])
      if next != day { indices.append(k - 1) }
      day = next
    }
    indices.append(times.count - 1)
    return ReturnSampling(indices: indices, basis: "last of each UTC day")
  }

  /// rₖ = (pₖ − pₖ₋₁) ÷ (capital + pₖ₋₁) with p₋₁ = 0; nil when a base is not positive.
  public static func returns(_ pnl: [Double], capital: Double) -> [Double]? {
    var out = [Double](repeating: 0, count: pnl.count)
    var previous = 0.0
    for k in pnl.indices {
      let base = capital + previous
      guard base > 0 else { return nil }
      out[k] = (pnl[k] - previous) / base
      previous = pnl[k]
    }
    return out
  }

  /// The largest value of `drawdownFractions`, without building the curve.
  static func maxDrawdownFraction(_ pnl: [Double], capital: Double) -> Double {
    var peak = capital
    var worst = 0.0
    for p in pnl {
      let value = capital + p
      peak = max(peak, value)
      if peak > 0 { worst = max(worst, (peak - value) / peak) }
    }
    return worst
  }

  /// The fall of the account value below its running peak (starting at `capital`), as a
  /// fraction of the peak, per step: the underwater curve.
  public static func drawdownFractions(_ pnl: [Double], capital: Double) -> [Double] {
    var peak = capital
    return pnl.map { p in
      let value = capital + p
      peak = max(peak, value)
      return peak > 0 ? (peak - value) / peak : 0
    }
  }

  /// True when more than half of the spacings between steps are under 20 hours (one pass, no
  /// copy: the steps of a 1 M-bar run are not sorted for a median).
  static func isIntraday(_ times: [Int64]) -> Bool {
    guard times.count >= 2 else { return false }
    let limit: Int64 = 20 * 3_600 * 1_000_000_000
    var short = 0
    for k in 1..<times.count where times[k] &- times[k - 1] < limit { short += 1 }
    return 2 * short > times.count - 1
  }

  /// The median spacing of `times` in seconds (0 with fewer than two).
  static func medianSpacingSeconds(_ times: [Int64]) -> Double {
    guard times.count >= 2 else { return 0 }
    var spacings = [Int64](repeating: 0, count: times.count - 1)
    for k in 1..<times.count { spacings[k - 1] = times[k] &- times[k - 1] }
    return Median.of(&spacings) / 1e9
  }

  /// `value` with `decimals` fixed decimals, for notes.
  static func fixed(_ value: Double, _ decimals: Int) -> String {
    var out = TextBuffer()
    out.append(value, decimals: decimals)
    return out.text
  }
}

/// The steps a curve's returns are taken at: all of them (`indices` nil) or the listed ones.
public struct ReturnSampling: Sendable, Equatable {
  /// The sampled step indices, increasing; nil for every step.
  public var indices: [Int]?
  /// `per step` or `last of each UTC day`.
  public var basis: String

  /// The sampled times and values of a curve on these steps.
  func applied(times: [Int64], pnl: [Double]) -> (times: [Int64], pnl: [Double], basis: String) {
    guard let indices else { return (times, pnl, basis) }
    return (indices.map { times[$0] }, indices.map { pnl[$0] }, basis)
  }
}
