/// One MoldUDP64 downstream packet: a 20-byte header (session 10 bytes, sequence number 8,
/// message count 2, big-endian) and `messageCount` blocks of 2-byte length + message.
public struct MoldUDP64Packet: Sendable, Hashable {
  /// Message count of an end-of-session packet.
  public static let endOfSessionCount: UInt16 = 0xFFFF
  /// Header bytes before the first message block.
  public static let headerLength = 20

  /// The session name (10 ASCII bytes on the wire, trailing spaces removed here).
  public var session: String
  /// The sequence number of the first message (for heartbeats: the next expected number).
  public var sequenceNumber: UInt64
  /// Messages announced by the header: 0 for a heartbeat, 0xFFFF at the end of the session.
  public var messageCount: UInt16
  /// The decoded messages (malformed ones skipped under `.skip` are missing).
  public var messages: [ITCHMessage]

  /// Creates a packet.
  public init(
    session: String,
    sequenceNumber: UInt64,
    messageCount: UInt16,
    messages: [ITCHMessage]
  ) {
    self.session = session
    self.sequenceNumber = sequenceNumber
    self.messageCount = messageCount
    self.messages = messages
  }

  /// True for a heartbeat (no messages).
  public var isHeartbeat: Bool { messageCount == 0 }
  /// True for the end-of-session packet.
  public var isEndOfSession: Bool { messageCount == Self.endOfSessionCount }
  /// Sequence numbers the packet uses up (0 for heartbeats and end of session).
  public var sequenceSpan: UInt64 { isEndOfSession ? 0 : UInt64(messageCount) }
}
