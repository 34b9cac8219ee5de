/// The kernel's division, square root, logarithm and exponential on raw integers, exactly as the
/// emitted C++ computes them (`KernelMath` in StratHLS writes the same steps). No floating point:
/// a table of constants and integer shifts, so the kernel and `hls-sim` agree bit for bit.
public enum FixedMath {
  /// Fraction bits of the log/exp tables and intermediates.
  public static let tableFraction = 60

  /// a ÷ b into `r`, truncated toward zero, then saturated. A zero divisor gives the format's
  /// greatest value of the dividend's sign (0 for 0 ÷ 0): the kernel has no infinities.
  public static func divide(_ a: Int128, _ fa: Int, _ b: Int128, _ fb: Int, into r: FixedFormat) -> Int128 {
    if b == 0 { return a > 0 ? r.maxRaw : (a < 0 ? r.minRaw : 0) }
    let s = r.fractionBits + fb - fa
    let q = s >= 0 ? (a << s) / b : a / (b << -s)
    return r.overflowed(q)
  }

  /// √x into `r`, truncated; 0 for x ≤ 0.
  public static func squareRoot(_ x: Int128, _ fx: Int, into r: FixedFormat) -> Int128 {
    if x <= 0 { return 0 }
    let s = 2 * r.fractionBits - fx
    let n = s >= 0 ? x << s : x >> -s
    return r.overflowed(Int128(isqrt(UInt128(n))))
  }

  /// ⌊√n⌋, digit by digit: 64 fixed steps, the loop the kernel unrolls.
  public static func isqrt(_ n: UInt128) -> UInt128 {
    var rem = n, root: UInt128 = 0
    var bit: UInt128 = 1 << 126
    for _ in 0..<64 {
      if rem >= root + bit {
        rem -= root + bit
        root = (root >> 1) + bit
      } else {
        root >>= 1
      }
      bit >>= 2
    }
    return root
  }

  /// ln x into `r` by table and linear interpolation; the format's least value for x ≤ 0.
  public static func log(_ x: Int128, _ fx: Int, into r: FixedFormat, table: [Int128], bits: Int, ln2: Int128)
    -> Int128
  {
    if x <= 0 { return r.minRaw }
    let p = 127 - x.leadingZeroBitCount  // the leading one's position
    let t = x - (Int128(1) << p)
    let u = p <= tableFraction ? t << (tableFraction - p) : t >> (p - tableFraction)
    let m = interpolate(u, table, bits)
    let total = Int128(p - fx) * ln2 + m
    return r.overflowed(total >> (tableFraction - r.fractionBits))
  }

  /// e^x into `r` as 2^(x·log2 e): the table gives 2^f for the fraction, a shift the rest.
  public static func exp(_ x: Int128, _ fx: Int, into r: FixedFormat, table: [Int128], bits: Int, log2e: Int128)
    -> Int128
  {
    let y = (x * log2e) >> fx
    let k = y >> tableFraction
    let m = interpolate(y - (k << tableFraction), table, bits)
    let shift = k + Int128(r.fractionBits - tableFraction)
    if shift > 62 { return r.maxRaw }
    if shift < -62 { return 0 }
    return r.overflowed(shift >= 0 ? m << Int(shift) : m >> Int(-shift))
  }

  /// table[i] + (table[i+1] − table[i]) × rest, for a 60-bit fraction u = i·2^(60−bits) + rest.
  static func interpolate(_ u: Int128, _ table: [Int128], _ bits: Int) -> Int128 {
    let low = tableFraction - bits
    let i = Int(u >> low), rest = u & ((Int128(1) << low) - 1)
    return table[i] + (((table[i + 1] - table[i]) * rest) >> low)
  }
}
