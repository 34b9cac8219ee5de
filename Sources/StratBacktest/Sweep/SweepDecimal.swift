/// An exact decimal number as written on a sweep's command line: `significand ÷ 10^scale`.
///
/// Sweeps step parameters in decimal (`0.5:2:0.25`); doing that in binary floating point drifts
/// (0.1 + 0.2 ≠ 0.3) and would miss grid points or print `0.30000000000000004`. Every value of a
/// sweep is instead an integer count of its axis's smallest decimal place.
public struct SweepDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The digits as an integer.
  public let significand: Int64
  /// How many of the digits are after the decimal point (0...18).
  public let scale: Int

  /// The most digits after the decimal point.
  public static let maximumScale = 18

  /// Creates `significand ÷ 10^scale`.
  public init(significand: Int64, scale: Int) {
    precondition((0...Self.maximumScale).contains(scale), "scale out of range")
    self.significand = significand
    self.scale = scale
  }

  /// Parses `[-+]digits[.digits]`; nil for anything else (exponents, empty digits, overflow).
  public init?(_ text: String) {
    var bytes = Substring(text).utf8[...]
    var negative = false
    if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
      negative = sign == UInt8(ascii: "-")
      bytes = bytes.dropFirst()
    }
    var value: Int64 = 0
    var scale = 0
    var digits = 0
    var seenPoint = false
    for byte in bytes {
      if byte == UInt8(ascii: "."), !seenPoint {
        seenPoint = true
        continue
      }
      guard byte >= 0x30, byte <= 0x39 else { return nil }
      let (times10, o1) = value.multipliedReportingOverflow(by: 10)
      let (next, o2) = times10.addingReportingOverflow(Int64(byte - 0x30))
      guard !o1, !o2 else { return nil }
      value = next
      digits += 1
      if seenPoint { scale += 1 }
    }
    guard digits > 0, scale <= Self.maximumScale else { return nil }
    self.init(significand: negative ? -value : value, scale: scale)
  }

  /// The significand at a larger `scale`, nil if it overflows.
  public func significand(atScale target: Int) -> Int64? {
    guard target >= scale else { return nil }
    var value = significand
    for _ in scale..<target {
      let (next, overflow) = value.multipliedReportingOverflow(by: 10)
      if overflow { return nil }
      value = next
    }
    return value
  }

  /// True when the value has no fractional part.
  public var isInteger: Bool {
    var power: Int64 = 1
    for _ in 0..<scale { power *= 10 }
    return significand % power == 0
  }

  /// The nearest Double (for ranking and for parameters that are floats).
  public var doubleValue: Double {
    var power = 1.0
    for _ in 0..<scale { power *= 10 }
    return Double(significand) / power
  }

  /// The shortest exact text: no trailing zeros after the point, no point for integers.
  public var description: String {
    var value = significand.magnitude
    var places = scale
    while places > 0, value % 10 == 0 {
      value /= 10
      places -= 1
    }
    var digits = Array(String(value).utf8)
    if places > 0 {
      if digits.count <= places {
        digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: places - digits.count + 1), at: 0)
      }
      digits.insert(UInt8(ascii: "."), at: digits.count - places)
    }
    let sign = significand < 0 ? "-" : ""
    return sign + String(decoding: digits, as: UTF8.self)
  }

  /// Compares exactly at a common scale; values too large to rescale compare as Doubles.
  public static func < (lhs: SweepDecimal, rhs: SweepDecimal) -> Bool {
    let scale = max(lhs.scale, rhs.scale)
    if let a = lhs.significand(atScale: scale), let b = rhs.significand(atScale: scale) {
      return a < b
    }
    return lhs.doubleValue < rhs.doubleValue
  }

  /// Equal values compare equal whatever their scales (`1.50` == `1.5`).
  public static func == (lhs: SweepDecimal, rhs: SweepDecimal) -> Bool {
    !(lhs < rhs) && !(rhs < lhs)
  }

  /// Hashes the normalised value so that `==` and hashing agree.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(description)
  }
}
