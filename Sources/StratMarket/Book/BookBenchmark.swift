import Foundation

/// Book-building throughput, for the benchmark executable: messages applied per second on one
/// core. Tests never check timing.
public enum BookBenchmark {
  /// Builds one `OrderBook` from `events` (all applied, in order) and returns the message count
  /// and the wall-clock seconds taken. `repeats` > 1 rebuilds from empty that many times.
  public static func build(events: [OrderEvent], repeats: Int = 1) -> (messages: Int, seconds: Double) {
    let book = OrderBook(expectedOrders: 1 << 16)
    var checksum: Int64 = 0
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<max(1, repeats) {
      book.removeAll()
      events.withUnsafeBufferPointer { buffer in
        for event in buffer { book.apply(event) }
      }
      checksum &+= book.bestBid?.price ?? 0
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    // Keep the work observable so that it cannot be optimised away.
    if checksum == Int64.min { print(checksum) }
    return (events.count * max(1, repeats), seconds)
  }

  /// Like `build`, for a multi-instrument stream into a `BookSet`.
  public static func buildSet(events: [OrderEvent]) -> (messages: Int, seconds: Double) {
    let books = BookSet(expectedOrders: 1 << 20)
    let start = DispatchTime.now().uptimeNanoseconds
    events.withUnsafeBufferPointer { buffer in
      for event in buffer { books.apply(event) }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    if books.orderCount == Int.min { print(books.orderCount) }
    return (events.count, seconds)
  }
}
