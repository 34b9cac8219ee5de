import Foundation

/// Book-building throughput, for the benchmark executable: messages applied per second on one
/// core. Time is the thread's CPU time, so that other processes sharing the machine do not
/// count against the book. Tests never check timing.
public enum BookBenchmark {
  /// Builds one `OrderBook` from `events` (all applied, in order) and returns the message count
  /// and the CPU seconds taken. `repeats` > 1 rebuilds from empty that many times.
  public static func build(events: [OrderEvent], repeats: Int = 1) -> (
    messages: Int, seconds: Double
  ) {
    let book = OrderBook(expectedOrders: 1 << 16)
    var checksum: Int64 = 0
    let start = cpuNanos()
    for _ in 0..<max(1, repeats) {
      book.removeAll()
      events.withUnsafeBufferPointer { buffer in
        for event in buffer { book.apply(event) }
      }
      checksum &+= book.bestBid?.price ?? 0
    }
    let seconds = Double(cpuNanos() - start) / 1e9
    // Keep the work observable so that it cannot be optimised away.
    if checksum == Int64.min { print(checksum) }
    return (events.count * max(1, repeats), seconds)
  }

  /// Like `build`, for a multi-instrument stream into a `BookSet`.
  public static func buildSet(events: [OrderEvent]) -> (messages: Int, seconds: Double) {
    let books = BookSet(expectedOrders: 1 << 20)
    let start = cpuNanos()
    events.withUnsafeBufferPointer { buffer in
      for event in buffer { books.apply(event) }
    }
    let seconds = Double(cpuNanos() - start) / 1e9
    if books.orderCount == Int.min { print(books.orderCount) }
    return (events.count, seconds)
  }

  /// CPU time of the calling thread in nanoseconds.
  static func cpuNanos() -> Int64 {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec)
  }
}
