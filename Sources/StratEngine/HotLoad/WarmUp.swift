import Dispatch
import Glibc
import StratNative

/// A warm-up: a new version replays the recent input records of the strategy it replaces, off
/// the hot thread, so that its windows are full when it is swapped in.
/// ```
///   hot-load thread: reset; replay records [written − K, …) ─ catching up ─▶ within `handoff`
///                    of the writer ─▶ staged (start, next)
///   hot thread, at the swap: replay [next, written) itself ─▶ swap (no event is dropped)
///   a torn read (the writer lapped the reader) ─▶ reset and start again
/// ```
/// K is the version's `warmupSteps` plus a margin, at most the ring's capacity less a slack.
package struct WarmUp: Sendable, Equatable {
  /// The first record replayed, and the first one the hot thread must still replay.
  package var start: UInt64
  package var next: UInt64

  /// Records a version replays: its warm-up steps and a margin, capped by the ring.
  package static func depth(for code: NativeCode, ring: InputRing) -> Int {
    min(code.warmupSteps + max(16, code.warmupSteps / 4), ring.capacity - 64)
  }

  /// Records the hot thread is left to replay at the swap, at most.
  static let handoff: UInt64 = 8

  /// Warms `executor` up on `ring` (off the hot thread); nil after `attempts` torn tries.
  /// `nearSwap` says the hot thread is about to take staged work (close to its next 256-event
  /// boundary): the warm-up keeps catching up until then (50 ms at most), so that the hot
  /// thread has few records left to replay.
  package static func run(
    _ executor: NativeExecutor, ring: InputRing, attempts: Int = 8, nearSwap: () -> Bool = { true }
  ) -> WarmUp? {
    let depth = UInt64(depth(for: executor.code, ring: ring))
    for _ in 0..<attempts {
      executor.reset()
      let written = ring.count
      let start = written > depth ? written - depth : 0
      if let next = catchUp(executor, ring: ring, from: start, nearSwap: nearSwap) { return WarmUp(start: start, next: next) }
    }
    return nil
  }

  /// Replays from `k` until the writer is within `handoff` records and the swap is near (or
  /// 50 ms have passed); nil on a torn read.
  static func catchUp(_ executor: NativeExecutor, ring: InputRing, from k: UInt64, nearSwap: () -> Bool) -> UInt64? {
    var next = k
    let deadline = DispatchTime.now().uptimeNanoseconds + 50_000_000
    while true {
      let end = ring.count
      if end - next <= handoff && (nearSwap() || DispatchTime.now().uptimeNanoseconds > deadline) { return next }
      if next == end { sched_yield() }
      while next < end {
        guard ring.replay(next, into: executor) else { return nil }
        next += 1
      }
    }
  }

  /// The hot thread's part at the swap: the records since `next`; false when the ring no
  /// longer holds `start` (the warm-up must start again).
  package func finish(_ executor: NativeExecutor, ring: InputRing) -> Bool {
    let written = ring.count
    guard written - start < UInt64(ring.capacity) else { return false }
    var k = next
    while k < written {
      guard ring.replay(k, into: executor) else { return false }
      k += 1
    }
    return true
  }

  /// A recovery's warm-up: the `records` last records, replayed on the hot thread.
  package static func replayLast(_ records: UInt64, into executor: NativeExecutor, ring: InputRing) -> Bool {
    executor.reset()
    let written = ring.count
    guard records <= written else { return false }
    return WarmUp(start: written - records, next: written - records).finish(executor, ring: ring)
  }
}
