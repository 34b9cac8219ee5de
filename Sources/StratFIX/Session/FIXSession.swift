import Foundation

/// The FIX session layer (FIX Session Protocol, and QuickFIX's behaviour where the spec leaves a
/// choice), for either side. A state machine with no socket and no clock of its own: the
/// connection feeds it received messages (`receive`), garbled frames (`garbled`) and the time
/// (`tick`); it answers through its delegate. Sequence numbers and sent messages live in its
/// `FIXMessageStore`, so a restarted process resumes the same session.
///
///   connection ─receive/garbled/tick─▶ FIXSession ─write/disconnect─▶ connection
///                                         │  ▲
///                            app messages ▼  │ sendApplication
///                                      application
public final class FIXSession: @unchecked Sendable {
  public enum State: Sendable, Equatable {
    case disconnected, awaitingLogon, logonSent, loggedOn, logoutSent
  }

  public let settings: FIXSessionSettings
  public let dictionary: FIXDictionary
  public let store: FIXMessageStore
  public weak var delegate: FIXSessionDelegate?
  public internal(set) var state = State.disconnected
  /// The heartbeat interval in force (the initiator's HeartBtInt).
  public internal(set) var heartbeatSeconds: Int
  /// Messages in and out, garbled frames and Rejects sent (metrics).
  public let counters = FIXSessionCounters()
  let validator: FIXValidator
  let encoder = FIXEncoder()
  let resendTable = FIXFieldTable()
  var lastReceived: Int64 = 0
  var lastSent: Int64 = 0
  var testRequests = 0
  var logoutSentAt: Int64?
  var logonSentAt: Int64?
  /// Messages received ahead of a gap, by seq.
  var queued: [Int: [UInt8]] = [:]
  let queueLimit = 10_000
  let queueTable = FIXFieldTable()
  private var draining = false
  /// The end of a resend we asked for; while set we do not ask again.
  var resendRequestedUpTo: Int?
  /// The end of the scheduled period the session runs in; nil when always in session.
  var periodEnd: Int64?

  /// Every use of the session holds this lock: its connection's reader thread, and any thread
  /// that sends through it (`locked`). Recursive, so an application may send from inside a
  /// callback; held for the work on one message, never across a socket wait.
  private let lock = NSRecursiveLock()

  /// Runs `body` holding the session's lock.
  public func locked<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
    lock.lock()
    defer { lock.unlock() }
    return try body()
  }

  public init(settings: FIXSessionSettings, dictionary: FIXDictionary, store: FIXMessageStore) {
    self.settings = settings
    self.dictionary = dictionary
    self.store = store
    validator = FIXValidator(dictionary: dictionary)
    heartbeatSeconds = settings.heartbeatSeconds
  }

  var expectedSeq: Int { store.nextTargetSeq }

  // MARK: connection events

  /// A TCP connection is up: the initiator sends Logon, the acceptor waits for one. A new
  /// period of the schedule resets the store first.
  public func connected(now: Int64) {
    lastReceived = now
    lastSent = now
    testRequests = 0
    logoutSentAt = nil
    resendRequestedUpTo = nil
    queued.removeAll()
    state = settings.isInitiator ? .logonSent : .awaitingLogon
    guard enterSessionPeriod(now: now) else {
      // Outside the hours: the initiator does not log on; the acceptor refuses the Logon.
      if settings.isInitiator && state != .disconnected {
        event("outside the session's hours (\(settings.schedule)): no Logon")
        disconnect()
      }
      return
    }
    if settings.isInitiator {
      if settings.resetOnLogon { resetStore() }
      state = .logonSent
      logonSentAt = now
      sendLogon(now: now, reset: settings.resetOnLogon)
    } else {
      state = .awaitingLogon
    }
  }

  /// The connection went away (either side closed it).
  public func disconnected() {
    let wasLoggedOn = state == .loggedOn || state == .logoutSent
    state = .disconnected
    if wasLoggedOn { delegate?.fixSessionLoggedOut(self) }
  }

  /// A frame that failed the framing rules: ignored (no seq consumed), logged. Before Logon it
  /// ends the connection, as a counterparty that cannot frame its Logon is not a FIX session.
  public func garbled(_ reason: FIXGarble, now: Int64) {
    lastReceived = now
    counters.garbled.add()
    event("garbled message ignored: \(reason.rawValue)")
    if state == .awaitingLogon || state == .logonSent { disconnect() }
  }

  /// One message, already framed and parsed; then any queued messages that are now in sequence.
  public func receive(_ message: FIXMessageView, now: Int64) {
    counters.received.add()
    handle(message, now: now)
    drainQueue(now: now)
  }

  private func handle(_ message: FIXMessageView, now: Int64) {
    guard state != .disconnected else { return }
    lastReceived = now
    testRequests = 0
    guard message.beginString == dictionary.beginString else {
      event("BeginString \(message.beginString), expected \(dictionary.beginString)")
      if state == .loggedOn { sendLogout(text: "Incorrect BeginString", now: now) }
      disconnect()
      return
    }
    let type = message.msgType
    if state == .awaitingLogon || state == .logonSent, type != "A" {
      event("the first message is \(type), not a Logon")
      disconnect()
      return
    }
    if let rejection = validator.validate(message) {
      if type == "A" && state != .loggedOn {
        event("invalid Logon: \(rejection.text) \(rejection.refTag.map(String.init) ?? "")")
        disconnect()
        return
      }
      reject(message, rejection, now: now)
      return
    }
    dispatch(message, type: type, now: now)
  }

  private func dispatch(_ message: FIXMessageView, type: String, now: Int64) {
    switch type {
    case "A": receiveLogon(message, now: now)
    case "0": if verify(message, now: now) { consume(message) }
    case "1": receiveTestRequest(message, now: now)
    case "2": receiveResendRequest(message, now: now)
    case "3": if verify(message, now: now) { consume(message) }
    case "4": receiveSequenceReset(message, now: now)
    case "5": receiveLogout(message, now: now)
    default: receiveApplication(message, type: type, now: now)
    }
  }

  private func receiveApplication(_ message: FIXMessageView, type: String, now: Int64) {
    guard verify(message, now: now) else { return }
    if dictionary.messages[type]?.isAdmin == false, !settings.applicationTypes.contains(type) {
      businessReject(message, text: "Unsupported Message Type", reason: 3, now: now)
      consume(message)
      return
    }
    delegate?.fixSession(self, received: message)
    consume(message)
  }

  /// Keeps a copy of a message that arrived ahead of a gap, to process once the gap is filled
  /// (QuickFIX does the same). Bounded: past `queueLimit` messages the rest wait for the resend.
  func queue(_ message: FIXMessageView) {
    guard let seq = message.msgSeqNum, queued.count < queueLimit, queued[seq] == nil else { return }
    queued[seq] = Array(message.bytes)
  }

  private func drainQueue(now: Int64) {
    guard !draining, !queued.isEmpty else { return }
    draining = true
    defer { draining = false }
    while state == .loggedOn, let bytes = queued.removeValue(forKey: expectedSeq) {
      bytes.withUnsafeBytes { raw in
        if case .success(let message) = queueTable.parse(raw, dataFields: dictionary.dataFields) {
          handle(message, now: now)
        }
      }
    }
    queued = queued.filter { $0.key > expectedSeq }
  }

  /// The message had the expected seq: the next one is due.
  func consume(_ message: FIXMessageView) {
    guard let seq = message.msgSeqNum, seq == expectedSeq else { return }
    setNextTarget(seq + 1)
    if let end = resendRequestedUpTo, seq >= end { resendRequestedUpTo = nil }
  }

  func disconnect() {
    let wasLoggedOn = state == .loggedOn || state == .logoutSent
    state = .disconnected
    delegate?.fixSessionDisconnect(self)
    if wasLoggedOn { delegate?.fixSessionLoggedOut(self) }
  }

  func event(_ text: String) { delegate?.fixSession(self, event: text) }
}
