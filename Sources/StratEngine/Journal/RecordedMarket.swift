import StratMarket

/// One thing a live feed handed the engine, as the journal recorded it.
package enum RecordedFeedItem: Sendable, Equatable {
  case event(OrderEvent, sequence: UInt64)
  case directory(locate: UInt32, symbol: String, sequence: UInt64)
  case change(FeedChange, session: MoldUDP64Session, next: UInt64)
}

/// The market records of a journal, in order: what a recovery of a live run replays before the
/// live feed takes over, and what `strat-engine export` writes as a tick store.
package struct RecordedMarket: Sendable {
  package private(set) var items: [RecordedFeedItem] = []
  package private(set) var eventCount = 0
  /// The symbol of each recorded locate.
  package private(set) var symbols: [UInt32: String] = [:]
  /// The session the feed was in, and the first sequence number not handled in it.
  package private(set) var resumePoint: (session: MoldUDP64Session, next: UInt64)?

  package init() {}

  /// Takes journal record number `record` (from 1); other record types are passed over. A
  /// market record that does not decode is a located error, never a trap.
  package mutating func take(type: UInt8, payload: UnsafeRawBufferPointer, record: Int) throws(EngineError) {
    let item: RecordedFeedItem?
    switch EngineRecordType(rawValue: type) {
    case .market: item = MarketRecordWire.decodeEvent(payload).map { .event($0.0, sequence: $0.1) }
    case .directory: item = MarketRecordWire.decodeDirectory(payload).map { .directory(locate: $0.locate, symbol: $0.symbol, sequence: $0.sequence) }
    case .feed: item = MarketRecordWire.decodeFeed(payload).map { .change($0.0, session: $0.1, next: $0.2) }
    default: return
    }
    guard let item else {
      throw EngineError(
        id: "journal.bad-market-record",
        message: "record \(record) of the journal is a \(EngineRecordType(rawValue: type).map { "\($0)" } ?? "?") record of \(payload.count) bytes that does not hold what its type says",
        notes: ["Docs/JOURNAL.md \"Records\" gives the layouts"])
    }
    add(item)
  }

  mutating func add(_ item: RecordedFeedItem) {
    items.append(item)
    switch item {
    case .event(_, let sequence):
      eventCount += 1
      advance(to: sequence &+ 1)
    case .directory(let locate, let symbol, let sequence):
      symbols[locate] = symbol
      advance(to: sequence &+ 1)
    case .change(let change, let session, let next):
      if change == .session { resumePoint = (session, next) } else { advance(to: next) }
    }
  }

  private mutating func advance(to next: UInt64) {
    guard let point = resumePoint, next > point.next else { return }
    resumePoint = (point.session, next)
  }
}
