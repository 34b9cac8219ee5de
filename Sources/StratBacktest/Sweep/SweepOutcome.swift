/// What one sweep run leaves in the reorder buffer: its metrics, not its ledger, so that the
/// buffer stays small whatever the runs trade.
public struct SweepOutcome: Sendable, Equatable {
  /// The run's metrics; nil when the run failed.
  public var metrics: BacktestMetrics?
  /// The run's Sortino ratio (see `BacktestResult.sortino`).
  public var sortino: Double
  /// The run's total return on its capital (`BacktestMetrics.returnStatistics`).
  public var totalReturn: Double = 0
  /// The run's Sharpe ratio on returns; nil when the run is too short to annualise.
  public var sharpeReturns: Double?
  /// Why the run failed (diagnostic id and message), nil when it ran.
  public var error: String?
  /// The run id of the run (`RunIngredients.id`), nil when it did not compile.
  public var runID: String? = nil

  /// The outcome of a run that finished.
  public init(_ result: BacktestResult) {
    metrics = result.metrics
    sortino = result.sortino
    error = nil
    let returns = BacktestMetrics.returnStatistics(
      times: result.stepTimes, pnl: result.equity.map(\.doubleValue),
      capital: result.capital.doubleValue)
    totalReturn = returns.totalReturn
    sharpeReturns = returns.sharpe
  }

  /// The outcome of a run that failed.
  public init(error: String) {
    metrics = nil
    sortino = 0
    self.error = error
  }
}
