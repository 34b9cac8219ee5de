import Foundation
import StratDiagnostics

/// Timing helpers for the ITCH decode path (used by strat-bench and the report; tests call them
/// only for their counts, never for their timing). Times are the calling thread's CPU time, not
/// wall time, so that other processes on a shared machine do not count against the decoder.
public enum ITCHBenchmark {
  /// Decodes every message of an in-memory ITCH file image with `ITCHFileReader` (framing
  /// detection, type and length checks) and maps each order message to an `OrderEvent` in place,
  /// as a book feed would. Returns the message count and the wall time.
  public static func decode(buffer: UnsafeRawBufferPointer) throws(MarketDataError)
    -> (messages: Int, seconds: Double)
  {
    let start = threadCPUSeconds()
    let reader = try ITCHFileReader(stream: BufferByteStream(buffer), policy: .skip)
    var event = OrderEvent(timeNanos: 0, kind: .add)
    var checksum: UInt64 = 0
    let count = try reader.forEachWire { wire in
      if wire.orderEvent(sessionMidnightNanos: 0, into: &event) {
        checksum &+= event.orderID &+ UInt64(bitPattern: event.price)
      }
    }
    let seconds = threadCPUSeconds() - start
    blackHole(checksum)
    return (count, seconds)
  }

  /// Walks an image in place (no reader, no copy), taking each length from the type byte as in
  /// zero-prefix files, and does the in-place OrderEvent mapping: the floor under `decode`.
  public static func scan(buffer: UnsafeRawBufferPointer) -> (messages: Int, seconds: Double) {
    let start = threadCPUSeconds()
    var event = OrderEvent(timeNanos: 0, kind: .add)
    var checksum: UInt64 = 0
    var count = 0
    var position = 0
    guard let base = buffer.baseAddress else { return (0, 0) }
    ITCHMessageType.lengths.withUnsafeBufferPointer { lengths in
      while buffer.count - position >= 3 {
        let type = base.load(fromByteOffset: position + 2, as: UInt8.self)
        let length = Int(lengths[Int(type)])
        guard length > 0, buffer.count - position - 2 >= length else { break }
        let wire = ITCHWire(base + position + 2)
        if wire.orderEvent(sessionMidnightNanos: 0, into: &event) {
          checksum &+= event.orderID &+ UInt64(bitPattern: event.price)
        }
        position += 2 + length
        count += 1
      }
    }
    let seconds = threadCPUSeconds() - start
    blackHole(checksum)
    return (count, seconds)
  }

  /// CPU time used by the calling thread, in seconds.
  public static func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  @inline(never)
  static func blackHole(_ value: UInt64) {
    if value == 0x5EED_5EED_5EED_5EED { print("") }
  }
}
