import Foundation

/// Measures replay speed of `orders` tick files: the figure behind "≥ 50 M events/s".
public enum TickStoreBenchmark {
  /// Replays every event of the `orders` file at `path` (checksums verified at open, outside the
  /// timed part), folding each into a checksum so the work cannot be optimised away; returns the
  /// event count, the seconds the replay took, and the checksum.
  public static func replay(path: String) throws(MarketDataError)
    -> (events: Int, seconds: Double, checksum: UInt64)
  {
    let file = try TickFile(path: path)
    let start = DispatchTime.now().uptimeNanoseconds
    var sum: UInt64 = 0
    var events = 0
    file.forEachOrderEvent { (event: OrderEvent) in
      sum = (sum &* 31) &+ UInt64(bitPattern: event.timeNanos) &+ event.orderID
        &+ UInt64(bitPattern: event.price &* event.quantity) &+ UInt64(event.kind.rawValue)
        &+ UInt64(event.side.rawValue) &+ event.newOrderID &+ UInt64(event.instrument)
      events &+= 1
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return (events, seconds, sum)
  }
}
