import StratMarket

/// What a feed has seen, for metrics (`strat_feed_*`); read on the hot thread, or copied off it.
public struct MoldUDP64FeedCounters: Sendable, Equatable {
  /// The sequencer's counts: packets, messages, gaps, recovered, lost, duplicates, requests.
  public var sequencer = MoldUDP64SequencerCounters()
  /// Datagrams read from the data socket and from the request socket (retransmissions).
  public var dataPackets = 0
  public var retransmittedPackets = 0
  /// Re-requests sent, and those the socket refused.
  public var requestsSent = 0
  public var requestSendFailures = 0
  /// Receive errors other than "nothing waiting".
  public var receiveErrors = 0
  /// The feed's state.
  public var state = MoldUDP64FeedState.waiting
  /// Instruments (stock locates) seen in this session; all of them are stale while the feed is.
  public var instruments = 0
  /// `instruments` while STALE, else 0: how many instruments must not be traded.
  public var staleInstruments: Int { state == .stale ? instruments : 0 }
}

/// The stock locates a session carried: 65,536 bits, allocated once.
final class LocateSet {
  private let words = UnsafeMutablePointer<UInt64>.allocate(capacity: 1_024)
  private(set) var count = 0

  init() { words.initialize(repeating: 0, count: 1_024) }
  deinit { words.deallocate() }

  func insert(_ locate: UInt16) {
    let (word, bit) = (Int(locate >> 6), UInt64(1) << UInt64(locate & 63))
    if words[word] & bit == 0 {
      words[word] |= bit
      count += 1
    }
  }

  func contains(_ locate: UInt16) -> Bool {
    words[Int(locate >> 6)] & (UInt64(1) << UInt64(locate & 63)) != 0
  }

  func removeAll() {
    words.update(repeating: 0, count: 1_024)
    count = 0
  }
}
