import StratMarket

/// Builds one MoldUDP64 packet in a buffer allocated once.
public final class MoldUDP64PacketBuffer {
  /// The largest packet, in bytes.
  public let capacity: Int
  /// The session every packet carries.
  public let session: MoldUDP64Session
  private let base: UnsafeMutableRawPointer
  /// Bytes in the packet so far.
  public private(set) var length = MoldUDP64Packet.headerLength
  /// Messages in the packet so far.
  public private(set) var messageCount: UInt16 = 0

  /// A buffer for packets of at most `capacity` bytes (at least header + one message).
  public init(session: MoldUDP64Session, capacity: Int) {
    self.session = session
    self.capacity = max(capacity, MoldUDP64Packet.headerLength + 2 + ITCHMessageType.maximumLength)
    base = .allocate(byteCount: self.capacity, alignment: 8)
  }

  deinit { base.deallocate() }

  /// The packet as built so far.
  public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: length) }

  /// Starts a packet whose first message (or, for count 0 / 0xFFFF, next number) is `sequence`.
  public func start(_ sequence: UInt64, count: UInt16 = 0) {
    session.write(to: base)
    base.storeBytes(of: sequence.bigEndian, toByteOffset: 10, as: UInt64.self)
    setCount(count)
    length = MoldUDP64Packet.headerLength
  }

  /// True when a message of `bytes` more would still fit.
  public func fits(_ bytes: Int) -> Bool { length + 2 + bytes <= capacity && messageCount < 0xFFFE }

  /// Appends one message (length-prefixed); the caller checked `fits`.
  public func append(_ message: UnsafeRawBufferPointer) {
    base.storeBytes(of: UInt16(message.count).bigEndian, toByteOffset: length, as: UInt16.self)
    (base + length + 2).copyMemory(from: message.baseAddress!, byteCount: message.count)
    length += 2 + message.count
    setCount(messageCount + 1)
  }

  private func setCount(_ count: UInt16) {
    messageCount = count
    base.storeBytes(of: count.bigEndian, toByteOffset: 18, as: UInt16.self)
  }
}

extension MoldUDP64PacketBuffer {
  /// Becomes a copy of `other` (same capacity).
  public func copy(_ other: MoldUDP64PacketBuffer) {
    start(0)
    base.copyMemory(from: other.bytes.baseAddress!, byteCount: other.length)
    length = other.length
    messageCount = other.messageCount
  }
}
