/// How far a running backtest has got, handed to the caller's progress callback every
/// `BacktestProgress.stepInterval` steps (never per event, so the step loop pays one integer
/// test per step).
public struct BacktestProgress: Sendable, Equatable {
  /// Steps between two reports (a power of two: the loop tests `steps & (interval − 1)`).
  public static let stepInterval = 4_096

  /// Bars fed to the strategy so far.
  public var events: Int
  /// Bars the run will feed in all (every bar of every bound series, once per instrument).
  public var totalEvents: Int
  /// Steps done so far.
  public var steps: Int

  /// Creates a progress report.
  public init(events: Int, totalEvents: Int, steps: Int) {
    self.events = events
    self.totalEvents = totalEvents
    self.steps = steps
  }

  /// The fraction done, 0...1.
  public var fraction: Double {
    totalEvents > 0 ? min(1, Double(events) / Double(totalEvents)) : 1
  }
}
