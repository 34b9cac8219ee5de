/// Parses decimal text into a correctly rounded Double (same result as `strtod`), used for
/// volumes, which are not money and may have any number of decimals.
enum DecimalDouble {
  /// Returns 10^exponent for 0 ≤ exponent ≤ 22; every step is exact in a Double.
  @inline(__always)
  static func powerOfTen(_ exponent: Int) -> Double {
    var value = 1.0
    var k = 0
    while k < exponent {
      value *= 10
      k += 1
    }
    return value
  }

  // number := [+-]? digit* ('.' digit*)? ([eE] [+-]? digit+)?   (at least one mantissa digit)
  /// Parses bytes `start..<end`; the whole range must be used.
  static func parse(
    _ p: UnsafePointer<UInt8>,
    _ start: Int,
    _ end: Int
  ) throws(FixedPointError) -> Double {
    var stop = start
    let value = try scan(p, start, end, stop: &stop)
    if stop < end { throw .invalidCharacter(offset: stop - start) }
    return value
  }

  /// Parses the longest number prefix of `start..<limit`, setting `stop` after it. Fast path:
  /// a mantissa below 2^53 with at most 22 decimals and no exponent is exact in one division
  /// (Clinger); anything else goes through the standard library.
  @inline(__always)
  static func scan(
    _ p: UnsafePointer<UInt8>,
    _ start: Int,
    _ end: Int,
    stop: inout Int
  ) throws(FixedPointError) -> Double {
    var i = start
    guard i < end else { throw .empty }
    var negative = false
    if p[i] == 0x2D || p[i] == 0x2B {
      negative = p[i] == 0x2D
      i += 1
    }
    var mantissa: UInt64 = 0
    let integerStart = i
    while i < end, p[i] &- 0x30 <= 9 {
      mantissa = mantissa &* 10 &+ UInt64(p[i] &- 0x30)
      i += 1
    }
    var digits = i - integerStart
    var decimals = 0
    if i < end && p[i] == 0x2E {
      i += 1
      let fractionStart = i
      while i < end, p[i] &- 0x30 <= 9 {
        mantissa = mantissa &* 10 &+ UInt64(p[i] &- 0x30)
        i += 1
      }
      decimals = i - fractionStart
      digits += decimals
    }
    guard digits > 0 else { throw .invalidCharacter(offset: i - start) }
    // At most 15 digits keep the mantissa below 10^15 < 2^53: exactly representable.
    var exact = digits <= 15
    if i < end && (p[i] == 0x65 || p[i] == 0x45) {
      i = try exponentEnd(p, i + 1, end, start: start)
      exact = false
    }
    stop = i
    if exact && decimals <= 22 {
      let value = Double(mantissa) / powerOfTen(decimals)
      return negative ? -value : value
    }
    let text = String(
      decoding: UnsafeBufferPointer(start: p + start, count: i - start),
      as: UTF8.self
    )
    guard let value = Double(text), value.isFinite else { throw .outOfRange }
    return value
  }

  /// Returns the offset after an exponent's `[+-]? digit+`, which starts at `i`.
  static func exponentEnd(
    _ p: UnsafePointer<UInt8>,
    _ first: Int,
    _ end: Int,
    start: Int
  ) throws(FixedPointError) -> Int {
    var i = first
    if i < end && (p[i] == 0x2D || p[i] == 0x2B) { i += 1 }
    let digitsStart = i
    while i < end, p[i] &- 0x30 <= 9 { i += 1 }
    guard i > digitsStart else { throw .invalidCharacter(offset: i - start) }
    return i
  }
}
