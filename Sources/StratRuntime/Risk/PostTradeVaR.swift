import Foundation

/// A 99 % one-day historical VaR from the intraday minute samples of one day: honest about
/// having only the day so far (Docs/ENGINE.md, "Value at risk").
///
/// Scenario k re-prices the current positions with minute k's relative mark changes:
/// `pnl_k = Σᵢ positionᵢ × markᵢ × (sᵢ,ₖ − sᵢ,ₖ₋₁) ÷ sᵢ,ₖ₋₁` (an instrument without a mark in
/// either sample contributes 0). The one-minute VaR is the loss at the 1 % nearest-rank quantile
/// of those P&Ls (0 when even that scenario gains); the one-day figure scales it by √390, the
/// minutes of a regular session (square-root-of-time: it assumes independent minutes, so it
/// misses fat tails, autocorrelation and the overnight gap). Scenario P&Ls are exact in 128
/// bits (truncated to 1e-8); the √390 scale is the one floating step, rounded once.
package enum PostTradeVaR {
  package static let minutesPerDay = 390.0
  /// Fewer minute returns than this give no figure.
  package static let minimumReturns = 30

  /// The one-day 99 % VaR of `risk`'s current positions (raw 1e-8), and the returns it used;
  /// nil with too few returns.
  package static func oneDay99(_ risk: PostTradeRisk) -> (value: Int64?, returns: Int) {
    let returns = max(risk.sampleCount - 1, 0)
    guard returns >= minimumReturns else { return (nil, returns) }
    var scenarios = [Int128](repeating: 0, count: returns)
    for i in 0..<risk.instrumentCount where risk.position[i] != 0 && risk.marks[i] > 0 {
      let exposure = Int128(risk.position[i]) * Int128(risk.marks[i])
      var before = risk.sample(0, instrument: i)
      for k in 1...returns {
        let now = risk.sample(k, instrument: i)
        if before > 0 && now > 0 { scenarios[k - 1] += exposure * Int128(now - before) / Int128(before) }
        before = now
      }
    }
    scenarios.sort()
    let rank = (returns + 99) / 100  // ⌈1 % × n⌉, the nearest rank
    let minuteLoss = max(-scenarios[rank - 1], 0)
    let day = (Double(minuteLoss) * minutesPerDay.squareRoot()).rounded()
    return (day >= 9.2e18 ? .max : Int64(day), returns)
  }
}
