import Glibc
import StratMarket
import StratNet

/// Where a live ITCH feed listens, whom it asks for missed messages, and its bounds.
public struct MoldUDP64FeedConfig: Sendable {
  /// A name for logs and metrics.
  public var name: String
  /// The unicast address to bind, or the multicast group and port to join.
  public var listen: SocketAddress
  /// The interface a multicast group is joined on.
  public var interface: SocketAddress
  /// The MoldUDP64 request server; nil sends no re-requests (gaps are declared lost once the
  /// request attempts have timed out).
  public var requestServer: SocketAddress?
  /// The sequencer's buffer and retry bounds.
  public var limits: MoldUDP64SequencerLimits
  /// SO_RCVBUF for the data socket (bursts the hot thread has not read yet wait there).
  public var receiveBufferBytes: Int

  /// Creates a configuration.
  public init(
    name: String,
    listen: SocketAddress,
    interface: SocketAddress = .loopback(),
    requestServer: SocketAddress? = nil,
    limits: MoldUDP64SequencerLimits = MoldUDP64SequencerLimits(),
    receiveBufferBytes: Int = 8 << 20
  ) {
    self.name = name
    self.listen = listen
    self.interface = interface
    self.requestServer = requestServer
    self.limits = limits
    self.receiveBufferBytes = receiveBufferBytes
  }
}

/// A feed that could not start: `engine.feed.socket`, with the socket's reason in the notes.
public struct MoldUDP64FeedError: Error, Sendable, CustomStringConvertible {
  public let id: String
  public let message: String
  public let notes: [String]

  init(_ feed: String, _ error: NetError) {
    id = "engine.feed.socket"
    message = "feed '\(feed)': \(error.message)"
    notes = error.notes + ["(\(error.id))"]
  }

  public var description: String {
    (["error[\(id)]: \(message)"] + notes.map { "  note: \($0)" }).joined(separator: "\n")
  }
}

/// CLOCK_MONOTONIC in nanoseconds (a vDSO call: no system call, no allocation).
public enum MonotonicClock {
  public static func nanos() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
  }
}
