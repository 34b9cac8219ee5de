import StratNet

/// How `MoldUDP64Publisher` sends a day: where, how fast, and what it does wrong on purpose.
public struct MoldUDP64PublisherOptions: Sendable {
  /// Where packets go: a unicast address or a multicast group (sent through `interface`).
  public var destination: SocketAddress
  public var interface: SocketAddress = .loopback()
  /// The request server's port on `interface`'s address: nil for none, 0 for one the kernel picks.
  public var requestPort: UInt16? = 0
  /// The MoldUDP64 session name (10 bytes on the wire).
  public var session = "STRATC0001"
  /// nil sends as fast as the socket takes; X > 0 paces by the messages' timestamps, X times
  /// real time.
  public var speed: Double?
  /// Probabilities per packet (seeded, so a run repeats): not sent, sent twice, sent after the
  /// next one. Every packet is kept for re-requests, dropped or not.
  public var dropProbability = 0.0
  public var duplicateProbability = 0.0
  public var reorderProbability = 0.0
  public var seed: UInt64 = 1
  /// The largest packet, header included (1,400 fits an Ethernet MTU).
  public var maxPacketBytes = 1_400
  /// Messages kept for re-requests (× 51 bytes of memory); older ones cannot be resent.
  public var retainedMessages = 1 << 20
  /// After the day: how long the end-of-session packet is repeated and requests answered.
  public var lingerNanos: Int64 = 1_000_000_000
  /// Stop lingering as soon as this many end-of-session packets were sent (nil: linger fully).
  public var endOfSessionRepeats = 50

  /// Options for sending to `destination`.
  public init(destination: SocketAddress) { self.destination = destination }
}

/// What a publish run did.
public struct MoldUDP64PublisherReport: Sendable, Equatable {
  public var messages = 0
  public var packets = 0
  public var dropped = 0
  public var duplicated = 0
  public var reordered = 0
  public var requestsAnswered = 0
  public var requestsUnavailable = 0
  public var elapsedNanos: Int64 = 0
}

/// SplitMix64: a small seeded generator, so the same seed drops the same packets.
struct SeededRandom {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// True with probability `p`.
  mutating func chance(_ p: Double) -> Bool {
    p > 0 && Double(next() >> 11) / Double(1 << 53) < p
  }
}
