import StratMarket
import StratMoldUDP64

/// The venue's market data on the wire: each operation's book changes as ITCH 5.0 messages
/// (`VenueITCH`), numbered and sent as MoldUDP64 packets, kept for re-requests.
///
///   MatchingEvents ─▶ VenueITCH ─▶ [ITCHMessage] ─encode─▶ MoldUDP64Sender ─▶ UDP ─▶ receivers
///                                                                 ▲
///                                                   re-requests ──┘ (serveRequests)
///
/// One thread (the venue's matching thread) calls everything. Buffers are reserved at init and
/// reused, so publishing allocates nothing in steady state.
public final class VenueFeed {
  public let sender: MoldUDP64Sender
  private var messages: [ITCHMessage] = []
  private var bytes: [UInt8] = []
  /// Messages published so far.
  public private(set) var messageCount = 0
  /// Messages the encoder refused (a timestamp at or past 2^48 ns); none when the clock is
  /// the venue's. Counted, never half-sent.
  public private(set) var unencodableCount = 0

  /// Publishes through `sender`.
  public init(sender: MoldUDP64Sender) {
    self.sender = sender
    messages.reserveCapacity(1_024)
    bytes.reserveCapacity(64)
  }

  /// Publishes the start of the day (system events, one directory per instrument) at once.
  public func startDay(_ instruments: [MatchingInstrument], timestamp: Int64) {
    messages = VenueITCH.startOfDay(instruments, timestamp: timestamp)
    sendMessages()
    sender.flush()
  }

  /// Publishes the book changes of one operation on `book` (not flushed: call `flush` after a
  /// burst, or let full packets go out by themselves).
  public func publish(_ events: MatchingEvents, of book: MatchingBook, timestamp: Int64) {
    messages.removeAll(keepingCapacity: true)
    VenueITCH.append(
      events,
      locate: book.instrument.locate,
      stock: book.feedSymbol,
      timestamp: timestamp,
      to: &messages
    )
    sendMessages()
  }

  /// Sends what is pending.
  public func flush() { sender.flush() }

  /// Publishes the end of the day and the end of the MoldUDP64 session.
  public func endDay(timestamp: Int64) {
    messages = VenueITCH.endOfDay(timestamp: timestamp)
    sendMessages()
    sender.endSession()
  }

  private func sendMessages() {
    for message in messages {
      bytes.removeAll(keepingCapacity: true)
      // Venue messages always encode: prices are checked against the feed's range on entry and
      // timestamps come from the venue clock; an unencodable one is dropped, never half-sent.
      guard (try? ITCHEncoder.append(message, to: &bytes, framed: false)) != nil else {
        unencodableCount += 1
        continue
      }
      bytes.withUnsafeBytes { sender.append($0) }
      messageCount += 1
    }
  }
}
