import StratMarket

/// A first-in first-out queue of events in a ring that doubles when full: the events the venue
/// has seen and the strategy has not yet (they are in flight on the feed's latency). It grows to
/// the most events ever in flight at once and then never allocates again.
package struct EventQueue {
  private var storage: [OrderEvent]
  private var head = 0
  package private(set) var count = 0

  package init(capacity: Int = 64) {
    storage = Array(repeating: OrderEvent.placeholder, count: max(capacity.nextPowerOfTwo, 2))
  }

  package var isEmpty: Bool { count == 0 }

  /// The oldest event; the queue must not be empty.
  @inline(__always)
  package var first: OrderEvent { storage[head] }

  @inline(__always)
  package mutating func append(_ event: OrderEvent) {
    if count == storage.count { grow() }
    storage[(head + count) & (storage.count - 1)] = event
    count += 1
  }

  /// Removes and returns the oldest event; the queue must not be empty.
  @inline(__always)
  package mutating func removeFirst() -> OrderEvent {
    let event = storage[head]
    head = (head + 1) & (storage.count - 1)
    count -= 1
    return event
  }

  private mutating func grow() {
    var bigger = Array(repeating: OrderEvent.placeholder, count: storage.count * 2)
    for k in 0..<count { bigger[k] = storage[(head + k) & (storage.count - 1)] }
    storage = bigger
    head = 0
  }
}

extension OrderEvent {
  /// A filler for unused ring slots.
  static let placeholder = OrderEvent(timeNanos: 0, kind: .add)
}

extension Int {
  /// The smallest power of two ≥ self (1 for self ≤ 1).
  var nextPowerOfTwo: Int { self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount) }
}
