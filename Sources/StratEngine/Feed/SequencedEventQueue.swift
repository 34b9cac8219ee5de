import StratMarket

/// The live feed's events waiting for the hot thread, each with the MoldUDP64 sequence number it
/// came in (the journal records it, so a restart knows where the feed resumes). A ring that
/// doubles when full, then never allocates again.
struct SequencedEventQueue {
  private var events: [OrderEvent]
  private var sequences: [UInt64]
  private var head = 0
  private(set) var count = 0

  init(capacity: Int) {
    let size = max(capacity.nextPowerOfTwo, 2)
    events = Array(repeating: OrderEvent(timeNanos: 0, kind: .add), count: size)
    sequences = Array(repeating: 0, count: size)
  }

  var isEmpty: Bool { count == 0 }

  @inline(__always)
  mutating func append(_ event: OrderEvent, sequence: UInt64) {
    if count == events.count { grow() }
    let slot = (head + count) & (events.count - 1)
    events[slot] = event
    sequences[slot] = sequence
    count += 1
  }

  /// Removes and returns the oldest event and its sequence; the queue must not be empty.
  @inline(__always)
  mutating func removeFirst() -> (OrderEvent, UInt64) {
    let taken = (events[head], sequences[head])
    head = (head + 1) & (events.count - 1)
    count -= 1
    return taken
  }

  private mutating func grow() {
    let size = events.count * 2
    var biggerEvents = Array(repeating: OrderEvent(timeNanos: 0, kind: .add), count: size)
    var biggerSequences = [UInt64](repeating: 0, count: size)
    for k in 0..<count {
      biggerEvents[k] = events[(head + k) & (events.count - 1)]
      biggerSequences[k] = sequences[(head + k) & (events.count - 1)]
    }
    (events, sequences, head) = (biggerEvents, biggerSequences, 0)
  }
}

extension Int {
  /// The smallest power of two ≥ self (1 for self ≤ 1).
  fileprivate var nextPowerOfTwo: Int { self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount) }
}
