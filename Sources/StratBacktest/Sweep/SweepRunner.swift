import Foundation

/// Runs `count` independent jobs on worker threads and hands their results to the caller's
/// thread strictly in index order, through a bounded reorder buffer.
///
/// ```
///            claim k (k < emitted + window)          results[k]
///  worker 1 ─────────────┐                       ┌──────────────┐
///  worker 2 ─── work(k) ─┼──► lock/condition ───►│ reorder buffer│──► emit(k) in order
///  worker N ─────────────┘     (SweepQueue)      └──────────────┘     (caller's thread)
/// ```
/// A worker may only claim index k while k < emitted + window, so at most `window` results wait
/// in the buffer whatever the grid size: memory is bounded, and a slow run early in the grid
/// holds the others back instead of letting the buffer grow. Output order, and therefore every
/// byte written, is independent of the number of threads.
public enum SweepRunner {
  /// Runs `work(k)` for k in 0..<count on `jobs` threads (1 runs inline) and calls `emit(k, result)`
  /// on the calling thread in increasing k.
  public static func run<Outcome: Sendable>(
    count: Int,
    jobs: Int,
    window: Int? = nil,
    work: @escaping @Sendable (Int) -> Outcome,
    emit: (Int, Outcome) -> Void
  ) {
    guard count > 0 else { return }
    let threads = max(1, min(jobs, count))
    if threads == 1 {
      for k in 0..<count { emit(k, work(k)) }
      return
    }
    let queue = SweepQueue<Outcome>(count: count, window: max(window ?? 4 * threads, threads))
    for _ in 0..<threads {
      // The interpreter recurses little, but compiling a strategy may: give workers the main
      // thread's usual stack size rather than the smaller default of secondary threads.
      let thread = Thread { queue.work(work) }
      thread.stackSize = 8 << 20
      thread.start()
    }
    for k in 0..<count { emit(k, queue.take(k)) }
  }
}

/// The state the workers and the emitting thread share; every field is read and written under
/// `condition`'s lock, which is why the class may be `@unchecked Sendable`.
final class SweepQueue<Outcome: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private let count: Int
  private let window: Int
  /// The next index to claim.
  private var next = 0
  /// How many results the emitting thread has taken.
  private var emitted = 0
  /// Finished results not yet taken (at most `window`).
  private var results: [Int: Outcome] = [:]

  init(count: Int, window: Int) {
    self.count = count
    self.window = window
  }

  /// A worker's loop: claim an index inside the window, run it, deposit the result.
  func work(_ job: @Sendable (Int) -> Outcome) {
    while let k = claim() {
      let outcome = job(k)
      condition.lock()
      results[k] = outcome
      condition.broadcast()
      condition.unlock()
    }
  }

  /// The next index to run, waiting while it is too far ahead of the output; nil when done.
  private func claim() -> Int? {
    condition.lock()
    defer { condition.unlock() }
    while next < count && next >= emitted + window { condition.wait() }
    guard next < count else { return nil }
    next += 1
    return next - 1
  }

  /// Waits for result `k` and removes it from the buffer, letting workers claim one more.
  func take(_ k: Int) -> Outcome {
    condition.lock()
    defer { condition.unlock() }
    while results[k] == nil { condition.wait() }
    let outcome = results.removeValue(forKey: k)!
    emitted = k + 1
    condition.broadcast()
    return outcome
  }
}
