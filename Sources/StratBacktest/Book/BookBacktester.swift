import StratRuntime
import StratABI
import StratMarket

/// Replays order-book events through a simulated venue into a strategy, with feed and order
/// latency, so that fills come only from what happens after an order reaches the venue: the
/// runtime's `BookReplay` merges the venue's and the strategy's clocks (its comment has the
/// picture). With no feed delay the strategy's book is the venue's book after the event; with
/// one, the strategy keeps its own copy, applied as it observes.
public struct BookBacktester {
  /// Order-book events of every bound instrument, in feed order (time, then sequence).
  public let events: [OrderEvent]
  /// The published book after each event, when the feed has one (single instrument).
  public let snapshots: BookSnapshots?
  public let config: BookBacktestConfig

  public init(events: [OrderEvent], snapshots: BookSnapshots? = nil, config: BookBacktestConfig) {
    self.events = events
    self.snapshots = snapshots
    self.config = config
  }

  /// Runs `executor` over the events (`BookReplay`, the loop the live engine runs too); throws
  /// on a configuration or accounting failure. `progress`, when given, is called every
  /// `BacktestProgress.stepInterval` venue events.
  public func run<E: StrategyExecutor>(
    _ executor: E, progress: ((BacktestProgress) -> Void)? = nil
  ) throws(BacktestError) -> BacktestResult {
    let interface = executor.interface
    try validate(interface)
    executor.reset()
    var session: BookSession
    do throws(VenueError) {
      session = try BookSession(interface: interface, config: config, snapshots: snapshots)
    } catch {
      throw BacktestError(diagnostics: error.diagnostics)
    }
    let total = events.count
    session = BookReplay.replay(
      events, session: session, executor: executor, interval: BacktestProgress.stepInterval,
      progress: progress.map { report in
        { delivered, observed in report(BacktestProgress(events: delivered, totalEvents: total, steps: observed)) }
      })
    if let failure = session.failure { throw failure }
    return session.result(events: events.count)
  }

  /// Checks that every instrument is bound, that snapshots match the events, and that the
  /// strategy reads no bar fields.
  func validate(_ interface: StrategyInterface) throws(BacktestError) {
    // (One pass, no set of every event's instrument: that cost 2 % of the LOBSTER-day loop.)
    let instruments = events.first.map { first in events.contains { $0.instrument != first.instrument } ? 2 : 1 } ?? 0
    if let snapshots, snapshots.count != events.count || instruments > 1 {
      throw BacktestError(
        id: "backtest.snapshots",
        message: "expected one book snapshot per event of one instrument; found \(snapshots.count) "
          + "snapshots for \(events.count) events")
    }
    guard config.feedInstrumentForInstrument.count == interface.instruments.count else {
      throw BacktestError(
        id: "backtest.binding-count",
        message: "expected a feed instrument for each of the \(interface.instruments.count) "
          + "instruments; found \(config.feedInstrumentForInstrument.count)")
    }
    let barFields = interface.inputFields.filter { $0.rawValue < InputField.last.rawValue }
    if let first = barFields.first {
      throw BacktestError(
        id: "backtest.needs-bars",
        message: "the strategy reads bar fields (\(barFields.map(\.name).joined(separator: ", "))), "
          + "which order-book data does not have; found order-book events",
        notes: ["use book fields (`bid`, `ask`, `mid`, `last`, …) or run it on bars; `\(first.name)` is the first"])
    }
  }
}
