import Glibc

/// The two clocks a FIX connection reads: UTC for SendingTime and the session's timers, and
/// the monotonic clock for socket deadlines.
public enum FIXClock {
  /// ns since the Unix epoch (UTC).
  public static func utcNanos() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
  }

  /// Monotonic ns, as StratNet's deadlines use.
  static func monotonicNanos() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }
}

/// What the application side of a session sees: called with the session's lock held, on the
/// connection's reader thread.
public protocol FIXApplication: AnyObject {
  func fixReceived(_ message: FIXMessageView, on session: FIXSession, now: Int64)
  func fixLoggedOn(_ session: FIXSession)
  func fixLoggedOut(_ session: FIXSession)
}

extension FIXApplication {
  public func fixLoggedOn(_ session: FIXSession) {}
  public func fixLoggedOut(_ session: FIXSession) {}
}
