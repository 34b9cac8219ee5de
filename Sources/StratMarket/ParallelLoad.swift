import Foundation

/// Runs independent loading jobs (one file each) at the same time, so that a run reading two
/// files takes the time of the slower one on a machine with two free cores. Results come back
/// in index order whatever the threads did, so what is loaded never depends on the schedule.
/// The backtest's result files are written the same way (`BacktestResult.write(to:)`).
package enum ParallelLoad {
  /// `body(k)` for every k in 0..<count, run concurrently (the calling thread takes part);
  /// the results in index order.
  package static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
    guard count > 1 else { return (0..<count).map(body) }
    let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    slots.initialize(repeating: nil)
    defer { slots.deinitialize().deallocate() }
    // Each job writes only its own slot; concurrentPerform returns after every job has ended.
    nonisolated(unsafe) let shared = slots
    withoutActuallyEscaping(body) { body in
      nonisolated(unsafe) let job = body
      DispatchQueue.concurrentPerform(iterations: count) { k in shared[k] = job(k) }
    }
    return slots.map { $0! }
  }
}
