import Synchronization

/// A monotonically increasing count (Prometheus `counter`). `add` is a relaxed atomic add: safe
/// from the hot thread, with no lock and no allocation; readers see it eventually.
public final class Counter: Sendable {
  private let count = Atomic<UInt64>(0)

  init() {}

  /// Adds `amount` (wraps past 2^64, which a counter of events never reaches).
  @inline(__always)
  public func add(_ amount: UInt64 = 1) { count.wrappingAdd(amount, ordering: .relaxed) }

  /// The count now.
  public var value: UInt64 { count.load(ordering: .relaxed) }
}

/// A value that goes up and down (Prometheus `gauge`), a Double stored as its bits in one
/// atomic word: `set` is a relaxed store, `add` a compare-exchange loop; no lock, no allocation.
public final class Gauge: Sendable {
  private let bits = Atomic<UInt64>(0.0.bitPattern)

  init() {}

  /// Sets the value.
  @inline(__always)
  public func set(_ value: Double) { bits.store(value.bitPattern, ordering: .relaxed) }

  /// Sets the value from an integer (a position, a count of open orders).
  @inline(__always)
  public func set(_ value: Int64) { set(Double(value)) }

  /// Adds `delta` (may be negative).
  public func add(_ delta: Double) {
    var old = bits.load(ordering: .relaxed)
    while true {
      let new = (Double(bitPattern: old) + delta).bitPattern
      let (exchanged, original) = bits.weakCompareExchange(
        expected: old,
        desired: new,
        ordering: .relaxed
      )
      if exchanged { return }
      old = original
    }
  }

  /// The value now.
  public var value: Double { Double(bitPattern: bits.load(ordering: .relaxed)) }
}
