import Foundation
import StratNet

/// Accepts FIX connections for a set of configured sessions. Each connection gets a thread; its
/// first message must be a Logon whose CompIDs name a configured session that is not already
/// connected, or the connection is closed unanswered (as QuickFIX does for an unknown or
/// duplicate identity). A session's store lives in `storeFolder/SENDER-TARGET`, so a restart
/// resumes its sequence numbers.
///
///   accept thread ─▶ connection thread: read Logon ─▶ pick session ─▶ FIXConnection.run()
///                                                     └ unknown / in use ─▶ close
public final class FIXAcceptor: @unchecked Sendable {
  public let address: TCPAddress
  private let listener: TCPListener
  private let dictionary: FIXDictionary
  private let storeFolder: String?
  private let log: @Sendable (String) -> Void
  private let lock = NSLock()
  private var sessions: [String: FIXSession] = [:]
  private var settings: [String: FIXSessionSettings] = [:]
  private var live: [String: FIXConnection] = [:]
  private var stopped = false
  private let makeApplication: (FIXSession) -> FIXApplication?
  private var applications: [String: FIXApplication] = [:]

  /// Listens on `address`; `application` gives each session its application (kept alive here).
  public init(
    address: TCPAddress, dictionary: FIXDictionary, sessions: [FIXSessionSettings], storeFolder: String?,
    log: @escaping @Sendable (String) -> Void = { _ in }, application: @escaping (FIXSession) -> FIXApplication?
  ) throws(FIXError) {
    do { listener = try TCPListener(binding: address, backlog: 64) } catch {
      throw FIXError(id: "fix.acceptor.listen", message: "cannot listen on \(address): \(error.message)")
    }
    self.address = listener.address
    self.dictionary = dictionary
    self.storeFolder = storeFolder
    self.log = log
    makeApplication = application
    for session in sessions { settings[Self.key(their: session.targetCompID, ours: session.senderCompID)] = session }
  }

  private static func key(their: String, ours: String) -> String { "\(ours)-\(their)" }

  /// Starts the accept thread.
  public func start() {
    let thread = Thread { [self] in acceptLoop() }
    thread.name = "fix-accept"
    thread.start()
  }

  /// Stops accepting and closes every connection.
  public func stop() {
    lock.lock()
    stopped = true
    let connections = Array(live.values)
    lock.unlock()
    for connection in connections { connection.close() }
    listener.close()
  }

  /// The session for our CompID and theirs, once a connection has used it.
  public func session(ours: String, theirs: String) -> FIXSession? {
    lock.lock()
    defer { lock.unlock() }
    return sessions[Self.key(their: theirs, ours: ours)]
  }

  private func acceptLoop() {
    while true {
      lock.lock()
      let done = stopped
      lock.unlock()
      if done { return }
      guard let socket = try? listener.accept(timeoutMilliseconds: 200) else { continue }
      let handoff = Handoff(socket)
      let thread = Thread { [self] in serve(handoff.socket) }
      thread.name = "fix-connection"
      thread.start()
    }
  }

  private func serve(_ socket: TCPConnection) {
    guard let (first, key) = readLogon(socket), let connection = claimWhenFree(key, socket) else {
      socket.close()
      return
    }
    connection.run(first: first)
    lock.lock()
    live[key] = nil
    lock.unlock()
  }

  /// Reads up to the first whole frame (10 s at most) and names the session it logs on to.
  private func readLogon(_ socket: TCPConnection) -> ([UInt8], String)? {
    let framer = FIXFramer()
    var bytes = [UInt8](repeating: 0, count: framer.maxMessageLength)
    var filled = 0
    let deadline = FIXClock.monotonicNanos() + 10_000_000_000
    while filled < bytes.count {
      let count = bytes.withUnsafeMutableBytes { raw in
        try? socket.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]), deadline: deadline)
      }
      guard let count = count ?? nil, count > 0 else { return nil }
      filled += count
      let frame = bytes.withUnsafeBytes { framer.next(in: UnsafeRawBufferPointer(rebasing: $0[0..<filled])) }
      switch frame {
      case .incomplete: continue
      case .skip: return nil
      case .message(let length):
        let table = FIXFieldTable()
        let identity: String? = bytes.withUnsafeBytes { raw in
          guard case .success(let view) = table.parse(UnsafeRawBufferPointer(rebasing: raw[0..<length])),
            view.msgType == "A", let theirs = view.string(49), let ours = view.string(56)
          else { return nil }
          return Self.key(their: theirs, ours: ours)
        }
        guard let identity else { return nil }
        return (Array(bytes[0..<filled]), identity)
      }
    }
    return nil
  }

  /// A reconnect can arrive before the old connection's thread has seen its peer go (the
  /// client closed, and its FIN is still on the way): wait up to a second for the old one to
  /// end before refusing the new one as a duplicate identity.
  private func claimWhenFree(_ key: String, _ socket: TCPConnection) -> FIXConnection? {
    for _ in 0..<100 {
      lock.lock()
      let busy = live[key] != nil
      lock.unlock()
      if !busy { break }
      usleep(10_000)
    }
    return claim(key, socket)
  }

  /// The connection for a configured, idle session; nil for an unknown or busy identity.
  private func claim(_ key: String, _ socket: TCPConnection) -> FIXConnection? {
    lock.lock()
    defer { lock.unlock() }
    guard !stopped, let settings = settings[key] else {
      log("fix: a Logon for \(key), which is not a configured session; closed")
      return nil
    }
    guard live[key] == nil else {
      log("fix: a second Logon for \(key) while it is connected; closed")
      return nil
    }
    let session: FIXSession
    if let known = sessions[key] {
      session = known
    } else {
      let folder = storeFolder.map { "\($0)/\(key)" }
      guard let store = try? FIXMessageStore(folder: folder) else {
        log("fix: cannot open the store of \(key); closed")
        return nil
      }
      session = FIXSession(settings: settings, dictionary: dictionary, store: store)
      sessions[key] = session
      applications[key] = makeApplication(session)
    }
    let connection = FIXConnection(socket: socket, session: session, log: log)
    connection.application = applications[key]
    live[key] = connection
    return connection
  }
}

/// Hands an accepted socket to the thread that serves it (used there only).
private final class Handoff: @unchecked Sendable {
  let socket: TCPConnection
  init(_ socket: TCPConnection) { self.socket = socket }
}
