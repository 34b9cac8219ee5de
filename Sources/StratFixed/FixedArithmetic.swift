/// An exact intermediate: `raw × 2^−fraction`, as ap_fixed's full-precision `+ − ×` produce it
/// before an assignment quantises it. Kernel operands have W ≤ 63 and 0 ≤ F ≤ 62, so a sum or
/// product of two of them always fits in 127 bits.
public struct ExactValue: Sendable, Equatable {
  public var raw: Int128
  public var fraction: Int

  public init(raw: Int128, fraction: Int) {
    self.raw = raw
    self.fraction = fraction
  }

  /// An integer, exactly.
  public init(integer: Int64) { self.init(raw: Int128(integer), fraction: 0) }

  public static func + (a: Self, b: Self) -> Self {
    let f = max(a.fraction, b.fraction)
    return Self(raw: (a.raw << (f - a.fraction)) + (b.raw << (f - b.fraction)), fraction: f)
  }

  public static func - (a: Self, b: Self) -> Self { a + (-b) }

  public static prefix func - (a: Self) -> Self { Self(raw: -a.raw, fraction: a.fraction) }

  public static func * (a: Self, b: Self) -> Self {
    Self(raw: a.raw * b.raw, fraction: a.fraction + b.fraction)
  }

  /// Exact comparison of the two values (aligned on the finer fraction).
  public static func compare(_ a: Self, _ b: Self) -> Int {
    let d = (a - b).raw
    return d < 0 ? -1 : (d > 0 ? 1 : 0)
  }

  /// The value as a double, for reports and the double comparison only (never in the kernel).
  public var doubleValue: Double { Double(raw) * pow2(-fraction) }
}

/// 2^e as a double, exactly, for |e| < 1000.
@inline(__always) public func pow2(_ e: Int) -> Double { Double(sign: .plus, exponent: e, significand: 1) }

extension FixedFormat {
  /// The raw value an assignment of `value` gives: quantised to `fractionBits` by the format's
  /// quantisation mode, then brought into range by its overflow mode (UG1399, "Quantization
  /// Modes" and "Overflow Modes"); what the shim's and the vendor's `ap_fixed` assignment does.
  public func assign(_ value: ExactValue) -> Int128 {
    overflowed(quantized(value))
  }

  /// The raw value assigned, as an exact value of this format.
  public func exact(_ value: ExactValue) -> ExactValue { ExactValue(raw: assign(value), fraction: fractionBits) }

  /// A raw value of this format, as an exact value.
  public func exact(raw: Int128) -> ExactValue { ExactValue(raw: raw, fraction: fractionBits) }

  /// `value` at `fractionBits`, rounded by the quantisation mode; unbounded (no overflow yet).
  /// A left shift that could not fit is clamped far beyond any format, so overflow still sees it.
  func quantized(_ value: ExactValue) -> Int128 {
    let drop = value.fraction - fractionBits
    if drop <= 0 {
      let limit = Int128(1) << (125 + drop)
      if value.raw >= limit { return Int128(1) << 100 }
      if value.raw <= -limit { return -(Int128(1) << 100) }
      return value.raw << -drop
    }
    precondition(drop <= 126, "a kernel intermediate has at most 126 fraction bits")
    return round(floor: value.raw >> drop, rest: value.raw, drop: drop)
  }

  /// Applies the quantisation mode to `floor`, the value rounded toward −∞, given the dropped bits.
  private func round(floor: Int128, rest raw: Int128, drop: Int) -> Int128 {
    let dropped = raw & ((Int128(1) << drop) - 1)  // 0 ≤ dropped < 2^drop
    if dropped == 0 { return floor }
    let half = Int128(1) << (drop - 1)
    let negative = raw < 0
    switch quantization {
    case .AP_TRN: return floor
    case .AP_TRN_ZERO: return negative ? floor + 1 : floor
    case .AP_RND: return dropped >= half ? floor + 1 : floor
    case .AP_RND_MIN_INF: return dropped > half ? floor + 1 : floor
    case .AP_RND_ZERO: return dropped > half || (dropped == half && negative) ? floor + 1 : floor
    case .AP_RND_INF: return dropped > half || (dropped == half && !negative) ? floor + 1 : floor
    case .AP_RND_CONV: return dropped > half || (dropped == half && floor & 1 == 1) ? floor + 1 : floor
    }
  }

  /// Brings a quantised raw value into `minRaw…maxRaw` by the overflow mode.
  func overflowed(_ raw: Int128) -> Int128 {
    if raw >= minRaw && raw <= maxRaw { return raw }
    switch overflow {
    case .AP_SAT: return raw > maxRaw ? maxRaw : minRaw
    case .AP_SAT_ZERO: return 0
    case .AP_SAT_SYM: return raw > maxRaw ? maxRaw : (signed ? -maxRaw : 0)
    case .AP_WRAP, .AP_WRAP_SM: return wrapped(raw)
    }
  }

  /// The low `width` bits, sign-extended when the format is signed.
  func wrapped(_ raw: Int128) -> Int128 {
    let low = raw & ((Int128(1) << width) - 1)
    return signed && low > maxRaw ? low - (Int128(1) << width) : low
  }

  /// The greatest magnitude of the format, as a double (for the range analysis).
  public var largestMagnitude: Double { Double(maxRaw) * pow2(-fractionBits) }
  /// The step between neighbouring values.
  public var resolution: Double { pow2(-fractionBits) }
}
