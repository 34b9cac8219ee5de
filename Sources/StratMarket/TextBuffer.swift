/// A growing byte buffer for writing text files fast: numbers, prices and times are formatted
/// straight into bytes, with no `String` or `String(format:)` per value.
public struct TextBuffer: Sendable {
  /// The bytes written so far.
  public var bytes: [UInt8]
  /// The UTC day of the last time written and its `YYYY-MM-DD` text, so that a column of times
  /// computes the calendar date once per day rather than once per row.
  private var cachedDay = Int64.min
  private var cachedDate = Scratch()
  /// Fraction digits every time is written with (0: as few as each time needs); a file sets it
  /// from `Timestamp.fractionDigits` so that its time column has one layout.
  public var timeFractionDigits = 0

  /// Creates an empty buffer with room for `capacity` bytes.
  public init(capacity: Int = 0) {
    bytes = []
    bytes.reserveCapacity(capacity)
  }

  /// Appends the UTF-8 bytes of a literal.
  @inline(__always)
  public mutating func append(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// Appends the UTF-8 bytes of a string.
  public mutating func append(_ text: String) {
    bytes.append(contentsOf: text.utf8)
  }

  /// Appends one byte.
  @inline(__always)
  public mutating func append(byte: UInt8) {
    bytes.append(byte)
  }

  /// Appends a signed integer in decimal.
  @inline(__always)
  public mutating func append(_ value: Int64) {
    if value < 0 { bytes.append(0x2D) }
    FixedPointText.appendUnsigned(value.magnitude, to: &bytes)
  }

  /// Appends an amount exactly, with at least two decimals: `10295.00`, `-12.3456`.
  @inline(__always)
  public mutating func append(_ money: Money) {
    FixedPointText.append(money.raw, minimumDecimals: 2, to: &bytes)
  }

  /// Appends `,a,b,c,d`, four amounts as `append(_: Money)` writes them, in one piece: one
  /// capacity check for the four (an equity row's columns) instead of eight.
  public mutating func append(commaMoney a: Money, _ b: Money, _ c: Money, _ d: Money) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 96) { buffer in
      let p = buffer.baseAddress!
      var n = 0
      for raw in [a.raw, b.raw, c.raw, d.raw] {
        p[n] = 0x2C
        n += 1 + FixedPointText.write(raw, minimumDecimals: 2, to: p + n + 1)
      }
      bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
    }
  }

  /// Appends a price exactly, with at least two decimals: `181.875`, `40.70`.
  @inline(__always)
  public mutating func append(_ price: Price) {
    FixedPointText.append(price.raw, minimumDecimals: 2, to: &bytes)
  }

  /// Appends a quantity as a signed integer.
  @inline(__always)
  public mutating func append(_ quantity: Quantity) {
    append(quantity.units)
  }

  /// Appends a time as ISO 8601 UTC text (`Timestamp.iso8601`).
  public mutating func append(time nanos: Int64) {
    let day = CivilCalendar.dayIndex(nanos: nanos)
    if day != cachedDay {
      cachedDay = day
      withUnsafeMutableBytes(of: &cachedDate) { raw in
        Timestamp.writeDate(days: day, to: raw.baseAddress!.assumingMemoryBound(to: UInt8.self))
      }
    }
    let date = cachedDate
    let digits = timeFractionDigits
    Scratch.append(to: &bytes) { p in
      withUnsafeBytes(of: date) { raw in
        p.update(from: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 10)
      }
      return 10 + Timestamp.writeClock(Timestamp.nanosOfDay(nanos), to: p + 10, minimumFraction: digits)
    }
  }

  /// Appends `value` rounded half away from zero to `decimals` places (at most 9), e.g. a
  /// Sharpe ratio `1.234568`; a value that is not finite or too large is written as `0`.
  public mutating func append(_ value: Double, decimals: Int) {
    let places = max(0, min(decimals, 9))
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled.isFinite, abs(scaled) < 9.0e18 else {
      bytes.append(0x30)
      return
    }
    let raw = Int64(scaled)
    if raw < 0 { bytes.append(0x2D) }
    let magnitude = raw.magnitude
    let divisor = UInt64(scale)
    FixedPointText.appendUnsigned(magnitude / divisor, to: &bytes)
    guard places > 0 else { return }
    bytes.append(0x2E)
    var fraction = magnitude % divisor
    var digits = [UInt8](repeating: 0x30, count: places)
    var index = places - 1
    while fraction > 0 {
      digits[index] = 0x30 + UInt8(fraction % 10)
      fraction /= 10
      index -= 1
    }
    bytes.append(contentsOf: digits)
  }

  /// Appends a string as a JSON string literal, escaping quotes, backslashes and controls.
  public mutating func appendJSONString(_ text: String) {
    bytes.append(0x22)
    for byte in text.utf8 {
      switch byte {
      case 0x22: append("\\\"")
      case 0x5C: append("\\\\")
      case 0x0A: append("\\n")
      case 0x0D: append("\\r")
      case 0x09: append("\\t")
      case 0..<0x20:
        append("\\u00")
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        bytes.append(hex[Int(byte >> 4)])
        bytes.append(hex[Int(byte & 15)])
      default: bytes.append(byte)
      }
    }
    bytes.append(0x22)
  }

  /// The bytes as a string (invalid UTF-8 repaired).
  public var text: String { String(decoding: bytes, as: UTF8.self) }
}
