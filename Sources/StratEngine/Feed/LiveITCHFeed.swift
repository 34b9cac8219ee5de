import Foundation
import StratMarket
import StratNet
import StratRuntime

/// ITCH 5.0 over MoldUDP64 as the engine's event source, polled on the hot thread:
/// ```
///   MoldUDP64Feed.poll ─▶ .message: R (directory) → symbols; book messages → OrderEvent ─▶ queue ─▶ next()
///                      ─▶ .lost → STALE (onStale); .sessionStarted → fresh; .sessionEnded → end
///   recovery: the journal's recorded items ─▶ next() first (same events, same order), then the
///             feed, its sequencer resuming after the last recorded number (LiveITCHFeed+Recording)
/// ```
/// At start the engine waits (`bind`) until the directory has named every symbol its
/// strategies trade, keeping the events that arrived meanwhile; then `next()` hands them out
/// and polls for more, returning `.idle` when nothing has arrived. Nothing per packet allocates
/// once the queue has grown to the largest burst.
package final class LiveITCHFeed: EventSource {
  let feed: MoldUDP64Feed
  let clock: SessionClock
  package internal(set) var symbols: [UInt32: String] = [:]
  private var queue = SequencedEventQueue(capacity: 4096)
  /// The MoldUDP64 sequence number of the event `next()` handed out last.
  package internal(set) var deliveredSequence: UInt64 = 0
  /// Directory entries and state changes not journaled yet (only when `recording`).
  var pending: [RecordedFeedItem] = []
  var recording = false
  var recordedDirectory: [UInt32: String] = [:]
  var session: MoldUDP64Session?
  /// A recovery's recorded items, handed out before the feed's own.
  var replay: [RecordedFeedItem] = []
  var replayed = 0
  /// The symbols the engine trades, and the locates the directory gave them: only their events
  /// are queued (event numbers then count as a backtest on the same stocks counts them).
  var wanted: Set<String> = []
  var keep: Set<UInt32> = []
  var ended = false
  /// Called on the hot thread when the feed turns stale (a gap declared lost) or fresh again.
  package var onStale: ((Bool) -> Void)?
  package internal(set) var stale = false

  package init(listen: String, request: String?, date: String) throws(EngineError) {
    do {
      let listenAddress = try SocketAddress(parsing: listen)
      let requestAddress = try request.map { text throws(NetError) in try SocketAddress(parsing: text) }
      feed = try MoldUDP64Feed(MoldUDP64FeedConfig(name: "itch", listen: listenAddress, requestServer: requestAddress))
      clock = try TickImport.itchSessionClock(path: "", date: date)
    } catch let error as NetError {
      throw EngineError(id: "engine.feed", message: "\(error)")
    } catch let error as MoldUDP64FeedError {
      throw EngineError(id: "engine.feed.socket", message: "\(error)")
    } catch let error as MarketDataError {
      throw EngineError(id: error.diagnostics.first?.id ?? "engine.feed", message: error.diagnostics.first?.message ?? "\(error)")
    } catch {
      throw EngineError(id: "engine.feed", message: "\(error)")
    }
  }

  /// The address the feed listens on (the kernel's port when the config gave 0).
  package var listenAddress: String { "\(feed.listenAddress)" }
  /// Gaps the feed saw, and those it recovered.
  package var counters: MoldUDP64FeedCounters { feed.counters }

  /// Waits until the directory named every symbol in `wanted`, at most `timeoutSeconds`.
  package func bind(_ wanted: Set<String>, timeoutSeconds: Double) throws(EngineError) {
    self.wanted = wanted
    replayUntilEvent()
    let deadline = WallClock.read(CLOCK_MONOTONIC) + Int64(timeoutSeconds * 1e9)
    while !wanted.isSubset(of: Set(symbols.values)) {
      if ended || WallClock.read(CLOCK_MONOTONIC) > deadline {
        throw EngineError(
          id: "engine.feed-unbound",
          message: "the feed on \(listenAddress) named none of \(wanted.subtracting(symbols.values).sorted().joined(separator: ", ")) within \(Int(timeoutSeconds)) s",
          notes: ["symbols seen: " + symbols.values.sorted().prefix(20).joined(separator: ", ")])
      }
      if poll() == 0 { _ = feed.waitReadable(timeoutMillis: 50) }
    }
  }

  package func next() -> EventPoll {
    if replayed < replay.count, let event = nextReplayed() { return .event(event) }
    if queue.isEmpty && !ended { _ = poll() }
    if !queue.isEmpty {
      let (event, sequence) = queue.removeFirst()
      deliveredSequence = sequence
      return .event(event)
    }
    return ended ? .end : .idle
  }

  /// Receives what is waiting; returns the deliveries handled.
  @discardableResult
  func poll() -> Int {
    feed.poll(maxMessages: 1024) { delivery in handle(delivery) }
  }

  private func handle(_ delivery: MoldUDP64Delivery) {
    switch delivery {
    case .message(let sequence, let bytes):
      guard let base = bytes.baseAddress else { return }
      let wire = ITCHWire(base)
      if wire.type == 0x52 {  // Stock Directory: locate → symbol
        let locate = UInt32(wire.u16(1))
        let symbol = ITCHSymbol(raw: wire.u64(11)).text
        learn(locate: locate, symbol: symbol, sequence: sequence)
        return
      }
      var event = OrderEvent(timeNanos: 0, kind: .add)
      if wire.orderEvent(session: clock, into: &event), keep.contains(event.instrument) {
        queue.append(event, sequence: sequence)
      }
    case .lost(let first, let count):
      guard !stale, let session else { return }
      apply(.stale, session: session, next: first + count)
    case .sessionStarted(let started):
      // The session a recovery resumes is not a new one: a stale feed stays stale.
      guard started != session else { return }
      apply(.session, session: started, next: feed.sequencer.nextSequence)
    case .sessionEnded(let ended, let next):
      apply(.ended, session: ended, next: next)
    }
  }
}
