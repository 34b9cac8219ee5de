import Foundation
import StratNet

/// Keeps one initiator session connected: connect, run the connection until it ends, wait,
/// connect again. The wait doubles from `minimumBackoff` to `maximumBackoff` after each failed
/// attempt and starts over after a session that logged on. The session (and its store) is the
/// same across connections, so sequence numbers carry on and gaps are resent. Outside the
/// hours of the session's schedule it does not connect: it looks again every
/// `schedulePollNanos` (1 s), and connects once the clock is inside them.
///
///   thread (until stop()): in hours? ─no─▶ wait 1 s ─▶ in hours? …
///                             └yes─▶ connect ─▶ FIXConnection.run() ─▶ ended ─▶ backoff ─▶ in hours? …
public final class FIXInitiator: @unchecked Sendable {
  public let session: FIXSession
  public let address: TCPAddress
  public var minimumBackoffNanos: Int64 = 250_000_000
  public var maximumBackoffNanos: Int64 = 16_000_000_000
  public weak var application: FIXApplication?
  /// The UTC clock the schedule and the session read (tests inject their own).
  public var clock: @Sendable () -> Int64 = { FIXClock.utcNanos() }
  /// How often the initiator looks at the clock while outside the session's hours.
  public var schedulePollNanos: Int64 = 1_000_000_000
  private let log: @Sendable (String) -> Void
  private let lock = NSCondition()
  private var stopped = false
  private var current: FIXConnection?
  /// Connections made (tests and metrics).
  public private(set) var connections = 0

  public init(session: FIXSession, address: TCPAddress, log: @escaping @Sendable (String) -> Void = { _ in }) {
    self.session = session
    self.address = address
    self.log = log
  }

  public func start() {
    let thread = Thread { [self] in loop() }
    thread.name = "fix-initiator"
    thread.start()
  }

  /// Logs out if logged on, closes, and stops reconnecting.
  public func stop() {
    lock.lock()
    stopped = true
    let connection = current
    lock.broadcast()
    lock.unlock()
    if let connection {
      _ = try? connection.withSession { session throws(FIXError) in session.logout(now: self.clock()) }
      usleep(50_000)
      connection.close()
    }
  }

  /// Cuts the connection without a Logout (a fault: the cable pulled); the initiator reconnects.
  public func dropConnection() {
    lock.lock()
    let connection = current
    lock.unlock()
    connection?.close()
  }

  /// Uses the session under its lock (sending fails while it is not logged on).
  public func withSession<T>(_ body: (FIXSession) throws(FIXError) -> T) throws(FIXError) -> T {
    try session.locked { () throws(FIXError) -> T in try body(session) }
  }

  private var isStopped: Bool {
    lock.lock()
    defer { lock.unlock() }
    return stopped
  }

  private func loop() {
    var backoff = minimumBackoffNanos
    var waiting = false
    while !isStopped {
      guard session.settings.schedule.isInSession(clock()) else {
        if !waiting { log("fix: outside the session's hours (\(session.settings.schedule)); waiting") }
        waiting = true
        wait(nanos: schedulePollNanos)
        continue
      }
      waiting = false
      if let socket = try? TCPConnection.connect(to: address, timeoutMilliseconds: 2_000) {
        let connection = FIXConnection(socket: socket, session: session, log: log)
        connection.application = application
        connection.clock = clock
        lock.lock()
        current = connection
        connections += 1
        lock.unlock()
        let before = session.store.nextTargetSeq
        connection.run()
        lock.lock()
        current = nil
        lock.unlock()
        // A connection that got messages through was a session: start the backoff over.
        if session.store.nextTargetSeq != before { backoff = minimumBackoffNanos }
      } else {
        log("fix: cannot connect to \(address); again in \(backoff / 1_000_000) ms")
      }
      wait(nanos: backoff)
      backoff = min(backoff * 2, maximumBackoffNanos)
    }
  }

  private func wait(nanos: Int64) {
    lock.lock()
    defer { lock.unlock() }
    let until = Date(timeIntervalSinceNow: Double(nanos) / 1e9)
    while !stopped, lock.wait(until: until) {}
  }
}
