import StratRuntime
import StratMarket

/// Return-based figures of one equity curve (the strategy's or the benchmark's), computed by
/// `BacktestMetrics.returnStatistics`. Ratios are fractions (0.05 is 5 %). The annualised
/// figures are nil when the sample is too short to annualise (`note` says why).
public struct ReturnStatistics: Sendable, Equatable {
  /// Final account value ÷ capital − 1.
  public var totalReturn: Double
  /// Largest fall of the account value from its running peak (which starts at the capital),
  /// as a fraction of that peak, over every step.
  public var maxDrawdown: Double
  /// The number of returns in the sample.
  public var samples: Int
  /// How the equity was sampled for returns (`per step`, `last of each UTC day`).
  public var basis: String
  /// True when the annualised figures were computed.
  public var isAnnualised: Bool
  /// Why the figures are or are not annualised, with the sample's size and span.
  public var note: String
  /// Samples per year from the data's own timestamps: (returns − 1) ÷ span in years.
  public var periodsPerYear: Double?
  /// Compound annual growth: (1 + total return)^(1 ÷ years) − 1.
  public var cagr: Double?
  /// Sample standard deviation of the returns × √periodsPerYear.
  public var volatility: Double?
  /// mean(r) ÷ sd(r) × √periodsPerYear (risk-free rate 0); nil when sd is 0.
  public var sharpe: Double?
  /// mean(r) ÷ √(Σ min(r, 0)² ÷ n) × √periodsPerYear; nil without a losing sample.
  public var sortino: Double?
  /// cagr ÷ maxDrawdown; nil without a drawdown.
  public var calmar: Double?
}

/// The round-trip figures of a run (see `BacktestMetrics.tripStatistics`).
public struct TripStatistics: Sendable, Equatable {
  /// Closed round trips.
  public var count: Int
  /// Lots open at the end, not counted in the figures.
  public var openLots: Int
  /// Trips with a positive net P&L ÷ all trips; nil without trips.
  public var hitRate: Double?
  /// Σ winning P&L ÷ |Σ losing P&L|; nil without a losing trip.
  public var profitFactor: Double?
  /// Mean net P&L of the winning trips (rounded to 1e-8, halves away from zero); nil without.
  public var averageWin: Money?
  /// Mean net P&L of the losing trips (negative); nil without.
  public var averageLoss: Money?
}

/// Everything `--capital` adds to a result: returns of the strategy and of buy-and-hold, the
/// time in the market and the round-trip figures.
public struct ReturnMetrics: Sendable, Equatable {
  /// The account's starting value; equity (P&L) is added to it.
  public var capital: Money
  /// The strategy's returns.
  public var strategy: ReturnStatistics
  /// Buy-and-hold of the same instruments, capital split equally at each one's first price;
  /// nil without reference prices.
  public var benchmark: ReturnStatistics?
  /// Fraction of the run's time with a nonzero position in some instrument.
  public var exposure: Double
  /// Figures of the closed round trips.
  public var trips: TripStatistics
}
