import StratRuntime
import StratABI
import StratDiagnostics
import StratMarket

/// Everything a backtest produced: the ledger with its fills, the equity curve, the orders that
/// were rejected or left unfilled, and the metrics. Writers and the text summary read only this.
public struct BacktestResult: Sendable {
  /// The strategy's declared name.
  public var strategy: String
  /// The executor's name, from the configuration.
  public var backend: String
  /// How orders filled.
  public var fill: FillMode
  /// What fills cost.
  public var fees: FeeModel
  /// Each instrument's name and the symbol of the series it was bound to, in instrument order.
  public var instruments: [InstrumentBinding]
  /// Parameter values the run used.
  public var params: [ParameterInfo]
  /// Cash, positions, fees, turnover and fills, exact.
  public var ledger: Ledger
  /// The time of each step (one per distinct bar timestamp).
  public var stepTimes: [Int64]
  /// Equity (cash + positions at the last close) after each step's decisions.
  public var equity: [Money]
  /// Each instrument's last close, nil if it never had a bar.
  public var lastClose: [Price?]
  /// Orders still pending when the data ended (not filled, not counted in the ledger).
  public var unfilledOrders: [OrderRecord]
  /// The first rejected orders in detail (at most 10,000; `rejectedCounts` counts all).
  public var rejections: [OrderRecord]
  /// Rejections per reason code, in `RiskDenial.Code.allCases` order.
  public var rejectedCounts: [RiskDenial.Code: Int]
  /// Limit orders cancelled because the fill price was worse than the limit.
  public var cancelled: Int
  /// Bars fed to the strategy.
  public var events: Int
  /// Metrics over the run.
  public var metrics: BacktestMetrics
  /// The simulated venue's models, for a backtest on order-book events (nil on bars).
  public var venue: VenueConfig? = nil
  /// Problems with the data that did not stop the run (the first few), for the caller to show.
  public var warnings: [Diagnostic] = []
  /// Where the book of a backtest on order-book events came from (nil on bars): the feed's
  /// published book file, named, or rebuilt from the messages.
  public var bookSource: String? = nil
  /// What decided this run, set by the caller that knows the code, inputs and settings; its
  /// hash is the run id printed in every output.
  public var ingredients: RunIngredients? = nil

  /// The run id (SHA-256 of the ingredients), nil when the caller gave none.
  public var runID: String? { ingredients?.id }
  /// Where the run's time went, only with `--timing` (nil keeps `summary.json` unchanged).
  public var timing: RunTiming? = nil
  /// The account's starting value for returns (`--capital`); equity is P&L added to it.
  public var capital: Money = BacktestResult.defaultCapital
  /// Each instrument's reference prices (bar closes, trade prints), for the buy-and-hold
  /// benchmark; empty leaves the benchmark out.
  public var referencePrices: [ReportPriceSeries] = []
  /// Where each ledger fill came from, one per `ledger.fills` element (`trades.csv`'s last columns).
  public var fillTraces: [FillTrace] = []
  /// Every order's life and every risk denial (`orders.csv`), bounded.
  public var orderLog = OrderLog(capacity: 0)
  /// Cash after each step (`equity.csv`), recorded by book runs.
  public var cash: [Money] = []
  /// Σ |position × mark| after each step (`equity.csv`), recorded by book runs.
  public var grossExposure: [Money] = []
  /// The closes a bar run marks at, from which `equity.csv`'s cash and exposure are computed.
  public var barMarks: BarMarks? = nil
  /// How to re-run this backtest, for `stratc explain` (set by the command line).
  public var recipe: BacktestRecipe? = nil

  /// The final position of each instrument, by instrument index.
  public var positions: [Quantity] { ledger.positions.map(Quantity.init) }

  /// The total number of rejected orders.
  public var rejected: Int { rejectedCounts.values.reduce(0, +) }
}
