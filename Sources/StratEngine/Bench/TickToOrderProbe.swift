import Glibc
import StratMarket
import StratRuntime

/// Tick-to-order in process, for `strat-bench --engine` (run by hand; tests check its counts,
/// never its times). One thread, as the engine's hot thread:
/// ```
///  ITCH bytes ──▶ ITCHFileReader.nextWire ──▶ OrderEvent ──▶ runner.push ──▶ venue books;
///  (in memory)    (framing, type, length)     (in place)     the strategy observes the
///                                                            previous event: book, step,
///                                                            risk, OMS ──▶ gateway call
///  t₀ before the read of message k                                    t₁ after push returns
/// ```
/// With no feed latency the push of event k + 1 is where the strategy observes event k, so a
/// push whose order log gained a request (submit, replace or cancel) handed an order to the
/// gateway: its `push` sample is t₁ − t₀(k + 1), and its `tickToOrder` sample t₁ − t₀(k), from
/// the read of the tick the strategy reacted to. Both also hold the venue's handling of k + 1
/// after the hand-off, so they are upper bounds. Outside the window: the log scan, the counts.
package enum TickToOrderProbe {
  package struct Result: Sendable {
    package var messages = 0
    /// Messages that became an event of the strategy's instrument, pushed.
    package var events = 0
    /// Pushes that handed at least one order request to the gateway (one sample each).
    package var handOffs = 0
    /// Order requests (submitted, replace and cancel requested rows) those pushes made.
    package var requests = 0
    package var push = LatencySummary([])
    package var tickToOrder = LatencySummary([])
  }

  /// Reads every message of `itch` (a file image) and pushes its events into `host`, whose
  /// venue must have no feed latency (else the strategy reacts many events later).
  package static func run(
    itch: UnsafeRawBufferPointer, session: SessionClock, host: HostedStrategy
  ) throws(EngineError) -> Result {
    var source = try ITCHTicks(itch, session: session)
    return try run(&source, host: host)
  }

  /// The same over events already decoded (a LOBSTER day, whose book is its orderbook file).
  package static func run(events: [OrderEvent], host: HostedStrategy) throws(EngineError) -> Result {
    var source = DecodedTicks(events: events)
    return try run(&source, host: host)
  }

  static func run<S: TickSource>(_ source: inout S, host: HostedStrategy) throws(EngineError) -> Result {
    guard host.runner.session.sharesBooks else {
      throw EngineError(id: "engine.bench-feed-latency", message: "tick-to-order needs a venue with feed_latency = 0")
    }
    let audit = host.runner.session.audit
    // Read once: `runner.session` is a getter, and its copy of the session costs a retain and a
    // release per array and class it holds.
    let bound = host.runner.session.instrumentOfFeed
    let capacity = source.capacity
    let pushes = LatencyRecorder(capacity: capacity), ticks = LatencyRecorder(capacity: capacity)
    var result = Result()
    var event = OrderEvent(timeNanos: 0, kind: .add)
    var previousStart: UInt64 = 0
    while true {
      let rows = audit.log.entries.count
      let start = monotonicNanos()
      let poll = try source.next(into: &event)
      if poll == .end { break }
      result.messages += 1
      guard poll == .event, Int(event.instrument) < bound.count, bound[Int(event.instrument)] >= 0 else { continue }
      host.runner.push(event)
      let end = monotonicNanos()
      result.events += 1
      let made = requests(audit.log.entries, from: rows)
      if made > 0 {
        result.handOffs += 1
        result.requests += made
        pushes.record(end &- start)
        ticks.record(end &- previousStart)
      }
      previousStart = start
    }
    if let failure = host.runner.session.failure {
      throw EngineError(id: failure.id, message: failure.message, notes: failure.notes)
    }
    result.push = pushes.summary()
    result.tickToOrder = ticks.summary()
    return result
  }

  /// Order requests among the log's rows from `start` on.
  static func requests(_ entries: [OrderLogEntry], from start: Int) -> Int {
    var n = 0
    for k in start..<entries.count {
      switch entries[k].event {
      case .submitted, .replaceRequested, .cancelRequested: n += 1
      default: break
      }
    }
    return n
  }

  /// CLOCK_MONOTONIC in nanoseconds (a vDSO read, no system call).
  @inline(__always)
  package static func monotonicNanos() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return UInt64(t.tv_sec) &* 1_000_000_000 &+ UInt64(t.tv_nsec)
  }
}

/// Where the probe's messages come from: each poll reads one message.
protocol TickSource {
  /// Samples to make room for (at most one per message).
  var capacity: Int { get }
  mutating func next(into event: inout OrderEvent) throws(EngineError) -> TickPoll
}

enum TickPoll { case event, other, end }

/// ITCH 5.0 bytes through StratMarket's reader (framing, type and length checks), each message
/// mapped to an event in place.
struct ITCHTicks: TickSource {
  let reader: ITCHFileReader
  let session: SessionClock
  let capacity: Int

  init(_ bytes: UnsafeRawBufferPointer, session: SessionClock) throws(EngineError) {
    do throws(MarketDataError) {
      reader = try ITCHFileReader(stream: BufferByteStream(bytes), policy: .stop)
    } catch {
      throw EngineError(id: "engine.bench-itch", message: error.diagnostics.first?.message ?? "unreadable ITCH")
    }
    self.session = session
    capacity = bytes.count / 12  // the shortest order message with its 2-byte prefix
  }

  @inline(__always)
  mutating func next(into event: inout OrderEvent) throws(EngineError) -> TickPoll {
    let wire: ITCHWire?
    do throws(MarketDataError) { wire = try reader.nextWire() } catch {
      throw EngineError(id: "engine.bench-itch", message: error.diagnostics.first?.message ?? "unreadable ITCH")
    }
    guard let wire else { return .end }
    return wire.orderEvent(session: session, into: &event) ? .event : .other
  }
}

/// Events decoded before the run.
struct DecodedTicks: TickSource {
  let events: [OrderEvent]
  var position = 0
  var capacity: Int { events.count }

  @inline(__always)
  mutating func next(into event: inout OrderEvent) throws(EngineError) -> TickPoll {
    guard position < events.count else { return .end }
    event = events[position]
    position += 1
    return .event
  }
}
