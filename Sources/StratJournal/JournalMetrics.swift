import Synchronization

/// Counters and a fixed-bucket histogram of fsync group latency. The syncer thread is the only
/// writer; any thread reads them (relaxed atomic loads: each number is exact, a snapshot taken
/// while a group lands may mix the counts before and after it).
package final class JournalMetrics: @unchecked Sendable {
  /// Upper bounds of the latency buckets, in microseconds; one more bucket counts the rest.
  package static let bucketBoundsMicroseconds: [UInt64] = [
    10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000,
    1_000_000,
  ]
  private let bounds: UnsafeMutablePointer<UInt64>
  private let buckets: UnsafeMutablePointer<Atomic<UInt64>>
  private let bucketCount = bucketBoundsMicroseconds.count + 1
  private let groups = Atomic<UInt64>(0)
  private let records = Atomic<UInt64>(0)
  private let bytes = Atomic<UInt64>(0)
  private let errors = Atomic<UInt64>(0)
  private let totalNanoseconds = Atomic<UInt64>(0)
  private let maxNanoseconds = Atomic<UInt64>(0)
  /// The first `sampleCapacity` group latencies in nanoseconds, for benchmarks' exact percentiles.
  private let samples: UnsafeMutablePointer<UInt64>
  private let sampleCapacity: Int
  private let sampleCount = Atomic<Int>(0)

  package init(sampleCapacity: Int = 0) {
    bounds = .allocate(capacity: Self.bucketBoundsMicroseconds.count)
    bounds.initialize(
      from: Self.bucketBoundsMicroseconds.map { $0 * 1_000 },
      count: Self.bucketBoundsMicroseconds.count
    )
    buckets = .allocate(capacity: bucketCount)
    for i in 0..<bucketCount { (buckets + i).initialize(to: Atomic(0)) }
    self.sampleCapacity = sampleCapacity
    samples = .allocate(capacity: max(sampleCapacity, 1))
  }

  deinit {
    bounds.deallocate()
    buckets.deinitialize(count: bucketCount)
    buckets.deallocate()
    samples.deallocate()
  }

  /// Counts one synced group (syncer thread only: each add is a plain read then store).
  package func recordGroup(nanoseconds: UInt64, records count: UInt64, bytes synced: UInt64) {
    var bucket = 0
    while bucket < bucketCount - 1, nanoseconds > bounds[bucket] { bucket += 1 }
    buckets[bucket].add(1, ordering: .relaxed)
    groups.add(1, ordering: .relaxed)
    records.add(count, ordering: .relaxed)
    bytes.add(synced, ordering: .relaxed)
    totalNanoseconds.add(nanoseconds, ordering: .relaxed)
    if nanoseconds > maxNanoseconds.load(ordering: .relaxed) {
      maxNanoseconds.store(nanoseconds, ordering: .relaxed)
    }
    let n = sampleCount.load(ordering: .relaxed)
    if n < sampleCapacity {
      samples[n] = nanoseconds
      sampleCount.store(n + 1, ordering: .releasing)  // the sample is written before it is counted
    }
  }

  /// Counts a failed msync/fsync.
  package func recordError() { errors.add(1, ordering: .relaxed) }

  /// Returns the counters now (any thread).
  package func snapshot() -> JournalMetricsSnapshot {
    JournalMetricsSnapshot(
      groups: groups.load(ordering: .relaxed),
      records: records.load(ordering: .relaxed),
      bytes: bytes.load(ordering: .relaxed),
      errors: errors.load(ordering: .relaxed),
      totalNanoseconds: totalNanoseconds.load(ordering: .relaxed),
      maxNanoseconds: maxNanoseconds.load(ordering: .relaxed),
      bucketCounts: (0..<bucketCount).map { buckets[$0].load(ordering: .relaxed) }
    )
  }

  /// Returns the recorded group latencies in nanoseconds (at most `sampleCapacity`).
  package func latencySamples() -> [UInt64] {
    let n = sampleCount.load(ordering: .acquiring)
    return Array(UnsafeBufferPointer(start: samples, count: n))
  }
}

/// The journal's counters at one moment. `bucketCounts[i]` counts groups whose latency was at
/// most `JournalMetrics.bucketBoundsMicroseconds[i]` µs (and more than the bound before it); the
/// last entry counts the rest. Prometheus wants them summed into `le` buckets.
package struct JournalMetricsSnapshot: Equatable, Sendable {
  /// Sync groups that completed.
  package let groups: UInt64
  /// Records made durable.
  package let records: UInt64
  /// Bytes of records made durable.
  package let bytes: UInt64
  /// Failed syncs (the durable sequence stops advancing).
  package let errors: UInt64
  package let totalNanoseconds: UInt64
  package let maxNanoseconds: UInt64
  package let bucketCounts: [UInt64]
}
