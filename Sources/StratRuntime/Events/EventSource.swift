import StratMarket

/// A stream of order-book events for the runtime: a replayed file, the tick store, a live feed.
/// `next` hands out one event at a time so a day never has to sit in memory; a live source
/// returns `.idle` when nothing has arrived yet.
package protocol EventSource {
  /// The next event, `.idle` when none is ready now, `.end` when the stream is over.
  mutating func next() -> EventPoll
  /// The stream's symbols by feed instrument number (known up front for files; a live feed
  /// learns them from its directory messages).
  var symbols: [UInt32: String] { get }
}

/// What polling an event source gives.
package enum EventPoll {
  case event(OrderEvent)
  case idle
  case end
}

/// Events already in memory (a loaded LOBSTER day, a test's events), in order.
package struct ArrayEventSource: EventSource {
  package let events: [OrderEvent]
  package let symbols: [UInt32: String]
  package private(set) var position = 0

  package init(events: [OrderEvent], symbols: [UInt32: String], startingAt position: Int = 0) {
    self.events = events
    self.symbols = symbols
    self.position = position
  }

  @inline(__always)
  package mutating func next() -> EventPoll {
    guard position < events.count else { return .end }
    defer { position += 1 }
    return .event(events[position])
  }
}
