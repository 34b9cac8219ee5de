import Foundation
import StratFIX
import StratMarket

/// The venue's one thread of matching. Session reader threads hand it commands; it alone
/// touches the matching engine and the order table, then sends each report through the
/// session it belongs to (taking that session's lock, one at a time, so two sessions never
/// wait on each other), and writes the book's changes as ITCH.
///
///   session A reader ─┐                         ┌─▶ session A (ExecutionReport / 9)
///   session B reader ─┼─▶ commands ─▶ venue thread ─▶ session B (the resting side's fill)
///   seed replay ──────┘   (FIFO)      │          └─▶ ITCH sink (MoldUDP64 publisher)
///                                     ▼
///                                 MatchingEngine
public final class VenueCore: @unchecked Sendable {
  public let engine: MatchingEngine
  let orders = VenueOrders()
  var reports = ExecutionReports()
  let events = MatchingEvents()
  /// The venue's own ITCH feed over MoldUDP64, when it publishes one.
  public let feed: VenueFeed?
  /// A replayed day whose liquidity rests beside the clients' orders, paced by the wall clock.
  var seed: SeedReplay?
  private var seedClock: (dayStart: Int64, wallStart: Int64, speed: Double)?
  private var owners: [String: UInt32] = [:]
  private var sessionsByKey: [String: FIXSession] = [:]
  private let condition = NSCondition()
  private var pending: [(VenueCommand, FIXSession)] = []
  private var stopped = false
  private let log: @Sendable (String) -> Void
  /// Commands handled (tests and metrics).
  public internal(set) var handled = 0
  /// The venue's Prometheus series (nil: nothing counted).
  public let metrics: VenueMetrics?
  /// The feed's and the seed's totals already added to `metrics` (venue thread).
  private var countedITCH = 0
  private var countedSeed = 0

  public init(
    instruments: [MatchingInstrument], feed: VenueFeed? = nil, metrics: VenueMetrics? = nil,
    log: @escaping @Sendable (String) -> Void = { _ in }
  ) throws(MatchingConfigError) {
    engine = try MatchingEngine(instruments: instruments)
    self.feed = feed
    self.metrics = metrics
    self.log = log
    feed?.startDay(instruments, timestamp: Self.sinceMidnight(FIXClock.utcNanos()))
  }

  /// Seeds the books from `day` (before `start`): its events are applied as the wall clock
  /// passes their time, `speed` times real time from the day's first event.
  public func seed(day: [OrderEvent], locates: [UInt32: UInt16], snapshots: BookSnapshots?, speed: Double) {
    seed = SeedReplay(day: day, into: engine, locates: locates, snapshots: snapshots)
    if let first = day.first { seedClock = (first.timeNanos, FIXClock.utcNanos(), speed) }
  }

  /// The seed's counters (applied, clamped, …), nil without a seed.
  public var seedCounts: SeedReplay.Counts? { seed?.counts }

  private let exited = DispatchSemaphore(value: 0)
  private var started = false

  public func start() {
    started = true
    let thread = Thread { [self] in
      run()
      exited.signal()
    }
    thread.name = "venue-core"
    thread.start()
  }

  /// Stops the venue thread and waits for it (1 s at most), so the caller may then use the
  /// feed (`endDay`) from its own thread.
  public func stop() {
    condition.lock()
    let wasStopped = stopped
    stopped = true
    condition.broadcast()
    condition.unlock()
    if started && !wasStopped { _ = exited.wait(timeout: .now() + 1) }
  }

  /// Called on a session's reader thread: copies the request and queues it.
  func submit(_ command: VenueCommand, from session: FIXSession) {
    condition.lock()
    pending.append((command, session))
    condition.signal()
    condition.unlock()
  }

  /// Waits until every queued command has been handled (tests, shutdown).
  public func drain(timeoutSeconds: Double = 5) {
    let until = Date(timeIntervalSinceNow: timeoutSeconds)
    while Date() < until {
      condition.lock()
      let empty = pending.isEmpty && !busy
      condition.unlock()
      if empty { return }
      usleep(1_000)
    }
  }

  private var busy = false

  /// Between commands (at least every 10 ms): the seed day up to now, re-requests, heartbeats.
  private func run() {
    var lastHeartbeat = FIXClock.utcNanos()
    while true {
      condition.lock()
      if pending.isEmpty && !stopped { _ = condition.wait(until: Date(timeIntervalSinceNow: 0.01)) }
      if stopped { condition.unlock(); return }
      let batch = pending
      pending.removeAll(keepingCapacity: true)
      busy = true
      condition.unlock()
      for (command, session) in batch { handle(command, session: session) }
      let now = FIXClock.utcNanos()
      advanceSeed(now: now)
      feed?.flush()
      let served = feed?.sender.serveRequests() ?? 0
      count(rerequests: served)
      if now - lastHeartbeat > 1_000_000_000 {
        feed?.sender.heartbeat()
        lastHeartbeat = now
      }
      condition.lock()
      busy = false
      condition.unlock()
    }
  }

  /// Adds what the loop did to the metrics: re-requests served, ITCH messages and seed events
  /// since the last time (their owners count in plain integers), the books' resting orders.
  private func count(rerequests: Int) {
    guard let metrics else { return }
    metrics.itchRerequests.addSingleWriter(UInt64(rerequests))
    if let feed {
      metrics.itchMessages.addSingleWriter(UInt64(feed.messageCount - countedITCH))
      countedITCH = feed.messageCount
    }
    if let applied = seed?.counts.applied {
      metrics.seedEvents.addSingleWriter(UInt64(applied - countedSeed))
      countedSeed = applied
    }
    metrics.resting.set(Int64(engine.restingCount))
  }

  func owner(of key: String, session: FIXSession) -> UInt32 {
    if let owner = owners[key] { return owner }
    let owner = UInt32(owners.count + 2)  // 1 is the seed day's liquidity
    owners[key] = owner
    sessionsByKey[key] = session
    return owner
  }

  func sessionFor(key: String) -> FIXSession? { sessionsByKey[key] }

  /// Publishes the book changes of the last engine call.
  func publish(locate: UInt16, now: Int64) { publish(events, locate: locate, now: now) }

  func publish(_ events: MatchingEvents, locate: UInt16, now: Int64) {
    guard let feed, let book = engine.book(locate) else { return }
    feed.publish(events, of: book, timestamp: Self.sinceMidnight(now))
  }

  /// The seed day's events up to the paced now: book changes published, client fills reported.
  private func advanceSeed(now: Int64) {
    guard let seed, let clock = seedClock else { return }
    let dayNow = clock.dayStart + Int64(Double(now - clock.wallStart) * clock.speed)
    let market = VenueCommand(session: "", clOrdID: "", symbol: "", kind: .status, msgType: "")
    seed.advance(to: dayNow) { locate, seeded in
      apply(market, events: seeded, locate: locate, now: now)
      publish(seeded, locate: locate, now: now)
    }
  }

  /// Ends the feed's day (end-of-day messages and the end of the MoldUDP64 session).
  public func endDay() { feed?.endDay(timestamp: Self.sinceMidnight(FIXClock.utcNanos())) }

  static func sinceMidnight(_ now: Int64) -> Int64 { now % 86_400_000_000_000 }

  /// Sends `body` to a session as an application message; kept in its store if it is down.
  func send(_ type: String, to session: FIXSession, now: Int64, _ body: (FIXEncoder) -> Void) {
    do {
      try session.locked { () throws(FIXError) in
        try session.sendApplication(type, now: now, storeIfDisconnected: true, body: body)
      }
    } catch {
      log("venue: cannot send \(type) to \(session.settings.targetCompID): \(error.message)")
    }
  }
}

extension VenueCore {
  /// One client order as the venue holds it, for checks and the end-of-day summary.
  public struct ClientOrder: Sendable, Equatable {
    public var clOrdID: String
    public var symbol: String
    public var isBuy: Bool
    public var filled: Int64
    public var isOpen: Bool
  }

  /// The orders of the session `key` (`VENUE-CLIENT1`). Read it only while the venue is quiet
  /// (after `drain()`): the venue thread owns the table.
  public func clientOrders(session key: String) -> [ClientOrder] {
    orders.orders.filter { $0.session == key }.map {
      ClientOrder(clOrdID: $0.originalClOrdID ?? $0.clOrdID, symbol: $0.symbol, isBuy: $0.side == .buy, filled: $0.cumulative, isOpen: $0.isOpen)
    }
  }
}
