/// One FIX session's identity and rules.
public struct FIXSessionSettings: Sendable {
  public var version: FIXVersion
  /// Our CompID (49 on what we send) and the counterparty's (56 on what we send).
  public var senderCompID: String
  public var targetCompID: String
  /// The initiator connects and sends the first Logon; the acceptor answers it.
  public var isInitiator: Bool
  /// HeartBtInt (108) the initiator asks for, in seconds; an acceptor takes the initiator's.
  public var heartbeatSeconds: Int
  /// Start every Logon from seq 1 on both sides (ResetSeqNumFlag 141=Y from the initiator; an
  /// acceptor resets when the Logon asks, or always when this is set).
  public var resetOnLogon: Bool
  /// How far SendingTime (52) may be from our clock before a Reject and Logout.
  public var maxClockSkewNanos: Int64
  /// How long to wait for the counterparty's Logout (or Logon) before disconnecting.
  public var logoutTimeoutNanos: Int64
  /// Application message types this side handles; any other valid type gets a
  /// BusinessMessageReject (j) "Unsupported Message Type".
  public var applicationTypes: Set<String>
  /// When the session may be logged on and when its seqs start over (default: always).
  public var schedule: FIXSessionSchedule

  public init(
    version: FIXVersion = .fix44, senderCompID: String, targetCompID: String, isInitiator: Bool,
    heartbeatSeconds: Int = 30, resetOnLogon: Bool = false, maxClockSkewNanos: Int64 = 120_000_000_000,
    logoutTimeoutNanos: Int64 = 2_000_000_000, applicationTypes: Set<String> = ["D", "F", "G", "H", "8", "9", "j"],
    schedule: FIXSessionSchedule = .always
  ) {
    self.version = version
    self.senderCompID = senderCompID
    self.targetCompID = targetCompID
    self.isInitiator = isInitiator
    self.heartbeatSeconds = heartbeatSeconds
    self.resetOnLogon = resetOnLogon
    self.maxClockSkewNanos = maxClockSkewNanos
    self.logoutTimeoutNanos = logoutTimeoutNanos
    self.applicationTypes = applicationTypes
    self.schedule = schedule
  }
}

/// What a session asks of the connection and the application that own it. Called on the
/// session's thread.
public protocol FIXSessionDelegate: AnyObject {
  /// Writes framed bytes to the socket (already in the message store when they are ours).
  func fixSession(_ session: FIXSession, write bytes: UnsafeRawBufferPointer)
  /// Closes the connection.
  func fixSessionDisconnect(_ session: FIXSession)
  /// An application message, in sequence, valid for the dictionary.
  func fixSession(_ session: FIXSession, received message: FIXMessageView)
  /// Logon completed (both sides) or the session ended.
  func fixSessionLoggedOn(_ session: FIXSession)
  func fixSessionLoggedOut(_ session: FIXSession)
  /// Something worth a log line (a garbled message, a reject sent, a resend).
  func fixSession(_ session: FIXSession, event: String)
}
