import StratABI
import StratMarket
import StratNative

/// Drives a `BookSession` one event at a time on its two clocks, so a day can stream in (a live
/// feed, a paced replay) and a backtest and the engine run the very same sequence:
/// ```
///   venue clock:     e₀ ── e₁ ── e₂ ── e₃ ──▶   venue books, resting orders, fills
///   strategy clock:    o₀ ─── o₁ ── o₂ ──▶      oₖ = tₖ + feed delay; the strategy's own books
///   an order decided at oₖ reaches the venue at oₖ + order latency
/// ```
/// `push(e)` first lets the strategy observe every earlier event due at or before e's time (an
/// observation at the same time as a venue event runs first: the strategy reacts before later
/// news), then gives e to the venue; e waits in `inFlight` until it is due. An order always
/// reaches the venue after the event that caused it, so it can never fill on that event.
package struct BookReplay<E: StrategyExecutor> {
  package var session: BookSession
  package private(set) var executor: E
  private var delays: LatencySampler
  /// Events the venue has seen that the strategy has not (oldest first).
  private var inFlight = EventQueue()
  /// When the strategy sees the oldest in-flight event (drawn once per event).
  private var due: Int64?
  package private(set) var observationTime = Int64.min
  package private(set) var lastEventTime: Int64 = 0
  /// Events given to the venue, and events the strategy has observed.
  package private(set) var delivered = 0
  package private(set) var observed = 0
  /// Told after each step, on the thread that steps (the engine's warm-up ring and shadow);
  /// nil in a backtest, which then pays one test per observation.
  package var stepObserver: (any StepObserver<E>)?

  package init(session: BookSession, executor: E) {
    self.session = session
    self.executor = executor
    delays = session.config.venue.makeFeedLatencySampler()
  }

  /// Makes `executor` the strategy from the next observation on (a hot-load's swap, between two
  /// events): the session — books, orders, account — stays.
  package mutating func swap(to executor: E) { self.executor = executor }

  /// The next event of the stream; `writeAhead` records each order request before the venue
  /// gets it (the engine's journal).
  @inline(__always)
  package mutating func push<W: OrderWriteAhead>(_ event: OrderEvent, writeAhead: W) {
    while !inFlight.isEmpty, nextDue() <= event.timeNanos { observeOldest(writeAhead) }
    session.deliverToVenue(event, index: delivered)
    delivered += 1
    lastEventTime = event.timeNanos
    inFlight.append(event)
  }

  /// Lets the strategy observe what is still in flight and orders still travelling reach the
  /// venue; the session is then complete.
  package mutating func finish(writeAhead: some OrderWriteAhead = NoWriteAhead()) {
    while !inFlight.isEmpty { observeOldest(writeAhead) }
    session.finish(at: max(observationTime, lastEventTime), eventCount: delivered)
  }

  @inline(__always)
  private mutating func nextDue() -> Int64 {
    if let due { return due }
    let time = max(observationTime, inFlight.first.timeNanos &+ delays.next())
    due = time
    return time
  }

  @inline(__always)
  private mutating func observeOldest<W: OrderWriteAhead>(_ writeAhead: W) {
    observationTime = nextDue()
    let event = inFlight.removeFirst()
    if let stepObserver {
      let steps = session.stepTimes.count
      session.observe(event, index: observed, at: observationTime, executor: executor, writeAhead: writeAhead)
      if session.stepTimes.count != steps { stepObserver.stepped(executor, at: observationTime) }
    } else {
      session.observe(event, index: observed, at: observationTime, executor: executor, writeAhead: writeAhead)
    }
    observed += 1
    due = nil
  }
}

/// Sees each step of a replay right after it, with the executor's input record and decisions
/// still as the step read and wrote them.
package protocol StepObserver<Executor>: AnyObject {
  associatedtype Executor
  func stepped(_ executor: Executor, at time: Int64)
}

extension BookReplay {
  /// Replays `events` in order through `session` into `executor` and finishes; `progress` is
  /// called every `interval` events with the counts delivered and observed. Native executors
  /// (JIT and AOT) get a loop specialised on their type here, in the module that owns the loop:
  /// their setInput, step and decisions then cost no witness-table call (and no retain) each.
  /// Stops early, returning the session's failure, when accounting fails. The series are
  /// reserved here, once the replay owns the session (one step per event at most), so that
  /// their appends never reallocate.
  package static func replay(
    _ events: [OrderEvent], session: BookSession, executor: E, interval: Int,
    progress: ((_ delivered: Int, _ observed: Int) -> Void)?
  ) -> BookSession {
    if let native = executor as? NativeExecutor {
      var replay = BookReplay<NativeExecutor>(session: session, executor: native)
      replay.session.reserve(steps: events.count)
      return replay.run(events, interval: interval, progress: progress)
    }
    var replay = BookReplay(session: session, executor: executor)
    replay.session.reserve(steps: events.count)
    return replay.run(events, interval: interval, progress: progress)
  }

  @inline(__always)
  mutating func run(
    _ events: [OrderEvent], interval: Int, progress: ((Int, Int) -> Void)?
  ) -> BookSession {
    for j in events.indices {
      push(events[j], writeAhead: NoWriteAhead())
      if session.failure != nil { return session }
      if j & (interval - 1) == 0, let progress { progress(j, observed) }
    }
    finish()
    return session
  }
}
