import Foundation
import StratMarket

/// The live feed's market records, journaled on the hot thread before any strategy sees the
/// event (`journal.record_market`):
/// ```
///   LiveITCHFeed.next() ─▶ event ─▶ [directory / feed records pending] ─▶ market record ─▶ strategies
///                                          journal (mmap, memcpy; no allocation per event)
/// ```
/// A recovery makes the same records from the journaled items, and the journal compares them.
extension Engine {
  /// The environment variable that makes the engine SIGKILL itself as event N (N from 1)
  /// arrives, after its market record is journaled (a live feed), before a strategy sees it:
  /// for crash tests (Engine.deliver).
  static let crashVariable = "STRAT_ENGINE_CRASH_AT_EVENT"

  static func crashPoint() -> UInt64 {
    ProcessInfo.processInfo.environment[crashVariable].flatMap { UInt64($0) } ?? 0
  }

  /// Journals the event the live feed just handed out (and what it learned before it).
  @inline(__always)
  func recordMarket(_ event: OrderEvent) throws(EngineError) {
    guard recordsMarket, let live = feed.live, let journal else { return }
    if live.hasPending { try journalFeedItems() }
    MarketRecordWire.encode(event, sequence: live.deliveredSequence, into: scratch.baseAddress!)
    try journal.record(.market, UnsafeRawBufferPointer(rebasing: scratch[0..<MarketRecordWire.eventSize]))
  }

  /// Journals the directory entries and feed changes the live feed learned since the last call.
  func journalFeedItems() throws(EngineError) {
    guard recordsMarket, let live = feed.live, let journal else { return }
    try live.drainPending { item throws(EngineError) in
      switch item {
      case .event: break
      case .directory(let locate, let symbol, let sequence):
        try journal.append(.directory, MarketRecordWire.directory(locate: locate, symbol: symbol, sequence: sequence))
      case .change(let change, let session, let next):
        try journal.append(.feed, MarketRecordWire.feed(change, session: session, next: next))
      }
    }
  }

  /// `out.ticks`: the journal's market events as a tick store in OUT/ticks, once the run is over.
  func writeTicks() throws(EngineError) {
    guard setup.writeTicks, recordsMarket, let out = setup.out, let folder = setup.journal else { return }
    let report = try MarketExport.export(journal: folder, store: out + "/ticks")
    log.info("out.ticks", ["files": .int(report.files.count), "events": .int(report.events)])
  }
}
