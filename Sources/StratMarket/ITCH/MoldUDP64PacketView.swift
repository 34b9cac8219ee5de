/// A MoldUDP64 packet checked in place, without copying or allocating: the header read, every
/// block inside the datagram, every message a known ITCH 5.0 type of its exact length (so
/// `ITCHWire` loads on a delivered message are safe), no bytes left over, and no sequence number
/// past UInt64.max. The live receiver's counterpart of `MoldUDP64Decoder`.
public struct MoldUDP64PacketView {
  /// The session.
  public let session: MoldUDP64Session
  /// The first message's number (for heartbeats and end of session: the next one).
  public let sequenceNumber: UInt64
  /// 0 for a heartbeat, 0xFFFF at the end of the session, else the number of messages.
  public let messageCount: UInt16
  private let bytes: UnsafeRawBufferPointer

  /// Checks `bytes`; nil when the packet is malformed in any way.
  public init?(checking bytes: UnsafeRawBufferPointer) {
    guard bytes.count >= MoldUDP64Packet.headerLength, let base = bytes.baseAddress else {
      return nil
    }
    session = MoldUDP64Session(wire: base)
    sequenceNumber = ITCHWire(base).u64(10)
    messageCount = ITCHWire(base).u16(18)
    self.bytes = bytes
    if isHeartbeat || isEndOfSession {
      guard bytes.count == MoldUDP64Packet.headerLength else { return nil }
      return
    }
    guard sequenceNumber.addingReportingOverflow(UInt64(messageCount)).overflow == false,
      Self.blocksFit(bytes, count: Int(messageCount))
    else { return nil }
  }

  /// True for a heartbeat.
  public var isHeartbeat: Bool { messageCount == 0 }
  /// True for the end-of-session packet.
  public var isEndOfSession: Bool { messageCount == MoldUDP64Packet.endOfSessionCount }
  /// One past the last sequence number the packet reveals.
  public var nextSequence: UInt64 {
    isHeartbeat || isEndOfSession ? sequenceNumber : sequenceNumber + UInt64(messageCount)
  }

  /// Calls `body` with each message's number and bytes (valid only during the call).
  public func forEachMessage(_ body: (UInt64, UnsafeRawBufferPointer) -> Void) {
    guard !isHeartbeat && !isEndOfSession else { return }
    var position = MoldUDP64Packet.headerLength
    for index in 0..<UInt64(messageCount) {
      let length = Int(ITCHWire(rawBase + position).u16(0))
      let message = UnsafeRawBufferPointer(start: rawBase + position + 2, count: length)
      body(sequenceNumber + index, message)
      position += 2 + length
    }
  }

  private var rawBase: UnsafeRawPointer { bytes.baseAddress! }

  private static func blocksFit(_ bytes: UnsafeRawBufferPointer, count: Int) -> Bool {
    let base = bytes.baseAddress!
    var position = MoldUDP64Packet.headerLength
    for _ in 0..<count {
      guard bytes.count - position >= 3 else { return false }
      let length = Int(ITCHWire(base + position).u16(0))
      guard bytes.count - position - 2 >= length,
        ITCHMessageType.length(of: base.load(fromByteOffset: position + 2, as: UInt8.self))
          == length
      else { return false }
      position += 2 + length
    }
    return position == bytes.count
  }
}
