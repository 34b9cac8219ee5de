/// An `ap_fixed<W,I,Q,O>` (or `ap_ufixed`) format, as UG1399 defines it: `width` bits of which
/// `integerBits` are left of the binary point; a value is `raw × 2^−fractionBits`.
/// Kernel values keep W ≤ 63 so that any product of two of them is exact in 128 bits.
public struct FixedFormat: Hashable, Sendable, CustomStringConvertible {
  public var width: Int
  public var integerBits: Int
  public var signed: Bool
  public var quantization: Quantization
  public var overflow: Overflow

  public init(
    width: Int, integerBits: Int, signed: Bool = true, quantization: Quantization = .AP_RND_CONV,
    overflow: Overflow = .AP_WRAP
  ) {
    precondition((1...Self.maxWidth).contains(width), "fixed width \(width) outside 1…\(Self.maxWidth)")
    self.width = width
    self.integerBits = integerBits
    self.signed = signed
    self.quantization = quantization
    self.overflow = overflow
  }

  /// The widest format a kernel value may have (a product of two stays within 128 bits).
  public static let maxWidth = 63

  public var fractionBits: Int { width - integerBits }
  /// The least and greatest raw values.
  public var minRaw: Int128 { signed ? -(Int128(1) << (width - 1)) : 0 }
  public var maxRaw: Int128 { signed ? (Int128(1) << (width - 1)) - 1 : (Int128(1) << width) - 1 }

  /// The C++ type: `ap_fixed<40,18,AP_RND_CONV,AP_SAT>`.
  public var description: String {
    "\(signed ? "ap_fixed" : "ap_ufixed")<\(width),\(integerBits),\(quantization.rawValue),\(overflow.rawValue)>"
  }
}

/// UG1399's quantisation modes: what happens to bits below the format's least significant bit.
public enum Quantization: String, Sendable, CaseIterable {
  case AP_RND  // round half toward +∞
  case AP_RND_ZERO  // round half toward zero
  case AP_RND_MIN_INF  // round half toward −∞
  case AP_RND_INF  // round half away from zero
  case AP_RND_CONV  // round half to even
  case AP_TRN  // toward −∞ (drop the bits)
  case AP_TRN_ZERO  // toward zero
}

/// UG1399's overflow modes: what happens to a value beyond the format's range.
public enum Overflow: String, Sendable, CaseIterable {
  case AP_SAT  // clamp to the least or greatest value
  case AP_SAT_ZERO  // beyond the range gives zero
  case AP_SAT_SYM  // clamp symmetrically: signed minimum is −max
  case AP_WRAP  // keep the low W bits
  case AP_WRAP_SM  // sign-magnitude wrap
}

extension FixedFormat {
  /// The format a value of `range` gets: the fewest integer bits that hold it with a sign and
  /// one guard bit, the rest of `width` for the fraction (at most 62 bits). A range the analysis
  /// could not bound gets `fallback`; every value saturates.
  public static func fitting(
    _ range: Interval, width: Int, fallback: FixedFormat, overflow: Overflow = .AP_SAT
  ) -> FixedFormat {
    guard range.isBounded else { return fallback }
    // A bounded value gets the bits its range needs, up to the whole width (then it saturates);
    // the fallback is for unbounded values only, so `--fixed` never clips a declared input.
    let needed = min(width, integerBits(holding: range.magnitude + range.error) + 1)
    let bits = min(width, needed + 62)
    return FixedFormat(width: bits, integerBits: needed, overflow: overflow)
  }

  /// Integer bits, sign included, that hold every value of magnitude `m`: 2^(I−1) > m.
  public static func integerBits(holding m: Double) -> Int {
    var bits = 1
    while pow2(bits - 1) <= m && bits < 200 { bits += 1 }
    return bits
  }

  /// This format with its fraction cut to at most `fraction` bits (the width shrinks).
  public func limitingFraction(to fraction: Int) -> FixedFormat {
    guard fractionBits > fraction else { return self }
    var f = self
    f.width = max(integerBits, integerBits + max(0, fraction))
    return f
  }
}
