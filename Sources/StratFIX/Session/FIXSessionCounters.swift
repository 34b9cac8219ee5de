import StratNet

/// What one session has done on the wire, for metrics: every message framed and handed to the
/// session, every message written to the socket (resends included), garbled frames dropped and
/// session-level Rejects (35=3) sent. The session increments them under its lock; any thread
/// reads them (relaxed atomics), so a venue or engine can export them as Prometheus series.
public final class FIXSessionCounters: Sendable {
  /// Messages received (framed and parsed), admin and application.
  public let received = Counter()
  /// Messages written to the socket, admin and application, resends included.
  public let sent = Counter()
  /// Frames dropped as garbled (FIX: ignored, no sequence number consumed).
  public let garbled = Counter()
  /// Session-level Rejects (MsgType 3) sent.
  public let rejectsSent = Counter()

  public init() {}
}
