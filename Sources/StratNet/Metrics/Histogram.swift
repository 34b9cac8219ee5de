import Synchronization

/// Counts of observations by fixed buckets (Prometheus `histogram`). Bounds are integers in the
/// caller's unit (nanoseconds for latencies) and rendered divided by `unitsPerBase` (1e9: in
/// seconds, Prometheus' base unit). `observe` scans the bounds and does two relaxed atomic adds
/// (bucket, sum), safe from any thread; `observeSingleWriter` is the cheaper form for the one
/// thread that updates it. Neither locks nor allocates.
public final class Histogram: @unchecked Sendable {
  // @unchecked: `bounds` and `buckets` are written only by init and deinit; every later access
  // is a read of `bounds` or an atomic operation on `buckets`.
  private let bounds: UnsafeMutableBufferPointer<UInt64>
  /// Non-cumulative counts, one per bound and one more for +Inf.
  private let buckets: UnsafeMutablePointer<Atomic<UInt64>>
  private let total = Atomic<UInt64>(0)
  /// How many of the bounds' units make one rendered unit.
  public let unitsPerBase: Double

  /// 1-2-5 steps from 100 ns to 10 ms: where tick-to-order and fsync latencies fall.
  public static let latencyBoundsNanoseconds: [UInt64] = [
    100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000,
    1_000_000, 2_000_000, 5_000_000, 10_000_000,
  ]

  /// `bounds` must be strictly increasing (the registry checks).
  init(bounds: [UInt64], unitsPerBase: Double) {
    self.bounds = .allocate(capacity: bounds.count)
    _ = self.bounds.initialize(from: bounds)
    buckets = .allocate(capacity: bounds.count + 1)
    for index in 0...bounds.count { (buckets + index).initialize(to: Atomic(0)) }
    self.unitsPerBase = unitsPerBase
  }

  deinit {
    buckets.deinitialize(count: bounds.count + 1)
    buckets.deallocate()
    bounds.deallocate()
  }

  /// Counts one observation of `value` (in the bounds' unit) in the first bucket whose bound
  /// is ≥ `value` (Prometheus' `le`).
  @inline(__always)
  public func observe(_ value: UInt64) {
    var index = 0
    while index < bounds.count && value > bounds[index] { index += 1 }
    buckets[index].wrappingAdd(1, ordering: .relaxed)
    total.wrappingAdd(value, ordering: .relaxed)
  }

  /// Counts one observation, as `observe`, when the calling thread is this histogram's only
  /// writer (the hot thread): relaxed loads and stores, no locked instruction. Mixing it with
  /// `observe` from another thread loses observations.
  @inline(__always)
  public func observeSingleWriter(_ value: UInt64) {
    var index = 0
    while index < bounds.count && value > bounds[index] { index += 1 }
    buckets[index].store(buckets[index].load(ordering: .relaxed) &+ 1, ordering: .relaxed)
    total.store(total.load(ordering: .relaxed) &+ value, ordering: .relaxed)
  }

  /// The bounds, in their unit.
  public var upperBounds: [UInt64] { Array(bounds) }

  /// A snapshot: cumulative counts per bound then +Inf (the last is the count), and the sum.
  /// Read without a lock while the hot thread observes, so the sum may be a few observations
  /// ahead of or behind the counts; the counts agree with each other by construction.
  public func snapshot() -> (cumulative: [UInt64], sum: UInt64) {
    var cumulative: [UInt64] = []
    cumulative.reserveCapacity(bounds.count + 1)
    var running: UInt64 = 0
    for index in 0...bounds.count {
      running &+= buckets[index].load(ordering: .relaxed)
      cumulative.append(running)
    }
    return (cumulative, total.load(ordering: .relaxed))
  }
}
