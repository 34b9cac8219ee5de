/// What the receiver may hold and how hard it tries to fill a gap.
public struct MoldUDP64SequencerLimits: Sendable, Equatable {
  /// Messages held past a gap; the bound of the receiver's memory (each slot holds one ITCH
  /// message of at most 50 bytes: 1 << 20 slots are 53 MB, about 0.25 s of a full-speed feed).
  /// A message further than this past the oldest gap gives the gap up (lost, the feed STALE)
  /// instead of growing.
  public var bufferedMessages: Int
  /// How long to wait for an answer before asking again.
  public var requestTimeoutNanos: Int64
  /// Requests without progress before a gap is declared lost.
  public var requestAttempts: Int
  /// The most messages asked for in one request.
  public var requestMessages: UInt16
  /// Expect a session to start at sequence number 1 (ask for what came before the first packet
  /// seen); false joins at the first packet, for a late start that rebuilds its books elsewhere.
  public var fromSessionStart: Bool

  /// Creates limits.
  public init(
    bufferedMessages: Int = 1 << 20,
    requestTimeoutNanos: Int64 = 20_000_000,
    requestAttempts: Int = 5,
    requestMessages: UInt16 = 2_000,
    fromSessionStart: Bool = true
  ) {
    self.bufferedMessages = max(1, bufferedMessages)
    self.requestTimeoutNanos = requestTimeoutNanos
    self.requestAttempts = max(1, requestAttempts)
    self.requestMessages = max(1, requestMessages)
    self.fromSessionStart = fromSessionStart
  }
}

/// Where the receiver stands.
public enum MoldUDP64FeedState: String, Sendable {
  /// No packet yet.
  case waiting
  /// Every message so far delivered in order.
  case live
  /// A gap is open and being re-requested; messages past it wait.
  case recovering
  /// A gap was lost (or outgrew the buffer): the books built from this session are wrong until a
  /// fresh state (a new session, or the caller's `acknowledgeFreshState`).
  case stale
  /// The session ended and every message up to its end was delivered or reported lost.
  case ended
}

/// One thing the receiver hands on, in sequence order.
public enum MoldUDP64Delivery {
  /// The message numbered `sequence`; `bytes` (a valid ITCH 5.0 message) live only during the call.
  case message(sequence: UInt64, bytes: UnsafeRawBufferPointer)
  /// Messages `first ..< first + count` will never come: the feed is now STALE.
  case lost(first: UInt64, count: UInt64)
  /// A session began (books start empty); what follows belongs to it.
  case sessionStarted(MoldUDP64Session)
  /// The session ended before sequence number `next`.
  case sessionEnded(MoldUDP64Session, next: UInt64)
}

/// Counts for metrics; they only grow (per sequencer).
public struct MoldUDP64SequencerCounters: Sendable, Equatable {
  /// Datagrams offered.
  public var packets = 0
  /// Datagrams that were not a well-formed MoldUDP64 packet of ITCH messages.
  public var malformedPackets = 0
  /// Packets of an earlier session, dropped.
  public var foreignPackets = 0
  /// Messages delivered.
  public var messages = 0
  /// Packets whose every message was already delivered or held.
  public var duplicatePackets = 0
  /// Messages seen again (inside packets that also carried new ones, or held twice).
  public var duplicateMessages = 0
  /// Gaps opened, and those closed with every message received.
  public var gaps = 0
  public var recoveredGaps = 0
  /// Gaps given up and the messages in them.
  public var lostGaps = 0
  public var lostMessages: UInt64 = 0
  /// Gaps given up because messages past them outgrew `bufferedMessages`.
  public var bufferOverflows = 0
  /// Re-requests made.
  public var requests = 0
  /// Sessions started.
  public var sessions = 0

  /// All zero.
  public init() {}
}
