import Foundation
import StratFixed

/// The constant tables of a kernel, as raw integers. Both executors read these same numbers,
/// so a table's own error (a double's 53 bits, a linear interpolation) is shared by both and
/// only separates them from the double interpreter, where the error bound accounts for it.
public struct KernelTables: Sendable, Equatable {
  /// Fraction bits of every table entry and of log/exp intermediates.
  public static let fraction = 60
  /// log and exp tables have 2^bits + 1 entries.
  public var bits: Int
  /// ln(1 + j ÷ 2^bits) for j = 0…2^bits, at 60 fraction bits.
  public var log: [Int128]
  /// 2^(j ÷ 2^bits) for j = 0…2^bits, at 60 fraction bits.
  public var exp2: [Int128]
  /// ln 2 and log2(e) at 60 fraction bits.
  public var ln2: Int128
  public var log2e: Int128
  /// 1 ÷ n for n = 0…largest window (0 for n = 0), in `KernelPlan.reciprocalFormat`.
  public var reciprocal: [Int128]
  /// n ÷ (n − 1) for n = 0…largest window (0 for n < 2), in `besselFormat`.
  public var bessel: [Int128]

  public static let besselFormat = FixedFormat(width: 63, integerBits: 3, quantization: .AP_RND_CONV)

  public init(bits: Int, largestWindow: Int) {
    self.bits = bits
    let n = 1 << bits
    log = (0...n).map { Self.raw(Foundation.log1p(Double($0) / Double(n))) }
    exp2 = (0...n).map { Self.raw(Foundation.exp2(Double($0) / Double(n))) }
    ln2 = Self.raw(M_LN2)
    log2e = Self.raw(M_LOG2E)
    let one = Int128(1) << KernelPlan.reciprocalFormat.fractionBits
    reciprocal = (0...max(1, largestWindow)).map { $0 == 0 ? 0 : Self.roundedQuotient(one, Int128($0)) }
    let bOne = Int128(1) << Self.besselFormat.fractionBits
    bessel = (0...max(1, largestWindow)).map { $0 < 2 ? 0 : Self.roundedQuotient(bOne * Int128($0), Int128($0 - 1)) }
  }

  /// A double at 60 fraction bits: exact, since the double has at most 53 significant bits.
  static func raw(_ x: Double) -> Int128 { Int128(x * pow2(fraction)) }

  /// p ÷ q rounded to nearest, ties to even, for p ≥ 0 and q > 0.
  static func roundedQuotient(_ p: Int128, _ q: Int128) -> Int128 {
    let (d, r) = p.quotientAndRemainder(dividingBy: q)
    if 2 * r > q || (2 * r == q && d & 1 == 1) { return d + 1 }
    return d
  }

  /// A double constant's raw bits in `format`, rounded to nearest even and saturated; exact
  /// integer arithmetic on the double's significand, so no double rounding.
  public static func raw(of value: Double, in format: FixedFormat) -> Int128 {
    guard value.isFinite else { return value > 0 ? format.maxRaw : (value < 0 ? format.minRaw : 0) }
    if value == 0 { return 0 }
    let exponent = Int(value.exponent) - 52
    let significand = Int128(value.significandBitPattern | (1 << 52))
    let signed = value < 0 ? -significand : significand
    let exact = exponent >= 0
      ? ExactValue(raw: signed << min(exponent, 70), fraction: 0)
      : ExactValue(raw: signed, fraction: -exponent)
    var f = format
    f.quantization = .AP_RND_CONV
    f.overflow = .AP_SAT
    guard exact.fraction <= 126 else { return 0 }
    return f.assign(exact)
  }
}
