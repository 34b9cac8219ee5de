import Foundation
import StratABI
import StratMarket
import StratRuntime
import StratJournal
import Synchronization

/// The live engine, paper trading on the in-process venue:
/// ```
///             ┌───────────────── hot thread ─────────────────────┐
///  event  ──▶ │ event ─▶ strategy 1: books → step → risk → OMS ──▶ venue (gateway)
///  source     │       ─▶ strategy 2: …                           │
///  (replay)   │ every 256 events: commands ◀── CommandQueue ◀──── control thread (HTTP)
///             │ order rows, checkpoints ──▶ journal (mmap, memcpy) │──▶ syncer thread: fdatasync
///             └──────────────────────────────────────────────────┘     in groups
/// ```
/// One thread runs everything that touches an order; nothing on it allocates or locks per
/// event once the strategies are built (the per-step series were reserved for the day). The
/// journal's syncer is StratJournal's thread; the control thread only enqueues commands.
package final class Engine {
  package let setup: EngineSetup
  package let strategies: [HostedStrategy]
  let feed: EngineFeed
  let journal: EngineJournal?
  package let log: EngineLog
  /// Commands from other threads (control API, signals), applied between events.
  package let commands = CommandQueue()
  /// The Prometheus series (the hot thread writes, the control thread renders).
  package let metrics: EngineMetrics
  /// The copy of the state the control API reads.
  package let status: EngineStatusBoard
  /// Builds strategies: at start, for hot-loads, and again for the hot-loads a recovery replays.
  let builder: any StrategyBuilder
  /// Watches the strategies folder and stages new versions; nil when nothing is watched.
  package private(set) var hotLoader: HotLoader?
  /// Events delivered to every strategy so far.
  package internal(set) var delivered: UInt64 = 0
  /// The kill switch: on = every new order is denied.
  package internal(set) var killed = false
  let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 256, alignment: 8)
  /// Post-trade risk and the automatic kill (Engine+Risk.swift).
  package let risk: EngineRisk
  /// The live feed's events are journaled as they are delivered (`journal.record_market`).
  let recordsMarket: Bool
  /// The event after whose market record a crash test kills the process (0: never).
  let crashPoint = Engine.crashPoint()
  /// Why the journal refused an order request the OMS handed it (the request was not sent):
  /// thrown once the OMS call returns (`JournalWriteAhead`).
  var writeAheadFailure: EngineError?
  /// A recovery is under way: once it ends, the OMS reconciles with the venue (Engine+OMS.swift).
  var reconcilePending = false
  /// The FIX gateway when orders go to a venue over FIX (`[venue] kind = "fix"`).
  package let fixGateway: FIXOrderGateway?
  /// The OMS's journaled view of the FIX venue (with a journal).
  let journaledVenue: JournaledVenue?
  /// The smart order router and its venues' gateways (`[venue] kind = "routed"`).
  package let router: SmartOrderRouter?
  package let routeGateways: [FIXOrderGateway]
  var routingJournal: EngineRoutingJournal?

  /// Loads the feed, builds each strategy and opens (or recovers) the journal.
  package init(setup: EngineSetup, builder: some StrategyBuilder, log: EngineLog) throws(EngineError) {
    self.setup = setup
    self.log = log
    self.builder = builder
    // The journal first: a recovery builds the versions it recorded, not the files as they are.
    if let folder = setup.journal {
      journal = try EngineJournal(folder: folder, run: Self.runRecord(setup))
    } else {
      journal = nil
    }
    if case .itchUDP = setup.feed {
      recordsMarket = journal != nil && setup.recordMarket
      if !setup.recordMarket, let journal, journal.journaledCount > 1 {
        throw EngineError(
          id: "journal.live-recovery",
          message: "the journal holds a live run and journal.record_market is off: its market events were not recorded, so it cannot be recovered",
          notes: ["start with an empty journal folder, or set journal.record_market = true"])
      }
    } else {
      recordsMarket = false
    }
    var built: [(EngineSetup.Strategy, BuiltStrategy)] = []
    for (k, configured) in setup.strategies.enumerated() {
      let strategy = journal?.journaledVersions[k]?.strategy(like: configured) ?? configured
      built.append((strategy, try builder.build(strategy)))
    }
    let wanted = Set(built.flatMap { $0.1.executor.interface.instruments.map(\.symbol) })
    feed = try Self.loadFeed(setup.feed, wanted: wanted, log: log, recording: recordsMarket ? journal?.recordedMarket : nil)
    var hosted: [HostedStrategy] = []
    for (k, (strategy, build)) in built.enumerated() {
      let config = try Self.config(for: build, feed: feed, venue: setup.venue, path: strategy.path)
      let host = try HostedStrategy(
        index: k, setup: setup.strategies[k], built: build, config: config, snapshots: feed.snapshots, limits: setup.limits)
      host.runner.session.reserve(steps: feed.eventCount > 0 ? feed.eventCount : 1 << 20)
      hosted.append(host)
      try journal?.append(.version, VersionRecord(strategy: k, blob: build.blob(path: strategy.path)).bytes)
      log.info("strategy.loaded", ["strategy": .string(host.name), "file": .string(strategy.path), "backend": .string(build.backend), "code": .string(build.codeHash)])
    }
    strategies = hosted
    let fix = try Self.connectFIX(setup, hosted, journal: journal, log: log)
    fixGateway = fix?.0
    journaledVenue = fix?.1
    if !setup.routes.isEmpty, let journal, journal.journaledCount > 1 {
      throw EngineError(
        id: "journal.routed-recovery",
        message: "the journal holds a routed run, which cannot be recovered yet: the venues' books the router planned on are not journaled",
        notes: ["start with an empty journal folder; the venues keep their orders, and `strat-engine` cancels its own on a clean stop"])
    }
    let routed = try Self.connectRoutes(setup, hosted, log: log)
    router = routed?.0
    routeGateways = routed?.1 ?? []
    risk = EngineRisk(strategies: hosted)
    metrics = try EngineMetrics()
    status = EngineStatusBoard(hosted, totalEvents: feed.eventCount)
    feed.live?.onStale = { [weak self] stale in self?.markStale(stale) }
    if let folder = setup.hotload.folder {
      hotLoader = HotLoader(
        folder: folder, builder: builder, policy: setup.hotload.policy, running: hosted, log: log, metrics: metrics,
        warmupRecords: setup.hotload.warmupRecords, shadow: setup.hotload.shadow, out: setup.out)
    }
    if let journal, journal.journaledCount > 1 {
      reconcilePending = true
      log.info("journal.recovering", ["records": .int(journal.journaledCount), "cut_tail": journal.cutTail.map(JSONValue.string) ?? .null])
    }
    try journalFeedItems()  // the directory the live feed was bound with, after the versions
    journaledVenue?.events = { [unowned self] in self.delivered }
    if let router {
      let sink = EngineRoutingJournal(engine: self, venues: router.venues, metrics: try RoutingMetrics(registry: metrics.registry, venues: router.venues))
      sink.router = router
      router.journal = sink
      routingJournal = sink
    }
  }

  deinit { scratch.deallocate() }

  /// The journal's counters (fsync groups), for /metrics; nil without a journal.
  package var journalMetrics: JournalMetrics? { journal?.metrics }

  /// Events in the replayed day.
  package var eventCount: Int { feed.eventCount }

  /// Runs the day: every event through every strategy, then the end of the session. Returns
  /// early (cleanly) when a stop is requested.
  package func run() throws(EngineError) -> EngineOutcome {
    if let cpu = setup.cpu {
      guard ThreadPinning.pin(to: cpu) else {
        throw EngineError(id: "engine.cpu", message: "the hot thread cannot be pinned to CPU \(cpu) (engine.cpu)")
      }
      log.info("engine.pinned", ["cpu": .int(cpu)])
    }
    hotLoader?.start()
    defer { hotLoader?.stop() }
    var stopped: Bool
    if let live = feed.live {
      stopped = try loop(live)
    } else {
      var source = ArrayEventSource(events: feed.day?.events ?? [], symbols: feed.symbols)
      stopped = try loop(&source)
    }
    if !stopped {
      try journalFeedItems()
      for s in strategies where s.active {  // an unloaded strategy's session ended at the unload
        s.runner.finish(writeAhead: JournalWriteAhead(engine: self, host: s))
        try throwWriteAheadFailure()
        try journalNewRows(s)
      }
      try checkpoint()
      try record(.end, events: delivered, byte: nil)
      expireDayOrders()
    }
    journal?.sync()
    journal?.close()
    fixGateway?.initiator.stop()
    routeGateways.forEach { $0.initiator.stop() }
    try writeTicks()
    status.publish(strategies, events: delivered, killed: killed, finished: true)
    log.info(stopped ? "engine.stopped" : "engine.finished", ["events": .int(Int(delivered))])
    return EngineOutcome(stopped: stopped, events: delivered)
  }

  /// The hot loop over `source`; true when a stop was asked for. Every 256 events — and while a
  /// live feed is idle — risk, commands and hot-loads are handled between two events.
  func loop<S: EventSource>(_ source: inout S) throws(EngineError) -> Bool {
    var clock = setup.speed.map { PacedClock(speed: $0) }
    var idle = false
    var lastIdleWork: Int64 = 0
    var lastBoundary = UInt64.max
    var hurry = false
    while true {
      // Idle (a live feed with nothing waiting): the same work at most once a millisecond.
      if idle {
        let now = WallClock.read(CLOCK_MONOTONIC)
        idle = now - lastIdleWork >= 1_000_000
        if idle { lastIdleWork = now }
      }
      let boundary = delivered & 255 == 0 && delivered != lastBoundary
      if boundary || idle {
        lastBoundary = delivered
        hurry = false
        try superviseRisk()
        superviseOMS()
        if try applyCommands() { return true }
        try applyHotLoads()
        status.publish(strategies, events: delivered, killed: killed)
      }
      switch source.next() {
      case .event(let event):
        idle = false
        // A command cuts a paced wait short: the events up to the next boundary, where it
        // applies, go without pacing (the boundary stays where a recovery looks for it).
        if !hurry, !(journal?.recovering ?? false),
          clock?.wait(until: event.timeNanos, interrupted: { commands.hasWaiting }) == false
        {
          hurry = true
        }
        try deliver(event)
      case .idle: idle = true
      case .end: return false
      }
    }
  }

  func loop(_ live: LiveITCHFeed) throws(EngineError) -> Bool {
    var source = live
    return try loop(&source)
  }

  /// One event through every strategy, then its journal records and counts. Tick-to-order runs
  /// from the event's arrival here to the last order request it caused being handed over.
  @inline(__always)
  func deliver(_ event: OrderEvent) throws(EngineError) {
    let arrived = WallClock.read(CLOCK_MONOTONIC)
    if reconcilePending { try replayReconciliations() }  // where the live run reconciled, before this event
    try recordMarket(event)
    if delivered &+ 1 == crashPoint { kill(getpid(), SIGKILL) }
    var ordered = false
    for s in strategies where s.active {
      s.requested = false
      s.runner.push(event, writeAhead: JournalWriteAhead(engine: self, host: s))
      try throwWriteAheadFailure()
      if let failure = s.runner.session.failure {
        throw EngineError(id: failure.id, message: failure.message, notes: failure.notes)
      }
      try journalNewRows(s)
      ordered = ordered || s.requested
    }
    if ordered { metrics.tickToOrder.observeSingleWriter(UInt64(max(WallClock.read(CLOCK_MONOTONIC) - arrived, 0))) }
    delivered &+= 1
    metrics.events.addSingleWriter()
    if delivered & 0xFFFF == 0 { try checkpoint() }
  }
}

/// How a run ended.
package struct EngineOutcome: Sendable, Equatable {
  /// True when it stopped on request before the end of the data.
  package var stopped: Bool
  package var events: UInt64
}
