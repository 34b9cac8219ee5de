import StratNative
import Synchronization

/// The last `capacity` input records of one strategy (what its executor read at each step, and
/// the step's time), for a warm-up to replay into a new version:
/// ```
///   hot thread (the only writer), after each step:
///     claimed ← n+1 ; fence(release) ; memcpy record n into slot n % capacity ; written ← n+1 (release)
///   hot-load thread (a reader), record k:
///     k ≥ written − capacity ? ; memcpy slot k % capacity out ; fence(acquire) ; claimed − k ≤ capacity − 1 ?
///     no → the writer lapped the reader (a torn read): the warm-up starts again
/// ```
/// Preallocated once; an append is two memcpys and three atomic stores, no lock, no allocation.
package final class InputRing: @unchecked Sendable {
  package let capacity: Int
  package let recordBytes: Int
  private let records: UnsafeMutableRawPointer
  private let times: UnsafeMutablePointer<Int64>
  /// Records completely written (the next record's sequence number).
  private let written = Atomic<UInt64>(0)
  /// Records whose writing has begun: a reader checks this one after its copy.
  private let claimed = Atomic<UInt64>(0)

  /// A ring of `capacity` records (rounded up to a power of two) of `recordBytes` each.
  package init(capacity: Int, recordBytes: Int) {
    var size = 1
    while size < max(2, capacity) { size <<= 1 }
    self.capacity = size
    self.recordBytes = (recordBytes + 15) & ~15
    records = .allocate(byteCount: size * self.recordBytes, alignment: 16)
    times = .allocate(capacity: size)
    times.initialize(repeating: 0, count: size)
  }

  deinit {
    records.deallocate()
    times.deallocate()
  }

  /// Records appended so far.
  package var count: UInt64 { written.load(ordering: .acquiring) }

  /// Appends `executor`'s input record as of its last step at `time` (hot thread only).
  @inline(__always)
  package func append(_ executor: NativeExecutor, at time: Int64) {
    let n = written.load(ordering: .relaxed)
    claimed.store(n &+ 1, ordering: .relaxed)
    atomicMemoryFence(ordering: .releasing)
    let slot = Int(truncatingIfNeeded: n) & (capacity - 1)
    executor.saveInputs(to: records + slot &* recordBytes)
    times[slot] = time
    written.store(n &+ 1, ordering: .releasing)
  }

  /// Loads record `k` into `executor` and steps it (its decisions are discarded); false when
  /// the record is gone or was being overwritten while it was read (any thread).
  package func replay(_ k: UInt64, into executor: NativeExecutor) -> Bool {
    guard k < written.load(ordering: .acquiring), isHeld(k) else { return false }
    let slot = Int(truncatingIfNeeded: k) & (capacity - 1)
    executor.loadInputs(from: records + slot &* recordBytes)
    let time = times[slot]
    atomicMemoryFence(ordering: .acquiring)
    guard isHeld(k) else { return false }
    _ = executor.step(timeNanos: time)
    return true
  }

  /// True while record `k` has not begun to be overwritten.
  @inline(__always)
  func isHeld(_ k: UInt64) -> Bool { claimed.load(ordering: .relaxed) &- k <= UInt64(capacity - 1) }
}
