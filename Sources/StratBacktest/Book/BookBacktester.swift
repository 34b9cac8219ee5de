import StratABI
import StratMarket
import StratNative

/// Replays order-book events through a simulated venue into a strategy, with feed and order
/// latency, so that fills come only from what happens after an order reaches the venue.
///
/// ```
///   venue clock:     e₀ ── e₁ ── e₂ ── e₃ ──▶   venue books, resting orders, fills
///   strategy clock:    o₀ ─── o₁ ── o₂ ──▶      oₖ = tₖ + feed delay; the strategy's own books
///   an order decided at oₖ reaches the venue at oₖ + order latency
/// ```
/// The two clocks are merged in time order; an observation at the same time as a venue event
/// runs first (the strategy reacts before later news), and an order always reaches the venue
/// after the event that caused it, so it can never fill on that event. With no feed delay the
/// strategy's book is the venue's book after the event; with one, the strategy keeps its own
/// copy, applied as it observes.
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

  /// Runs `executor` over the events; throws on a configuration or accounting failure.
  /// `progress`, when given, is called every `BacktestProgress.stepInterval` venue events.
  public func run<E: StrategyExecutor>(
    _ executor: E, progress: ((BacktestProgress) -> Void)? = nil
  ) throws(BacktestError) -> BacktestResult {
    // The JIT and AOT executor gets a loop specialised on its type, as the bar loop does: its
    // setInput, step and decisions then cost no witness-table call (and no retain) each.
    if let native = executor as? NativeExecutor { return try replay(native, progress: progress) }
    return try replay(executor, progress: progress)
  }

  /// The event loop of `run`.
  @inline(__always)
  func replay<E: StrategyExecutor>(
    _ executor: E, progress: ((BacktestProgress) -> Void)?
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
    // One step per bound event at most: the per-step appends never reallocate.
    session.stepTimes.reserveCapacity(events.count)
    session.equity.reserveCapacity(events.count)
    session.cash.reserveCapacity(events.count)
    session.grossExposure.reserveCapacity(events.count)
    session.audit.reserve(steps: events.count)
    var observed = 0
    var observationTime = Int64.min
    var delays = config.venue.makeFeedLatencySampler()
    var due: Int64?  // when the strategy sees event `observed` (one draw per event)
    func nextDue() -> Int64 {
      if let due { return due }
      let time = max(observationTime, events[observed].timeNanos &+ delays.next())
      due = time
      return time
    }
    for j in events.indices {
      while observed < j, nextDue() <= events[j].timeNanos {
        observationTime = nextDue()
        session.observe(events[observed], index: observed, at: observationTime, executor: executor)
        observed += 1
        due = nil
      }
      session.deliverToVenue(events[j], index: j)
      if let failure = session.failure { throw failure }
      if j & (BacktestProgress.stepInterval - 1) == 0, let progress {
        progress(BacktestProgress(events: j, totalEvents: events.count, steps: observed))
      }
    }
    while observed < events.count {
      observationTime = nextDue()
      session.observe(events[observed], index: observed, at: observationTime, executor: executor)
      observed += 1
      due = nil
    }
    session.finish(at: max(observationTime, events.last?.timeNanos ?? 0), eventCount: events.count)
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
