import Foundation
import StratABI

// The buffer arithmetic of `StratIR/WindowSemantics.md`, operation by operation, over slots in
// the raw state record (layout: StratABI's `StateLayout`, `RingFields`, `PairFields`, `EMAFields`). Each view is two words on the stack and
// inlines to plain loads and stores; nothing here allocates or checks bounds, because the
// translator has already proved every offset and capacity. Every f64 stored is `canonical`.

/// A ring N slot, or the ring prefix of a window N slot: `values[N], head, count`.
struct RingView {
  let base: UnsafeMutableRawPointer
  let capacity: Int

  @inline(__always) init(_ base: UnsafeMutableRawPointer, capacity: Int) {
    self.base = base
    self.capacity = capacity
  }

  @inline(__always) func value(at index: Int) -> Double {
    base.load(fromByteOffset: index &* RingFields.valueStride, as: Double.self)
  }

  @inline(__always) func setValue(_ value: Double, at index: Int) {
    base.storeBytes(of: canonical(value), toByteOffset: index &* RingFields.valueStride, as: Double.self)
  }

  private var header: Int { @inline(__always) get { RingFields.header(capacity: capacity) } }

  /// The next write position.
  var head: Int {
    @inline(__always) get { Int(base.load(fromByteOffset: header &+ RingFields.head, as: Int64.self)) }
    @inline(__always) nonmutating set {
      base.storeBytes(of: Int64(newValue), toByteOffset: header &+ RingFields.head, as: Int64.self)
    }
  }

  /// Values held, at most the capacity.
  var count: Int {
    @inline(__always) get { Int(base.load(fromByteOffset: header &+ RingFields.count, as: Int64.self)) }
    @inline(__always) nonmutating set {
      base.storeBytes(of: Int64(newValue), toByteOffset: header &+ RingFields.count, as: Int64.self)
    }
  }

  /// `values[head] = v; head = (head + 1) mod N; if count < N { count += 1 }`
  @inline(__always) func push(_ v: Double) {
    let h = head
    setValue(v, at: h)
    head = h &+ 1 == capacity ? 0 : h &+ 1
    let n = count
    if n < capacity { count = n &+ 1 }
  }

  /// `values[(head − 1 − k) mod N]`, for 0 ≤ k < N.
  @inline(__always) func lag(_ k: Int) -> Double {
    var index = head &- 1 &- k
    if index < 0 { index = index &+ capacity }
    return value(at: index)
  }

  /// The index of the oldest held value: 0 until the ring has wrapped, then `head`.
  @inline(__always) var oldest: Int { count < capacity ? 0 : head }
}

/// A window N slot: the ring prefix, then `shift, sum, sumsq`.
struct WindowView {
  let ring: RingView

  @inline(__always) init(_ base: UnsafeMutableRawPointer, capacity: Int) {
    ring = RingView(base, capacity: capacity)
  }

  private var header: UnsafeMutableRawPointer {
    @inline(__always) get { ring.base + RingFields.header(capacity: ring.capacity) }
  }

  /// The header offsets of `shift, sum, sumsq`, indexed 0, 1, 2 below.
  @inline(__always) private static func fieldOffset(_ index: Int) -> Int {
    index == 0 ? RingFields.shift : index == 1 ? RingFields.sum : RingFields.sumsq
  }

  @inline(__always) private func field(_ index: Int) -> Double {
    header.load(fromByteOffset: Self.fieldOffset(index), as: Double.self)
  }

  @inline(__always) private func setField(_ index: Int, _ value: Double) {
    header.storeBytes(of: canonical(value), toByteOffset: Self.fieldOffset(index), as: Double.self)
  }

  /// The window's push; see WindowSemantics.md.
  @inline(__always) func push(_ v: Double) {
    let n = ring.count
    let head = ring.head
    if n == 0 { setField(0, v) }
    let shift = field(0)
    let d = v - shift
    var sum = field(1) + d
    var sumsq = field(2) + d * d
    if n == ring.capacity {
      let o = ring.value(at: head) - shift
      sum = sum - o
      sumsq = sumsq - o * o
    } else {
      ring.count = n &+ 1
    }
    setField(1, sum)
    setField(2, sumsq)
    ring.setValue(v, at: head)
    ring.head = head &+ 1 == ring.capacity ? 0 : head &+ 1
  }

  /// `sum + n × shift`
  @inline(__always) func sum() -> Double {
    let n = Double(ring.count)
    return field(1) + n * field(0)
  }

  /// `sum ÷ n + shift`
  @inline(__always) func mean() -> Double {
    let n = Double(ring.count)
    return field(1) / n + field(0)
  }

  /// `max(0, sumsq ÷ n − m × m)` with `m = sum ÷ n`; a NaN difference stays NaN.
  @inline(__always) func varp() -> Double {
    let n = Double(ring.count)
    let m = field(1) / n
    let v = field(2) / n - m * m
    return v < 0 ? 0 : v
  }

  /// `varp × (n ÷ (n − 1))`
  @inline(__always) func vars() -> Double {
    let n = Double(ring.count)
    return varp() * (n / (n - 1))
  }

  /// C `fmin` (`cMinimum`) folded over the held values from the oldest; NaN when empty.
  @inline(__always) func min() -> Double { fold(cMinimum) }

  /// C `fmax` (`cMaximum`) folded over the held values from the oldest; NaN when empty.
  @inline(__always) func max() -> Double { fold(cMaximum) }

  @inline(__always) private func fold(_ combine: (Double, Double) -> Double) -> Double {
    let n = ring.count
    if n == 0 { return .nan }
    let start = ring.oldest
    var acc = ring.value(at: start)
    var index = start &+ 1
    for _ in 1..<n {
      if index == ring.capacity { index = 0 }
      acc = combine(acc, ring.value(at: index))
      index = index &+ 1
    }
    return acc
  }
}

/// A pairWindow N slot: `xs[N], ys[N], head, count, shiftx, shifty, sx, sy, sxx, syy, sxy`.
struct PairWindowView {
  let base: UnsafeMutableRawPointer
  let capacity: Int

  @inline(__always) init(_ base: UnsafeMutableRawPointer, capacity: Int) {
    self.base = base
    self.capacity = capacity
  }

  private var header: UnsafeMutableRawPointer {
    @inline(__always) get { base + PairFields.header(capacity: capacity) }
  }

  private var head: Int {
    @inline(__always) get { Int(header.load(fromByteOffset: PairFields.head, as: Int64.self)) }
    @inline(__always) nonmutating set {
      header.storeBytes(of: Int64(newValue), toByteOffset: PairFields.head, as: Int64.self)
    }
  }

  private var count: Int {
    @inline(__always) get { Int(header.load(fromByteOffset: PairFields.count, as: Int64.self)) }
    @inline(__always) nonmutating set {
      header.storeBytes(of: Int64(newValue), toByteOffset: PairFields.count, as: Int64.self)
    }
  }

  /// The sums after head and count.
  private enum Field { case shiftx, shifty, sx, sy, sxx, syy, sxy }

  @inline(__always) private static func offset(_ f: Field) -> Int {
    switch f {
    case .shiftx: PairFields.shiftx
    case .shifty: PairFields.shifty
    case .sx: PairFields.sx
    case .sy: PairFields.sy
    case .sxx: PairFields.sxx
    case .syy: PairFields.syy
    case .sxy: PairFields.sxy
    }
  }

  @inline(__always) private func get(_ f: Field) -> Double {
    header.load(fromByteOffset: Self.offset(f), as: Double.self)
  }

  @inline(__always) private func set(_ f: Field, _ value: Double) {
    header.storeBytes(of: canonical(value), toByteOffset: Self.offset(f), as: Double.self)
  }

  @inline(__always) private func x(at index: Int) -> Double {
    base.load(fromByteOffset: index &* RingFields.valueStride, as: Double.self)
  }

  @inline(__always) private func y(at index: Int) -> Double {
    base.load(fromByteOffset: PairFields.ys(capacity: capacity) &+ index &* RingFields.valueStride, as: Double.self)
  }

  /// The pair window's push; see WindowSemantics.md.
  @inline(__always) func push(_ x: Double, _ y: Double) {
    let n = count
    let h = head
    if n == 0 {
      set(.shiftx, x)
      set(.shifty, y)
    }
    let dx = x - get(.shiftx)
    let dy = y - get(.shifty)
    var sx = get(.sx) + dx
    var sy = get(.sy) + dy
    var sxx = get(.sxx) + dx * dx
    var syy = get(.syy) + dy * dy
    var sxy = get(.sxy) + dx * dy
    if n == capacity {
      let ox = self.x(at: h) - get(.shiftx)
      let oy = self.y(at: h) - get(.shifty)
      sx = sx - ox
      sy = sy - oy
      sxx = sxx - ox * ox
      syy = syy - oy * oy
      sxy = sxy - ox * oy
    } else {
      count = n &+ 1
    }
    set(.sx, sx)
    set(.sy, sy)
    set(.sxx, sxx)
    set(.syy, syy)
    set(.sxy, sxy)
    base.storeBytes(of: canonical(x), toByteOffset: h &* RingFields.valueStride, as: Double.self)
    base.storeBytes(
      of: canonical(y), toByteOffset: PairFields.ys(capacity: capacity) &+ h &* RingFields.valueStride,
      as: Double.self)
    head = h &+ 1 == capacity ? 0 : h &+ 1
  }

  /// `sxy − sx × sy ÷ n`
  @inline(__always) private func cxy(_ n: Double) -> Double {
    get(.sxy) - get(.sx) * get(.sy) / n
  }

  /// `sxx − sx × sx ÷ n`
  @inline(__always) private func cxx(_ n: Double) -> Double {
    get(.sxx) - get(.sx) * get(.sx) / n
  }

  /// `syy − sy × sy ÷ n`
  @inline(__always) private func cyy(_ n: Double) -> Double {
    get(.syy) - get(.sy) * get(.sy) / n
  }

  /// `cxy ÷ (n − 1)`
  @inline(__always) func cov() -> Double {
    let n = Double(count)
    return cxy(n) / (n - 1)
  }

  /// `cxy ÷ sqrt(cxx × cyy)`
  @inline(__always) func corr() -> Double {
    let n = Double(count)
    return cxy(n) / sqrt(cxx(n) * cyy(n))
  }

  /// `cxy ÷ cxx`
  @inline(__always) func slope() -> Double {
    let n = Double(count)
    return cxy(n) / cxx(n)
  }

  /// `(sy ÷ n + shifty) − slope × (sx ÷ n + shiftx)`
  @inline(__always) func intercept() -> Double {
    let n = Double(count)
    return (get(.sy) / n + get(.shifty)) - slope() * (get(.sx) / n + get(.shiftx))
  }
}

/// An ema N slot: `value, count`.
struct EMAView {
  let base: UnsafeMutableRawPointer

  @inline(__always) init(_ base: UnsafeMutableRawPointer) { self.base = base }

  /// The current average.
  @inline(__always) func value() -> Double { base.load(fromByteOffset: EMAFields.value, as: Double.self) }

  /// `if count == 0 { value = v } else { value = value + alpha × (v − value) }`, then
  /// `if count < N { count += 1 }`, with alpha = 2.0 ÷ (N + 1.0) precomputed by the caller.
  @inline(__always) func push(_ v: Double, alpha: Double, period: Int) {
    let n = Int(base.load(fromByteOffset: EMAFields.count, as: Int64.self))
    let updated = n == 0 ? v : value() + alpha * (v - value())
    base.storeBytes(of: canonical(updated), toByteOffset: EMAFields.value, as: Double.self)
    if n < period { base.storeBytes(of: Int64(n &+ 1), toByteOffset: EMAFields.count, as: Int64.self) }
  }

  /// The smoothing factor of an ema of `period`, computed in double as every backend must.
  static func alpha(period: Int) -> Double { 2.0 / (Double(period) + 1.0) }
}
