/// A closed range of real values that an IR value can take, with a worst-case error bound:
/// how far the kernel's fixed-point value may be from the double interpreter's. Infinite bounds
/// mean the analysis could not bound the value (a division by a range holding zero, a state
/// variable that grows without limit); such values get the default format and saturate.
public struct Interval: Sendable, Equatable, CustomStringConvertible {
  public var lo: Double
  public var hi: Double
  /// |fixed − double| can be at most this (infinite when unknown).
  public var error: Double

  public init(_ lo: Double, _ hi: Double, error: Double = 0) {
    self.lo = lo
    self.hi = hi
    self.error = error
  }

  public static let unbounded = Interval(-.infinity, .infinity, error: .infinity)
  public static func point(_ v: Double) -> Interval { Interval(v, v) }

  public var isBounded: Bool { lo.isFinite && hi.isFinite }
  public var magnitude: Double { max(abs(lo), abs(hi)) }
  public func contains(_ v: Double) -> Bool { lo <= v && v <= hi }

  /// The smallest interval holding both; the larger error.
  public func joined(_ o: Interval) -> Interval { Interval(min(lo, o.lo), max(hi, o.hi), error: max(error, o.error)) }

  public static func + (a: Interval, b: Interval) -> Interval {
    Interval(a.lo + b.lo, a.hi + b.hi, error: a.error + b.error).sane
  }

  public static prefix func - (a: Interval) -> Interval { Interval(-a.hi, -a.lo, error: a.error) }

  public static func - (a: Interval, b: Interval) -> Interval { a + (-b) }

  public static func * (a: Interval, b: Interval) -> Interval {
    let p = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi].map { $0.isNaN ? Double.infinity : $0 }
    let e = a.magnitude * b.error + b.magnitude * a.error + a.error * b.error
    return Interval(p.min()!, p.max()!, error: e.isNaN ? .infinity : e).sane
  }

  /// a ÷ b; unbounded when b's range (widened by its error) holds zero.
  public static func / (a: Interval, b: Interval) -> Interval {
    let bLo = b.lo - b.error, bHi = b.hi + b.error
    guard a.isBounded, b.isBounded, bLo > 0 || bHi < 0 else { return .unbounded }
    let least = min(abs(bLo), abs(bHi))
    let q = [a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi]
    let e = (a.error + a.magnitude / least * b.error) / least
    return Interval(q.min()!, q.max()!, error: e).sane
  }

  /// Unbounded bounds keep an infinite error; NaN never survives.
  public var sane: Interval {
    guard lo.isFinite, hi.isFinite, !error.isNaN else { return Interval(-.infinity, .infinity, error: .infinity) }
    return self
  }

  public var description: String {
    isBounded ? "[\(lo), \(hi)] ± \(error)" : "unbounded"
  }
}
