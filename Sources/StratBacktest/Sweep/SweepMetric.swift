/// The metric a sweep ranks its runs by (`--metric`).
public enum SweepMetric: String, Sendable, CaseIterable {
  /// Final equity after fees: higher is better.
  case pnl
  /// Annualised Sharpe ratio: higher is better.
  case sharpe
  /// Annualised Sortino ratio: higher is better.
  case sortino
  /// Largest drawdown: lower is better.
  case maxDrawdown = "max_drawdown"
  /// Total fees: lower is better.
  case fees
  /// Number of fills: higher is better.
  case trades

  /// True when the run with the larger value is better.
  public var isHigherBetter: Bool { self != .maxDrawdown && self != .fees }

  /// The value to rank an outcome by, nil for a failed run. Money is its raw count of 1e-8 as a
  /// Double: exact up to 2⁵³ raw (about 90 million in currency).
  public func value(of outcome: SweepOutcome) -> Double? {
    guard let m = outcome.metrics else { return nil }
    switch self {
    case .pnl: return Double(m.pnl.raw)
    case .sharpe: return m.sharpe
    case .sortino: return outcome.sortino
    case .maxDrawdown: return Double(m.maxDrawdown.raw)
    case .fees: return Double(m.fees.raw)
    case .trades: return Double(m.trades)
    }
  }

  /// True when `candidate` beats `incumbent`; ties keep the incumbent (the earlier grid index),
  /// so the best run does not depend on the order runs finish in.
  public func isBetter(_ candidate: SweepOutcome, than incumbent: SweepOutcome?) -> Bool {
    guard let c = value(of: candidate), c.isFinite else { return false }
    guard let incumbent, let i = value(of: incumbent), i.isFinite else { return true }
    return isHigherBetter ? c > i : c < i
  }
}
