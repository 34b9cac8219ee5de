/// Times as Int64 nanoseconds since 1970-01-01T00:00:00Z, parsed from and printed as text.
///
/// Accepted date-time text (`parse`):
/// ```
///   YYYY-MM-DD                                  midnight UTC
///   YYYY-MM-DD[T| ]HH:MM[:SS[.fraction]][zone]  fraction: 1–9 digits
///   zone := Z | ±HH:MM | ±HHMM                  e.g. 2020-07-27 04:00:00+00:00
/// ```
/// A date-time **without a zone is taken as UTC**, never as the machine's local time, so the same
/// file gives the same times everywhere. Epoch text (`parseEpochSeconds`) is
/// `[-]seconds[.fraction]`.
/// All arithmetic is on integers (days-from-civil); no Foundation date formatter is used.
public enum Timestamp {
  /// Nanoseconds in one second.
  public static let nanosPerSecond: Int64 = 1_000_000_000

  /// Parses an ISO 8601 date or date-time (see the type's documentation).
  public static func parse(_ text: String) throws(TimestampError) -> Int64 {
    try withBytes(text) { base, count throws(TimestampError) in
      try parseDateTime(base, 0, count)
    }
  }

  /// Parses epoch seconds, integer or with a fraction of up to nine digits: `1704153600.25`.
  public static func parseEpochSeconds(_ text: String) throws(TimestampError) -> Int64 {
    try withBytes(text) { base, count throws(TimestampError) in
      try parseEpochSeconds(base, 0, count)
    }
  }

  /// Returns the nanoseconds of a UTC calendar time; fields are not range-checked.
  public static func nanos(
    year: Int,
    month: Int,
    day: Int,
    hour: Int = 0,
    minute: Int = 0,
    second: Int = 0,
    nanosecond: Int = 0
  ) -> Int64 {
    let days = CivilCalendar.days(year: Int64(year), month: Int64(month), day: Int64(day))
    let seconds = days * 86_400 + Int64(hour) * 3_600 + Int64(minute) * 60 + Int64(second)
    return seconds * nanosPerSecond + Int64(nanosecond)
  }

  /// Returns the UTC day index (days since 1970-01-01, floored) of a time.
  public static func dayIndex(_ nanos: Int64) -> Int64 { CivilCalendar.dayIndex(nanos: nanos) }

  /// Returns the ISO 8601 UTC text of a time: `2020-07-27T04:00:00Z`, with a fraction of
  /// second (trailing zeros trimmed) only when it is nonzero: `2020-07-27T04:00:00.25Z`.
  public static func iso8601(_ nanos: Int64) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(30)
    appendISO8601(nanos, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends the ISO 8601 UTC text of a time (see `iso8601`) to a byte buffer.
  public static func appendISO8601(_ nanos: Int64, to out: inout [UInt8]) {
    Scratch.append(to: &out) { writeISO8601(nanos, to: $0) }
  }

  /// Writes the ISO 8601 UTC text of a time at `p`; returns the number of bytes (≤ 30).
  @inline(__always)
  static func writeISO8601(_ nanos: Int64, to p: UnsafeMutablePointer<UInt8>) -> Int {
    writeDate(days: CivilCalendar.dayIndex(nanos: nanos), to: p)
    return 10 + writeClock(nanosOfDay(nanos), to: p + 10)
  }

  /// Returns the nanoseconds since the start of the UTC day of a time (0 ≤ result < one day).
  @inline(__always)
  static func nanosOfDay(_ nanos: Int64) -> Int64 {
    let remainder = nanos % CivilCalendar.nanosPerDay
    return remainder < 0 ? remainder + CivilCalendar.nanosPerDay : remainder
  }

  /// Writes the 10 bytes `YYYY-MM-DD` of a day count from 1970-01-01 at `p`.
  @inline(__always)
  static func writeDate(days: Int64, to p: UnsafeMutablePointer<UInt8>) {
    let date = CivilCalendar.date(days: days)
    let year = date.year
    p[0] = digit(year / 1_000 % 10)
    p[1] = digit(year / 100 % 10)
    p[2] = digit(year / 10 % 10)
    p[3] = digit(year % 10)
    p[4] = 0x2D
    writeTwo(date.month, to: p + 5)
    p[7] = 0x2D
    writeTwo(date.day, to: p + 8)
  }

  /// Writes `THH:MM:SS[.fraction]Z` for nanoseconds into the day (0 ≤ value < one day) at
  /// `p`; returns the number of bytes (≤ 20).
  @inline(__always)
  static func writeClock(
    _ nanosOfDay: Int64, to p: UnsafeMutablePointer<UInt8>, minimumFraction: Int = 0
  ) -> Int {
    let secondOfDay = nanosOfDay / nanosPerSecond
    let fraction = nanosOfDay % nanosPerSecond
    if minimumFraction > 0 { return writeClock(nanosOfDay, to: p, fractionDigits: minimumFraction) }
    p[0] = 0x54
    writeTwo(secondOfDay / 3_600, to: p + 1)
    p[3] = 0x3A
    writeTwo(secondOfDay / 60 % 60, to: p + 4)
    p[6] = 0x3A
    writeTwo(secondOfDay % 60, to: p + 7)
    var n = 9
    if fraction != 0 {
      p[n] = 0x2E
      var digits = 9
      var value = fraction
      while value % 10 == 0 {
        value /= 10
        digits -= 1
      }
      var i = n + digits
      while i > n {
        p[i] = digit(value % 10)
        value /= 10
        i -= 1
      }
      n += 1 + digits
    }
    p[n] = 0x5A
    return n + 1
  }

  /// Writes `THH:MM:SS.fffZ` with exactly `digits` (1…9) fraction digits, truncated.
  static func writeClock(_ nanosOfDay: Int64, to p: UnsafeMutablePointer<UInt8>, fractionDigits digits: Int) -> Int {
    let n = writeClock(nanosOfDay - nanosOfDay % nanosPerSecond, to: p) - 1
    p[n] = 0x2E
    var value = nanosOfDay % nanosPerSecond
    for _ in digits..<9 { value /= 10 }
    for i in stride(from: n + digits, to: n, by: -1) {
      p[i] = digit(value % 10)
      value /= 10
    }
    p[n + digits + 1] = 0x5A
    return n + digits + 2
  }

  /// The fraction digits a column of `times` needs so that every row has the same text
  /// layout (pandas infers one format from the first row and refuses rows that differ):
  /// 0 when all are whole seconds, else 3, 6 or 9. Inlinable so that each caller's sequence type
  /// is specialised: unspecialised, a million-row column cost ~25 ms per file written.
  @inlinable
  public static func fractionDigits<Times: Sequence>(_ times: Times) -> Int where Times.Element == Int64 {
    var digits = 0
    for time in times {
      let fraction = time % nanosPerSecond
      if fraction == 0 { continue }
      digits = max(digits, fraction % 1_000_000 == 0 ? 3 : fraction % 1_000 == 0 ? 6 : 9)
      if digits == 9 { break }
    }
    return digits
  }

  /// The ASCII digit of 0…9.
  @inline(__always)
  static func digit(_ value: Int64) -> UInt8 { 0x30 + UInt8(truncatingIfNeeded: value) }

  /// Writes a two-digit number 0…99 with a leading zero.
  @inline(__always)
  static func writeTwo(_ value: Int64, to p: UnsafeMutablePointer<UInt8>) {
    p[0] = digit(value / 10)
    p[1] = digit(value % 10)
  }

  /// Runs `body` over the UTF-8 bytes of `text`.
  static func withBytes<T>(
    _ text: String,
    _ body: (UnsafePointer<UInt8>, Int) throws(TimestampError) -> T
  ) throws(TimestampError) -> T {
    let bytes = ContiguousArray(text.utf8) + [0]
    let result: Result<T, TimestampError> = bytes.withUnsafeBufferPointer { buffer in
      do throws(TimestampError) {
        return .success(try body(buffer.baseAddress!, buffer.count - 1))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }
}
