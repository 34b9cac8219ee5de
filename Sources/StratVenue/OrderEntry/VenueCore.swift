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
  private var itch: [ITCHMessage] = []
  private let itchSink: ([ITCHMessage]) -> Void
  private let symbols: [UInt16: ITCHSymbol]
  private var owners: [String: UInt32] = [:]
  private var sessionsByKey: [String: FIXSession] = [:]
  private let condition = NSCondition()
  private var pending: [(VenueCommand, FIXSession)] = []
  private var stopped = false
  private let log: @Sendable (String) -> Void
  /// Commands handled (tests and metrics).
  public internal(set) var handled = 0

  public init(
    instruments: [MatchingInstrument], log: @escaping @Sendable (String) -> Void = { _ in },
    itch: @escaping ([ITCHMessage]) -> Void = { _ in }
  ) throws(MatchingConfigError) {
    engine = try MatchingEngine(instruments: instruments)
    var symbols: [UInt16: ITCHSymbol] = [:]
    for instrument in instruments { symbols[instrument.locate] = ITCHSymbol(instrument.symbol) }
    self.symbols = symbols
    self.log = log
    itchSink = itch
  }

  public func start() {
    let thread = Thread { [self] in run() }
    thread.name = "venue-core"
    thread.start()
  }

  public func stop() {
    condition.lock()
    stopped = true
    condition.broadcast()
    condition.unlock()
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

  private func run() {
    while true {
      condition.lock()
      while pending.isEmpty && !stopped { condition.wait() }
      if stopped { condition.unlock(); return }
      let batch = pending
      pending.removeAll(keepingCapacity: true)
      busy = true
      condition.unlock()
      for (command, session) in batch { handle(command, session: session) }
      condition.lock()
      busy = false
      condition.unlock()
    }
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
  func publish(locate: UInt16, now: Int64) {
    itch.removeAll(keepingCapacity: true)
    VenueITCH.append(events, locate: locate, stock: symbols[locate] ?? ITCHSymbol(""), timestamp: Self.sinceMidnight(now), to: &itch)
    if !itch.isEmpty { itchSink(itch) }
  }

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
