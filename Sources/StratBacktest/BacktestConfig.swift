import StratRuntime
import StratABI

/// How to run a backtest: which series feeds each instrument, how orders fill and what they cost,
/// plus the labels written into the summary.
public struct BacktestConfig: Sendable {
  /// For each strategy instrument (in `interface.instruments` order), the index of its series
  /// in the backtester's `series` array (see `Backtester.seriesIndices`).
  public var seriesForInstrument: [Int]
  /// When orders fill.
  public var fill: FillMode
  /// What fills cost.
  public var fees: FeeModel
  /// The executor's name for the summary (`interpreter`, `jit`, …).
  public var backend: String
  /// Parameter values for the summary; nil means the executor's `interface.params`.
  public var params: [ParameterInfo]?

  /// Creates a configuration.
  public init(
    seriesForInstrument: [Int],
    fill: FillMode = .nextOpen,
    fees: FeeModel = .none,
    backend: String = "unknown",
    params: [ParameterInfo]? = nil
  ) {
    self.seriesForInstrument = seriesForInstrument
    self.fill = fill
    self.fees = fees
    self.backend = backend
    self.params = params
  }
}
