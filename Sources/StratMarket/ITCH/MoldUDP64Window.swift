/// The messages a receiver holds past a gap: `capacity` fixed slots of one ITCH message each
/// (at most 50 bytes), slot = sequence number modulo capacity. Only numbers in
/// [next, next + capacity) are ever held, so a slot names one number. Allocated once.
final class MoldUDP64Window {
  static let slotBytes = ITCHMessageType.maximumLength
  let capacity: Int
  private(set) var held = 0
  /// 0 for an empty slot (no ITCH message is empty).
  private let lengths: UnsafeMutablePointer<UInt8>
  private let storage: UnsafeMutableRawPointer

  init(capacity: Int) {
    self.capacity = capacity
    lengths = .allocate(capacity: capacity)
    lengths.initialize(repeating: 0, count: capacity)
    storage = .allocate(byteCount: capacity * Self.slotBytes, alignment: 8)
  }

  deinit {
    lengths.deallocate()
    storage.deallocate()
  }

  private func slot(_ sequence: UInt64) -> Int { Int(sequence % UInt64(capacity)) }

  func isHeld(_ sequence: UInt64) -> Bool { lengths[slot(sequence)] != 0 }

  /// Copies a message in; false when that number is already held.
  func hold(_ sequence: UInt64, _ bytes: UnsafeRawBufferPointer) -> Bool {
    let index = slot(sequence)
    guard lengths[index] == 0, (1...Self.slotBytes).contains(bytes.count) else { return false }
    (storage + index * Self.slotBytes).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
    lengths[index] = UInt8(bytes.count)
    held += 1
    return true
  }

  func withHeld(_ sequence: UInt64, _ body: (UnsafeRawBufferPointer) -> Void) {
    let index = slot(sequence)
    body(
      UnsafeRawBufferPointer(start: storage + index * Self.slotBytes, count: Int(lengths[index]))
    )
  }

  func release(_ sequence: UInt64) {
    let index = slot(sequence)
    if lengths[index] != 0 { held -= 1 }
    lengths[index] = 0
  }

  func releaseAll() {
    guard held > 0 else { return }
    lengths.update(repeating: 0, count: capacity)
    held = 0
  }

  /// The first held number in [from, end), looking no further than the window; `end` if none.
  func firstHeld(from: UInt64, before end: UInt64) -> UInt64 {
    guard held > 0, end > from else { return end }
    let limit = min(end, from &+ UInt64(capacity) < from ? UInt64.max : from + UInt64(capacity))
    var sequence = from
    while sequence < limit {
      if isHeld(sequence) { return sequence }
      sequence += 1
    }
    return end
  }
}

/// Holes that opened behind another gap, to ask for at once rather than one after another (a
/// fixed ring; when full, a hole waits until it is the first one).
final class MoldUDP64HoleQueue {
  static let capacity = 256
  private let starts = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
  private let ends = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
  private var head = 0
  private var count = 0

  deinit {
    starts.deallocate()
    ends.deallocate()
  }

  func push(_ start: UInt64, _ end: UInt64) {
    guard count < Self.capacity else { return }
    let index = (head + count) % Self.capacity
    (starts[index], ends[index]) = (start, end)
    count += 1
  }

  func pop() -> (start: UInt64, end: UInt64)? {
    guard count > 0 else { return nil }
    defer {
      head = (head + 1) % Self.capacity
      count -= 1
    }
    return (starts[head], ends[head])
  }

  func removeAll() { (head, count) = (0, 0) }
}
