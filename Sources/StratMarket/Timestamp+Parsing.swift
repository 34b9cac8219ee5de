// The byte-level time parsers behind `Timestamp.parse`, also called by the CSV reader on
// fields in place. They read only bytes `start..<limit`, stop at a field delimiter (',', LF, CR)
// and report offsets relative to `start`.

extension Timestamp {
  /// Parses a date or date-time that fills bytes `start..<end` exactly (see `Timestamp`).
  static func parseDateTime(
    _ p: UnsafePointer<UInt8>,
    _ start: Int,
    _ end: Int
  ) throws(TimestampError) -> Int64 {
    var stop = start
    let value = try scanDateTime(p, start, end, stop: &stop)
    if stop < end { throw .malformed(expected: "the end of the time", offset: stop - start) }
    return value
  }

  /// Parses epoch seconds that fill bytes `start..<end` exactly.
  static func parseEpochSeconds(
    _ p: UnsafePointer<UInt8>,
    _ start: Int,
    _ end: Int
  ) throws(TimestampError) -> Int64 {
    var stop = start
    let value = try scanEpochSeconds(p, start, end, stop: &stop)
    if stop < end {
      throw .malformed(expected: "a digit or the end of the epoch seconds", offset: stop - start)
    }
    return value
  }

  // datetime := date ([Tt ] HH ':' MM (':' SS ('.' fraction)?)?)? zone?
  /// Parses a date or date-time at `start`, up to a delimiter or `limit`; sets `stop` after it.
  @inline(__always)
  static func scanDateTime(
    _ p: UnsafePointer<UInt8>,
    _ start: Int,
    _ limit: Int,
    stop: inout Int
  ) throws(TimestampError) -> Int64 {
    let s = Scanner(p: p, start: start, end: limit)
    let year = try s.digits(at: 0, count: 4, expected: "a 4-digit year (YYYY-MM-DD)")
    try s.byte(0x2D, at: 4, expected: "'-' after the year (YYYY-MM-DD)")
    let month = try s.digits(at: 5, count: 2, expected: "a 2-digit month (YYYY-MM-DD)")
    try s.byte(0x2D, at: 7, expected: "'-' after the month (YYYY-MM-DD)")
    let day = try s.digits(at: 8, count: 2, expected: "a 2-digit day (YYYY-MM-DD)")
    guard month >= 1 && month <= 12 else {
      throw .fieldOutOfRange(field: "month", value: month, range: "01…12")
    }
    let monthDays = CivilCalendar.daysInMonth(month, year: year)
    guard day >= 1 && day <= monthDays else {
      throw .fieldOutOfRange(
        field: "day",
        value: day,
        range: "01…\(monthDays) for \(year)-\(month < 10 ? "0" : "")\(month)"
      )
    }
    var seconds = CivilCalendar.days(year: year, month: month, day: day) * 86_400
    var fraction: Int64 = 0
    var i = 10
    if i < s.count && (s[i] == 0x54 || s[i] == 0x74 || s[i] == 0x20) {
      let clock = try parseClock(s, at: i + 1)
      seconds += clock.seconds
      fraction = clock.fraction
      i = clock.next
    }
    if !s.isEnd(i) {
      let zone = try parseZone(s, at: i, afterTime: i > 10)
      seconds -= zone.seconds
      i = zone.next
    }
    stop = start + i
    return try combine(seconds: seconds, fraction: fraction)
  }

  // clock := HH ':' MM (':' SS ('.' digit+)?)?
  /// Parses a clock time at offset `i`; returns seconds of day, nanoseconds and the next offset.
  @inline(__always)
  static func parseClock(
    _ s: Scanner,
    at start: Int
  ) throws(TimestampError) -> (seconds: Int64, fraction: Int64, next: Int) {
    var i = start
    let hour = try s.digits(at: i, count: 2, expected: "a 2-digit hour (HH:MM)")
    try s.byte(0x3A, at: i + 2, expected: "':' after the hour (HH:MM)")
    let minute = try s.digits(at: i + 3, count: 2, expected: "2-digit minutes (HH:MM)")
    i += 5
    var second: Int64 = 0
    var fraction: Int64 = 0
    if i < s.count && s[i] == 0x3A {
      second = try s.digits(at: i + 1, count: 2, expected: "2-digit seconds (HH:MM:SS)")
      i += 3
      if i < s.count && s[i] == 0x2E {
        (fraction, i) = try parseFraction(s, at: i + 1)
      }
    }
    guard hour <= 23 else { throw .fieldOutOfRange(field: "hour", value: hour, range: "00…23") }
    guard minute <= 59 else {
      throw .fieldOutOfRange(field: "minute", value: minute, range: "00…59")
    }
    guard second <= 59 else {
      throw .fieldOutOfRange(field: "second", value: second, range: "00…59")
    }
    return (hour * 3_600 + minute * 60 + second, fraction, i)
  }

  /// Parses 1–9 fraction digits (more only when they are zeros) into nanoseconds.
  @inline(__always)
  static func parseFraction(_ s: Scanner, at start: Int) throws(TimestampError) -> (Int64, Int) {
    var i = start
    var value: Int64 = 0
    var count = 0
    while i < s.count, s[i] &- 0x30 <= 9 {
      let d = Int64(s[i] &- 0x30)
      if count < 9 {
        value = value * 10 + d
      } else if d != 0 {
        throw .malformed(expected: "at most 9 digits of fraction (nanoseconds)", offset: i)
      }
      count += 1
      i += 1
    }
    guard count > 0 else {
      throw .malformed(expected: "a digit after the decimal point", offset: i)
    }
    var scaled = value
    while count < 9 {
      scaled *= 10
      count += 1
    }
    return (scaled, i)
  }

  // zone := 'Z' | [+-] HH ':'? MM
  /// Parses a zone suffix at `i` and requires the field to end after it; returns the offset
  /// east of UTC in seconds.
  @inline(__always)
  static func parseZone(
    _ s: Scanner,
    at start: Int,
    afterTime: Bool
  ) throws(TimestampError) -> (seconds: Int64, next: Int) {
    var i = start
    let c = s[i]
    var seconds: Int64 = 0
    if c == 0x5A || c == 0x7A {
      i += 1
    } else if c == 0x2B || c == 0x2D {
      let hours = try s.digits(at: i + 1, count: 2, expected: "a 2-digit zone hour (±HH:MM)")
      i += 3
      if i < s.count && s[i] == 0x3A { i += 1 }
      let minutes = try s.digits(at: i, count: 2, expected: "2-digit zone minutes (±HH:MM)")
      i += 2
      guard hours <= 23 else {
        throw .fieldOutOfRange(field: "zone hour", value: hours, range: "00…23")
      }
      guard minutes <= 59 else {
        throw .fieldOutOfRange(field: "zone minute", value: minutes, range: "00…59")
      }
      seconds = (hours * 3_600 + minutes * 60) * (c == 0x2D ? -1 : 1)
    } else {
      let expected =
        afterTime
        ? "the end of the time, 'Z' or a zone like +00:00"
        : "'T' or a space before the time of day (YYYY-MM-DD HH:MM:SS)"
      throw .malformed(expected: expected, offset: i)
    }
    guard s.isEnd(i) else {
      throw .malformed(expected: "the end of the time after the zone", offset: i)
    }
    return (seconds, i)
  }

  // epoch := [+-]? digit+ ('.' digit+)?
  /// Parses epoch seconds at `start`, up to a delimiter or `limit`; sets `stop` after them.
  @inline(__always)
  static func scanEpochSeconds(
    _ p: UnsafePointer<UInt8>,
    _ start: Int,
    _ limit: Int,
    stop: inout Int
  ) throws(TimestampError) -> Int64 {
    let s = Scanner(p: p, start: start, end: limit)
    var i = 0
    var negative = false
    if i < s.count && (s[i] == 0x2D || s[i] == 0x2B) {
      negative = s[i] == 0x2D
      i += 1
    }
    let digitsStart = i
    var seconds: Int64 = 0
    while i < s.count, s[i] &- 0x30 <= 9 {
      seconds = seconds &* 10 &+ Int64(s[i] &- 0x30)
      i += 1
    }
    guard i > digitsStart else {
      throw .malformed(expected: "epoch seconds such as 1704153600", offset: i)
    }
    if i - digitsStart > 11 {
      var first = digitsStart
      while first < i && s[first] == 0x30 { first += 1 }
      if i - first > 11 { throw .outOfRange }
    }
    var fraction: Int64 = 0
    if i < s.count && s[i] == 0x2E { (fraction, i) = try parseFraction(s, at: i + 1) }
    stop = start + i
    let nanos = try combine(seconds: seconds, fraction: fraction)
    return negative ? -nanos : nanos
  }

  /// Returns seconds × 1e9 + fraction, or throws `.outOfRange`.
  @inline(__always)
  static func combine(seconds: Int64, fraction: Int64) throws(TimestampError) -> Int64 {
    let (scaled, overflow) = seconds.multipliedReportingOverflow(by: nanosPerSecond)
    let (sum, overflow2) = scaled.addingReportingOverflow(fraction)
    if overflow || overflow2 { throw .outOfRange }
    return sum
  }

  /// Bounded reads of bytes `start..<end`, indexed from 0.
  struct Scanner {
    let p: UnsafePointer<UInt8>
    let start: Int
    let count: Int

    @inline(__always)
    init(p: UnsafePointer<UInt8>, start: Int, end: Int) {
      self.p = p
      self.start = start
      self.count = end - start
    }

    /// True at `limit` or at a field delimiter (',', LF, CR).
    @inline(__always)
    func isEnd(_ i: Int) -> Bool {
      i >= count || p[start + i] == 0x2C || p[start + i] == 0x0A || p[start + i] == 0x0D
    }

    /// The byte at offset `i`; callers check `i < count`.
    @inline(__always)
    subscript(i: Int) -> UInt8 { p[start + i] }

    /// Reads exactly `count` ASCII digits at `offset`.
    @inline(__always)
    func digits(at offset: Int, count n: Int, expected: String) throws(TimestampError) -> Int64 {
      var value: Int64 = 0
      var i = offset
      while i < offset + n {
        guard i < count else { throw .malformed(expected: expected, offset: i) }
        let d = p[start + i] &- 0x30
        guard d <= 9 else { throw .malformed(expected: expected, offset: i) }
        value = value * 10 + Int64(d)
        i += 1
      }
      return value
    }

    /// Requires the byte `b` at `offset`.
    @inline(__always)
    func byte(_ b: UInt8, at offset: Int, expected: String) throws(TimestampError) {
      guard offset < count, p[start + offset] == b else {
        throw .malformed(expected: expected, offset: offset)
      }
    }
  }
}
