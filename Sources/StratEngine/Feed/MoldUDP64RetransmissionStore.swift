import StratMarket

/// The last `capacity` messages a publisher sent, by sequence number: all its request server
/// can answer. A ring of fixed 50-byte slots (one ITCH message each), so its memory is
/// `capacity` × 51 bytes whatever the day; older numbers are answered with nothing.
final class MoldUDP64RetransmissionStore {
  let capacity: Int
  /// The number the next appended message gets.
  private(set) var nextSequence: UInt64 = 1
  private let lengths: UnsafeMutablePointer<UInt8>
  private let storage: UnsafeMutableRawPointer
  private static let slotBytes = ITCHMessageType.maximumLength

  init(capacity: Int) {
    self.capacity = max(1, capacity)
    lengths = .allocate(capacity: self.capacity)
    lengths.initialize(repeating: 0, count: self.capacity)
    storage = .allocate(byteCount: self.capacity * Self.slotBytes, alignment: 8)
  }

  deinit {
    lengths.deallocate()
    storage.deallocate()
  }

  /// The oldest number still kept.
  var firstSequence: UInt64 {
    nextSequence > UInt64(capacity) ? nextSequence - UInt64(capacity) : 1
  }

  /// Keeps one message (1…50 bytes) and returns its number.
  @discardableResult
  func append(_ message: UnsafeRawBufferPointer) -> UInt64 {
    let index = Int(nextSequence % UInt64(capacity))
    let count = min(message.count, Self.slotBytes)
    (storage + index * Self.slotBytes).copyMemory(from: message.baseAddress!, byteCount: count)
    lengths[index] = UInt8(count)
    nextSequence += 1
    return nextSequence - 1
  }

  /// Message `sequence`, or nil when it was never sent or has left the ring.
  func message(_ sequence: UInt64) -> UnsafeRawBufferPointer? {
    guard sequence >= firstSequence && sequence < nextSequence else { return nil }
    let index = Int(sequence % UInt64(capacity))
    return UnsafeRawBufferPointer(
      start: storage + index * Self.slotBytes,
      count: Int(lengths[index])
    )
  }
}

/// Builds one MoldUDP64 packet in a buffer allocated once.
final class MoldUDP64PacketBuffer {
  let capacity: Int
  let session: MoldUDP64Session
  private let base: UnsafeMutableRawPointer
  private(set) var length = MoldUDP64Packet.headerLength
  private(set) var messageCount: UInt16 = 0

  /// A buffer for packets of at most `capacity` bytes (at least header + one message).
  init(session: MoldUDP64Session, capacity: Int) {
    self.session = session
    self.capacity = max(capacity, MoldUDP64Packet.headerLength + 2 + ITCHMessageType.maximumLength)
    base = .allocate(byteCount: self.capacity, alignment: 8)
  }

  deinit { base.deallocate() }

  var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: length) }

  /// Starts a packet whose first message (or, for count 0 / 0xFFFF, next number) is `sequence`.
  func start(_ sequence: UInt64, count: UInt16 = 0) {
    session.write(to: base)
    base.storeBytes(of: sequence.bigEndian, toByteOffset: 10, as: UInt64.self)
    setCount(count)
    length = MoldUDP64Packet.headerLength
  }

  /// True when a message of `bytes` more would still fit.
  func fits(_ bytes: Int) -> Bool { length + 2 + bytes <= capacity && messageCount < 0xFFFE }

  func append(_ message: UnsafeRawBufferPointer) {
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
  func copy(_ other: MoldUDP64PacketBuffer) {
    start(0)
    base.copyMemory(from: other.bytes.baseAddress!, byteCount: other.length)
    length = other.length
    messageCount = other.messageCount
  }
}
