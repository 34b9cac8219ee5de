import StratMarket

/// The last `capacity` messages a publisher sent, by sequence number: all its request server
/// can answer. A ring of fixed 50-byte slots (one ITCH message each), so its memory is
/// `capacity` × 51 bytes whatever the day; older numbers are answered with nothing.
public final class MoldUDP64RetransmissionStore {
  /// How many of the latest messages it keeps.
  public let capacity: Int
  /// The number the next appended message gets.
  public private(set) var nextSequence: UInt64 = 1
  private let lengths: UnsafeMutablePointer<UInt8>
  private let storage: UnsafeMutableRawPointer
  private static let slotBytes = ITCHMessageType.maximumLength

  /// A store keeping the last `capacity` messages.
  public init(capacity: Int) {
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
  public var firstSequence: UInt64 {
    nextSequence > UInt64(capacity) ? nextSequence - UInt64(capacity) : 1
  }

  /// Keeps one message (1…50 bytes) and returns its number.
  @discardableResult
  public func append(_ message: UnsafeRawBufferPointer) -> UInt64 {
    let index = Int(nextSequence % UInt64(capacity))
    let count = min(message.count, Self.slotBytes)
    (storage + index * Self.slotBytes).copyMemory(from: message.baseAddress!, byteCount: count)
    lengths[index] = UInt8(count)
    nextSequence += 1
    return nextSequence - 1
  }

  /// Message `sequence`, or nil when it was never sent or has left the ring.
  public func message(_ sequence: UInt64) -> UnsafeRawBufferPointer? {
    guard sequence >= firstSequence && sequence < nextSequence else { return nil }
    let index = Int(sequence % UInt64(capacity))
    return UnsafeRawBufferPointer(
      start: storage + index * Self.slotBytes,
      count: Int(lengths[index])
    )
  }
}
