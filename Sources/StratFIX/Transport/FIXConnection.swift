import StratNet
import Foundation

/// One TCP connection carrying one FIX session. A reader thread runs `run()`:
///
///   socket ─read─▶ receive buffer ─FIXFramer─▶ FIXFieldTable.parse ─▶ session.receive ─▶ app
///                                                  └ garbled ─▶ session.garbled (ignored)
///   every 100 ms, and after each read ─▶ session.tick (heartbeats, TestRequest, timeouts)
///   session writes ─▶ socket (from the reader thread, or from a sender under the lock)
///
/// The session is not thread-safe, so every use of it — the reader's and `withSession` from an
/// application thread that sends orders — holds the session's lock (`FIXSession.locked`).
public final class FIXConnection: FIXSessionDelegate, @unchecked Sendable {
  public let session: FIXSession
  public weak var application: FIXApplication?
  private let socket: TCPConnection
  private let framer: FIXFramer
  private let table = FIXFieldTable()
  private let log: @Sendable (String) -> Void
  private var buffer: UnsafeMutableRawBufferPointer
  private var filled = 0
  private var open = true
  /// False once the connection is closing: its peer went away, or the session ended it.
  public var isOpen: Bool { session.locked { open } }
  /// The UTC clock the session reads (tests inject their own).
  public var clock: @Sendable () -> Int64 = { FIXClock.utcNanos() }
  /// Garbled frames seen (tests and metrics).
  public private(set) var garbledCount = 0

  public init(
    socket: TCPConnection, session: FIXSession, framer: FIXFramer = FIXFramer(),
    log: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    self.socket = socket
    self.session = session
    self.framer = framer
    self.log = log
    buffer = .allocate(byteCount: framer.maxMessageLength * 2, alignment: 8)
    socket.setTimeouts(readMilliseconds: 0, writeMilliseconds: 5_000)
    session.delegate = self
  }

  deinit { buffer.deallocate() }

  /// Runs `body` with the session, under the connection's lock (for sending from another thread).
  public func withSession<T>(_ body: (FIXSession) throws(FIXError) -> T) throws(FIXError) -> T {
    try session.locked { () throws(FIXError) -> T in try body(session) }
  }

  /// Starts the session (the initiator's Logon) and reads until the connection ends.
  /// `first`: bytes already read by an acceptor that looked at the Logon to pick the session.
  public func run(first: [UInt8] = []) {
    locked { session.connected(now: clock()) }
    if !first.isEmpty { append(first) }
    while open {
      let deadline = FIXClock.monotonicNanos() + 100_000_000
      let free = UnsafeMutableRawBufferPointer(rebasing: buffer[filled...])
      let count: Int?
      do { count = try socket.read(into: free, deadline: deadline) } catch {
        log("fix: \(session.settings.targetCompID): \(error.message)")
        break
      }
      if count == 0 { break }
      if let count { filled += count; drain() }
      locked { session.tick(now: clock()) }
    }
    locked { if session.state != .disconnected { session.disconnected() } }
    socket.close()
  }

  /// Closes the connection from outside (shutdown, a fault test's cut).
  public func close() {
    locked {
      open = false
      if session.state != .disconnected { session.disconnected() }
    }
    socket.shutdownWrite()
  }

  private func append(_ bytes: [UInt8]) {
    let count = min(bytes.count, buffer.count - filled)
    bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<filled + count]).copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    filled += count
    drain()
  }

  /// Handles every whole frame in the buffer, then moves the rest to the front.
  private func drain() {
    var consumed = 0
    loop: while open {
      let pending = UnsafeRawBufferPointer(rebasing: buffer[consumed..<filled])
      switch framer.next(in: pending) {
      case .incomplete: break loop
      case .skip(let count, let reason):
        if reason != .noBeginString || pending.prefix(count).contains(where: { $0 > 0x20 }) { garbled(reason) }
        consumed += count
      case .message(let count):
        handle(UnsafeRawBufferPointer(rebasing: pending[0..<count]))
        consumed += count
      }
    }
    if consumed > 0 {
      let rest = filled - consumed
      if rest > 0 { buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + consumed, byteCount: rest) }
      filled = rest
    }
  }

  private func handle(_ frame: UnsafeRawBufferPointer) {
    locked {
      let now = clock()
      switch table.parse(frame, dataFields: session.dictionary.dataFields) {
      case .success(let message): session.receive(message, now: now)
      case .failure(let reason):
        garbledCount += 1
        session.garbled(reason, now: now)
      }
    }
  }

  private func garbled(_ reason: FIXGarble) {
    locked {
      garbledCount += 1
      session.garbled(reason, now: clock())
    }
  }

  private func locked(_ body: () -> Void) { session.locked(body) }

  // MARK: FIXSessionDelegate (called with the lock held)

  public func fixSession(_ session: FIXSession, write bytes: UnsafeRawBufferPointer) {
    guard open else { return }
    do { try socket.write(bytes) } catch {
      // The peer is gone: the session is down from now on (what it sends is in its store and
      // goes out by resend after the next Logon), and the acceptor may take a new connection.
      log("fix: \(session.settings.targetCompID): \(error.message)")
      open = false
      if session.state != .disconnected { session.disconnected() }
    }
  }

  public func fixSessionDisconnect(_ session: FIXSession) {
    open = false
    socket.shutdownWrite()
  }

  public func fixSession(_ session: FIXSession, received message: FIXMessageView) {
    application?.fixReceived(message, on: session, now: clock())
  }

  public func fixSessionLoggedOn(_ session: FIXSession) { application?.fixLoggedOn(session) }
  public func fixSessionLoggedOut(_ session: FIXSession) { application?.fixLoggedOut(session) }

  public func fixSession(_ session: FIXSession, event: String) {
    log("fix: \(session.settings.senderCompID)→\(session.settings.targetCompID): \(event)")
  }
}
