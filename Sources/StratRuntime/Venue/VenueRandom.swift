/// A seeded, deterministic pseudo-random generator for venue latencies: xoshiro256** seeded
/// through SplitMix64. Foundation's randomness is not reproducible across runs; this is, bit for
/// bit, on every platform (the integer draws; `Double` helpers are exact functions of them).
public struct VenueRandom: Sendable, Hashable {
  @usableFromInline package var s0: UInt64
  @usableFromInline package var s1: UInt64
  @usableFromInline package var s2: UInt64
  @usableFromInline package var s3: UInt64

  /// Creates a generator whose whole sequence is fixed by `seed`; the four state words come from
  /// SplitMix64 so that nearby seeds give unrelated sequences and the state is never all zero.
  public init(seed: UInt64) {
    var mix = seed
    s0 = Self.splitMix64(&mix)
    s1 = Self.splitMix64(&mix)
    s2 = Self.splitMix64(&mix)
    s3 = Self.splitMix64(&mix)
  }

  /// One step of SplitMix64 (Steele, Lea, Flood 2014): advances `state` and returns its output.
  @inlinable
  public static func splitMix64(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Returns the next 64 random bits (xoshiro256**, Blackman and Vigna 2018).
  @inlinable
  public mutating func next() -> UInt64 {
    let result = rotateLeft(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotateLeft(s3, 45)
    return result
  }

  /// Returns a uniform integer in `0..<bound` without modulo bias (Lemire's multiply-and-reject);
  /// 0 when `bound` is 0.
  @inlinable
  public mutating func next(below bound: UInt64) -> UInt64 {
    guard bound > 0 else { return 0 }
    var product = next().multipliedFullWidth(by: bound)
    if product.low < bound {
      let threshold = (0 &- bound) % bound
      while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
    }
    return product.high
  }

  /// Returns a uniform Double in (0, 1]: 53 random bits, never zero so that `log` is finite.
  @inlinable
  public mutating func nextUnitInterval() -> Double {
    Double((next() >> 11) + 1) * 0x1.0p-53
  }

  @inlinable
  package func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
