/// A MoldUDP64 session name: the header's 10 bytes, held as two integers so that comparing and
/// keeping one allocates nothing (the receiver checks it on every packet).
public struct MoldUDP64Session: Sendable, Hashable, CustomStringConvertible {
  /// Bytes 0..<8, big-endian.
  public var high: UInt64
  /// Bytes 8..<10, big-endian.
  public var low: UInt16

  /// The name `text` padded with spaces (or cut) to 10 bytes.
  public init(_ text: String) {
    var bytes = Array(text.utf8.prefix(10))
    while bytes.count < 10 { bytes.append(0x20) }
    high = bytes[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
    low = UInt16(bytes[8]) << 8 | UInt16(bytes[9])
  }

  /// The 10 bytes at `base`.
  @inlinable
  public init(wire base: UnsafeRawPointer) {
    let wire = ITCHWire(base)
    high = wire.u64(0)
    low = wire.u16(8)
  }

  /// Writes the 10 bytes at `base`.
  public func write(to base: UnsafeMutableRawPointer) {
    base.storeBytes(of: high.bigEndian, toByteOffset: 0, as: UInt64.self)
    base.storeBytes(of: low.bigEndian, toByteOffset: 8, as: UInt16.self)
  }

  /// The name without its trailing spaces.
  public var description: String {
    var bytes = (0..<8).map { UInt8(truncatingIfNeeded: high >> UInt64(56 - 8 * $0)) }
    bytes += [UInt8(low >> 8), UInt8(truncatingIfNeeded: low)]
    while bytes.last == 0x20 { bytes.removeLast() }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// A MoldUDP64 re-request (20 bytes: session, first sequence number, message count), sent by a
/// receiver to the request server, which answers with a packet holding those messages.
public struct MoldUDP64Request: Sendable, Hashable {
  /// Bytes on the wire.
  public static let length = 20
  /// The session the messages belong to.
  public var session: MoldUDP64Session
  /// The first sequence number wanted.
  public var sequenceNumber: UInt64
  /// How many messages are wanted from it.
  public var messageCount: UInt16

  /// Creates a request.
  public init(session: MoldUDP64Session, sequenceNumber: UInt64, messageCount: UInt16) {
    self.session = session
    self.sequenceNumber = sequenceNumber
    self.messageCount = messageCount
  }

  /// Reads a request; nil unless `bytes` is exactly 20 bytes.
  public init?(wire bytes: UnsafeRawBufferPointer) {
    guard bytes.count == Self.length, let base = bytes.baseAddress else { return nil }
    session = MoldUDP64Session(wire: base)
    sequenceNumber = ITCHWire(base).u64(10)
    messageCount = ITCHWire(base).u16(18)
  }

  /// Writes the 20 bytes into `buffer` (at least 20 bytes long) and returns them.
  public func write(into buffer: UnsafeMutableRawBufferPointer) -> UnsafeRawBufferPointer {
    let base = buffer.baseAddress!
    session.write(to: base)
    base.storeBytes(of: sequenceNumber.bigEndian, toByteOffset: 10, as: UInt64.self)
    base.storeBytes(of: messageCount.bigEndian, toByteOffset: 18, as: UInt16.self)
    return UnsafeRawBufferPointer(start: base, count: Self.length)
  }
}
