import StratRuntime
import StratMarket

extension BacktestResult {
  /// Appends the return keys of `summary.json` (Docs/OUTPUTS.md): ratios as fractions with six
  /// decimals, money exact, `null` for what could not be computed.
  func appendReturnFields(_ out: inout TextBuffer, _ r: ReturnMetrics) {
    let s = r.strategy
    field(&out, "capital") { $0.append(r.capital) }
    field(&out, "total_return") { $0.append(s.totalReturn, decimals: 6) }
    field(&out, "cagr") { Self.appendRatio(s.cagr, to: &$0) }
    field(&out, "volatility") { Self.appendRatio(s.volatility, to: &$0) }
    field(&out, "sharpe_returns") { Self.appendRatio(s.sharpe, to: &$0) }
    field(&out, "sortino_returns") { Self.appendRatio(s.sortino, to: &$0) }
    field(&out, "max_drawdown_fraction") { $0.append(s.maxDrawdown, decimals: 6) }
    field(&out, "calmar") { Self.appendRatio(s.calmar, to: &$0) }
    field(&out, "annualised") { $0.append(s.isAnnualised ? "true" : "false") }
    field(&out, "annualise_note") { $0.appendJSONString(s.note) }
    field(&out, "returns_basis") { $0.appendJSONString(s.basis) }
    field(&out, "returns_count") { $0.append(Int64(s.samples)) }
    field(&out, "periods_per_year") { Self.appendRatio(s.periodsPerYear, to: &$0) }
    field(&out, "exposure") { $0.append(r.exposure, decimals: 6) }
    appendTripFields(&out, r.trips)
    let b = r.benchmark
    field(&out, "benchmark_return") { Self.appendRatio(b?.totalReturn, to: &$0) }
    field(&out, "benchmark_cagr") { Self.appendRatio(b?.cagr, to: &$0) }
    field(&out, "benchmark_sharpe") { Self.appendRatio(b?.sharpe, to: &$0) }
    field(&out, "benchmark_max_drawdown_fraction") {
      Self.appendRatio(b?.maxDrawdown, to: &$0)
    }
  }

  /// The round-trip keys.
  private func appendTripFields(_ out: inout TextBuffer, _ t: TripStatistics) {
    field(&out, "round_trips") { $0.append(Int64(t.count)) }
    field(&out, "open_lots") { $0.append(Int64(t.openLots)) }
    field(&out, "hit_rate") { Self.appendRatio(t.hitRate, to: &$0) }
    field(&out, "profit_factor") { Self.appendRatio(t.profitFactor, to: &$0) }
    field(&out, "average_win") { Self.appendMoney(t.averageWin, to: &$0) }
    field(&out, "average_loss") { Self.appendMoney(t.averageLoss, to: &$0) }
  }

  /// Appends a ratio with six decimals, or `null` when it is nil or not finite.
  static func appendRatio(_ value: Double?, to out: inout TextBuffer) {
    guard let value, value.isFinite else { return out.append("null") }
    out.append(value, decimals: 6)
  }

  /// Appends an exact amount, or `null`.
  static func appendMoney(_ value: Money?, to out: inout TextBuffer) {
    guard let value else { return out.append("null") }
    out.append(value)
  }
}
