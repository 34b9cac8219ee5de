/// Exact decimal text ↔ signed counts of 1e-8 units, shared by `Price`, `Money` and `Rate`.
///
/// Grammar: `[+-]? digits? ('.' digits?)?` with at least one digit. Digits beyond the eighth
/// decimal are accepted only when they are zeros, so nothing is ever rounded.
enum FixedPointText {
  /// 10^8: the number of raw units in one whole unit.
  static let scale: Int64 = 100_000_000

  /// Returns 10^exponent for 0 ≤ exponent ≤ 8 (a constant table, no global initialiser).
  @inline(__always)
  static func powerOfTen(_ exponent: Int) -> UInt64 {
    switch exponent {
    case 0: return 1
    case 1: return 10
    case 2: return 100
    case 3: return 1_000
    case 4: return 10_000
    case 5: return 100_000
    case 6: return 1_000_000
    case 7: return 10_000_000
    default: return 100_000_000
    }
  }

  /// Parses bytes `start..<end` of `base` into raw 1e-8 units; the whole range must be used.
  @inline(__always)
  static func parse(
    _ base: UnsafePointer<UInt8>,
    _ start: Int,
    _ end: Int
  ) throws(FixedPointError) -> Int64 {
    var stop = start
    let value = try scan(base, start, end, stop: &stop)
    if stop < end { throw .invalidCharacter(offset: stop - start) }
    return value
  }

  /// Parses the longest decimal prefix of bytes `start..<limit`; sets `stop` to the first byte
  /// not used (the caller checks what follows). Throws when there is no digit, more than eight
  /// nonzero decimals, or a value out of range.
  @inline(__always)
  static func scan(
    _ base: UnsafePointer<UInt8>,
    _ start: Int,
    _ limit: Int,
    stop: inout Int
  ) throws(FixedPointError) -> Int64 {
    var i = start
    guard i < limit else { throw .empty }
    let negative = base[i] == 0x2D
    if negative || base[i] == 0x2B { i += 1 }
    let integerStart = i
    var integer: UInt64 = 0
    while i < limit {
      let d = base[i] &- 0x30
      if d > 9 { break }
      integer = integer &* 10 &+ UInt64(d)
      i += 1
    }
    var digits = i - integerStart
    if digits > 11 { integer = try wideInteger(base, integerStart, i) }
    var fraction: UInt64 = 0
    if i < limit && base[i] == 0x2E {
      i += 1
      let fractionStart = i
      let fractionLimit = min(limit, i + 8)
      while i < fractionLimit {
        let d = base[i] &- 0x30
        if d > 9 { break }
        fraction = fraction &* 10 &+ UInt64(d)
        i += 1
      }
      let count = i - fractionStart
      if count < 8 {
        fraction &*= powerOfTen(8 - count)
      } else {
        while i < limit && base[i] &- 0x30 <= 9 {
          if base[i] != 0x30 { throw .tooManyDecimals }
          i += 1
        }
      }
      digits += i - fractionStart
    }
    stop = i
    if digits == 0 { throw .invalidCharacter(offset: i - start) }
    let magnitude = integer &* UInt64(scale) &+ fraction
    if negative {
      guard magnitude <= UInt64(Int64.max) + 1 else { throw .outOfRange }
      return Int64(truncatingIfNeeded: 0 &- magnitude)
    }
    guard magnitude <= UInt64(Int64.max) else { throw .outOfRange }
    return Int64(magnitude)
  }

  /// Returns the integer part `start..<end` (all digits) when it has more than 11 digits: fine
  /// if they are mostly leading zeros, otherwise out of range.
  static func wideInteger(
    _ base: UnsafePointer<UInt8>,
    _ start: Int,
    _ end: Int
  ) throws(FixedPointError) -> UInt64 {
    var i = start
    while i < end && base[i] == 0x30 { i += 1 }
    guard end - i <= 11 else { throw .outOfRange }
    var value: UInt64 = 0
    while i < end {
      value = value * 10 + UInt64(base[i] - 0x30)
      i += 1
    }
    return value
  }

  /// Parses any byte collection (a `String.UTF8View`, an array slice) into raw 1e-8 units.
  static func parse<C: Collection<UInt8>>(_ bytes: C) throws(FixedPointError) -> Int64 {
    let array = ContiguousArray(bytes)
    let result: Result<Int64, FixedPointError> = array.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return .failure(.empty) }
      do throws(FixedPointError) {
        return .success(try parse(base, 0, buffer.count))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  /// Appends `raw` as decimal text with at least `minimumDecimals` and at most eight decimals,
  /// trailing zeros beyond the minimum trimmed: `1029500000000` → `10295.00`.
  @inline(__always)
  static func append(_ raw: Int64, minimumDecimals: Int, to out: inout [UInt8]) {
    Scratch.append(to: &out) { write(raw, minimumDecimals: minimumDecimals, to: $0) }
  }

  /// Writes `raw` as decimal text (see `append`) at `p`; returns the number of bytes (≤ 30).
  /// The eight decimals are written whole, then trailing zeros dropped: no loop per digit.
  @inline(__always)
  static func write(_ raw: Int64, minimumDecimals: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
    var n = 0
    if raw < 0 {
      p[0] = 0x2D
      n = 1
    }
    let magnitude = raw.magnitude
    n += writeUnsigned(magnitude / UInt64(scale), to: p + n)
    p[n] = 0x2E
    let fraction = UInt32(truncatingIfNeeded: magnitude % UInt64(scale))
    writeFourDigits(fraction / 10_000, to: p + n + 1)
    writeFourDigits(fraction % 10_000, to: p + n + 5)
    var decimals = 8
    while decimals > minimumDecimals && p[n + decimals] == 0x30 { decimals -= 1 }
    return decimals > 0 ? n + 1 + decimals : n
  }

  /// Writes `value` (< 10 000) as exactly four digits, leading zeros kept.
  @inline(__always)
  static func writeFourDigits(_ value: UInt32, to p: UnsafeMutablePointer<UInt8>) {
    let high = value / 100
    let low = value % 100
    p[0] = 0x30 &+ UInt8(truncatingIfNeeded: high / 10)
    p[1] = 0x30 &+ UInt8(truncatingIfNeeded: high % 10)
    p[2] = 0x30 &+ UInt8(truncatingIfNeeded: low / 10)
    p[3] = 0x30 &+ UInt8(truncatingIfNeeded: low % 10)
  }

  /// Writes the decimal digits of an unsigned integer at `p`; returns their count (≤ 20).
  /// Two digits per division: half the dependent divisions of one digit at a time.
  @inline(__always)
  static func writeUnsigned(_ value: UInt64, to p: UnsafeMutablePointer<UInt8>) -> Int {
    var digits = 1
    var probe = value
    while probe >= 10_000 {
      probe /= 10_000
      digits += 4
    }
    while probe >= 10 {
      probe /= 10
      digits += 1
    }
    var v = value
    var i = digits
    while v >= 100 {
      let pair = UInt8(truncatingIfNeeded: v % 100)
      v /= 100
      p[i - 1] = 0x30 &+ pair % 10
      p[i - 2] = 0x30 &+ pair / 10
      i -= 2
    }
    if v >= 10 {
      p[1] = 0x30 &+ UInt8(truncatingIfNeeded: v % 10)
      p[0] = 0x30 &+ UInt8(truncatingIfNeeded: v / 10)
    } else {
      p[0] = 0x30 &+ UInt8(truncatingIfNeeded: v)
    }
    return digits
  }

  /// Appends the decimal digits of an unsigned integer.
  @inline(__always)
  static func appendUnsigned(_ value: UInt64, to out: inout [UInt8]) {
    Scratch.append(to: &out) { writeUnsigned(value, to: $0) }
  }

  /// Returns `raw` as decimal text (see `append`).
  static func string(_ raw: Int64, minimumDecimals: Int) -> String {
    var out: [UInt8] = []
    append(raw, minimumDecimals: minimumDecimals, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Returns the raw 1e-8 count nearest to `value`, or nil when it is not finite or out of range.
  static func rounding(_ value: Double) -> Int64? {
    guard value.isFinite else { return nil }
    let scaled = (value * Double(scale)).rounded(.toNearestOrAwayFromZero)
    guard scaled > -9.223_372_036_854_775_808e18, scaled < 9.223_372_036_854_775_808e18 else {
      return nil
    }
    return Int64(scaled)
  }
}
