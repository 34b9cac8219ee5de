import Foundation

/// Latency samples of one benchmark run, kept whole so that percentiles are exact: the buffer
/// is allocated up front, so `record` neither allocates nor locks (it may run on the hot thread,
/// between events). One thread records; the summary is read after the run.
package final class LatencyRecorder {
  private let samples: UnsafeMutableBufferPointer<UInt64>
  /// Samples recorded; those past the capacity are counted in `dropped`, not kept.
  package private(set) var count = 0
  package private(set) var dropped = 0

  package init(capacity: Int) {
    samples = .allocate(capacity: max(capacity, 1))
  }

  deinit { samples.deallocate() }

  @inline(__always)
  package func record(_ nanoseconds: UInt64) {
    guard count < samples.count else { return dropped += 1 }
    samples[count] = nanoseconds
    count += 1
  }

  /// Percentiles and the log₂ histogram of what was recorded (sorts a copy).
  package func summary() -> LatencySummary {
    LatencySummary(Array(samples[0..<count]))
  }
}

/// Nearest-rank percentiles (the smallest sample with at least p of the samples at or below
/// it) and counts per power-of-two bucket, in nanoseconds.
package struct LatencySummary: Sendable, Equatable {
  package var count = 0
  package var p50: UInt64 = 0, p99: UInt64 = 0, p999: UInt64 = 0, max: UInt64 = 0
  /// `buckets[k]` counts samples in [2ᵏ, 2ᵏ⁺¹) ns (bucket 0 also holds 0 ns).
  package var buckets: [Int] = []

  package init(_ values: [UInt64]) {
    let sorted = values.sorted()
    count = sorted.count
    guard let last = sorted.last else { return }
    func rank(_ p: Double) -> UInt64 {
      let k = Int((p * Double(sorted.count)).rounded(.up))
      return sorted[Swift.min(Swift.max(k, 1), sorted.count) - 1]
    }
    (p50, p99, p999, max) = (rank(0.5), rank(0.99), rank(0.999), last)
    buckets = [Int](repeating: 0, count: Self.bucket(of: last) + 1)
    for v in sorted { buckets[Self.bucket(of: v)] += 1 }
  }

  /// The power-of-two bucket of `value`: ⌊log₂ value⌋, 0 for 0 and 1.
  package static func bucket(of value: UInt64) -> Int { value < 2 ? 0 : 63 - value.leadingZeroBitCount }

  /// "p50 0.41 µs, p99 …": the four figures in microseconds.
  package var text: String {
    "p50 \(Self.micro(p50)), p99 \(Self.micro(p99)), p99.9 \(Self.micro(p999)), max \(Self.micro(max)) µs (\(count) samples)"
  }

  /// One line per non-empty bucket from the first non-empty one: range, count, share, a bar.
  package var histogram: String {
    guard let first = buckets.firstIndex(where: { $0 > 0 }) else { return "(no samples)\n" }
    let widest = buckets.max() ?? 1
    var lines = ""
    for k in first..<buckets.count {
      let low = k == 0 ? 0 : UInt64(1) << UInt64(k)
      let range = "\(low)–\(UInt64(1) << UInt64(k + 1)) ns"
      let share = Double(buckets[k]) / Double(count) * 100
      let bar = String(repeating: "#", count: buckets[k] == 0 ? 0 : Swift.max(1, buckets[k] * 40 / widest))
      lines += range.padding(toLength: 20, withPad: " ", startingAt: 0)
        + String(buckets[k]).leftPadded(9) + "  " + Self.percent(share).leftPadded(7) + "  " + bar + "\n"
    }
    return lines
  }

  /// Nanoseconds as microseconds with two decimals.
  static func micro(_ nanos: UInt64) -> String { String(format: "%.2f", Double(nanos) / 1e3) }

  static func percent(_ share: Double) -> String { share >= 0.01 ? String(format: "%.2f %%", share) : "<0.01 %" }
}

extension String {
  func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
