/// A POSIX TZ string such as `EST5EDT,M3.2.0,M11.1.0`: the rule a TZif footer gives for times
/// after the file's last transition (RFC 8536 §3.3, POSIX.1-2017 §8.3 with the v3 extensions:
/// transition times from −167 to 167 hours).
///
/// ```
/// rule   := std offset [dst [offset] ["," date ["/" time] "," date ["/" time]]]
/// name   := letters{3,} | "<" [A-Za-z0-9+-]{3,} ">"
/// offset := ["+"|"-"] hh [":" mm [":" ss]]       hours west of UTC (EST5 is UTC−5)
/// date   := "J" n (1…365, no 29 Feb) | n (0…365) | "M" m "." w "." d (w 5 = last)
/// ```
public struct POSIXTZRule: Sendable, Equatable {
  /// A day of the year on which daylight time starts or ends.
  public enum Day: Sendable, Equatable {
    case julianNoLeap(Int64)
    case zeroBased(Int64)
    case monthWeekDay(month: Int64, week: Int64, weekday: Int64)
  }

  /// A yearly transition: the day and the local time of day (seconds, may exceed a day).
  public struct Change: Sendable, Equatable {
    public var day: Day
    public var time: Int64
  }

  /// Daylight time and when it applies.
  public struct Daylight: Sendable, Equatable {
    public var utcOffset: Int64
    public var start: Change
    public var end: Change
  }

  /// Standard time's offset east of UTC, in seconds.
  public var standardOffset: Int64
  /// Daylight time, or nil for a zone without it.
  public var daylight: Daylight?

  /// Parses a TZ string; nil when it is not one.
  public init?(_ text: String) {
    var scanner = POSIXTZScanner(Array(text.utf8))
    guard let rule = scanner.rule(), scanner.atEnd else { return nil }
    self = rule
  }

  init(standardOffset: Int64, daylight: Daylight?) {
    self.standardOffset = standardOffset
    self.daylight = daylight
  }

  /// The UTC seconds at which daylight time starts and ends in `year`.
  public func changes(in year: Int64) -> (start: Int64, end: Int64)? {
    guard let daylight else { return nil }
    let start = Self.localSeconds(daylight.start, year: year) - standardOffset
    let end = Self.localSeconds(daylight.end, year: year) - daylight.utcOffset
    return (start, end)
  }

  /// The offset east of UTC in seconds at a UTC instant.
  public func offset(atUTC seconds: Int64) -> Int64 {
    guard let daylight else { return standardOffset }
    let year = CivilCalendar.date(days: floorDiv(seconds + standardOffset, 86_400)).year
    guard let (start, end) = changes(in: year) else { return standardOffset }
    let inDaylight = start < end ? (seconds >= start && seconds < end) : (seconds >= start || seconds < end)
    return inDaylight ? daylight.utcOffset : standardOffset
  }

  /// Seconds since 1970 on the local clock of a change in `year`.
  static func localSeconds(_ change: Change, year: Int64) -> Int64 {
    dayIndex(change.day, year: year) * 86_400 + change.time
  }

  /// Days since 1970-01-01 of a rule day in `year`.
  static func dayIndex(_ day: Day, year: Int64) -> Int64 {
    let january1 = CivilCalendar.days(year: year, month: 1, day: 1)
    switch day {
    case .julianNoLeap(let n):
      return january1 + n - 1 + (CivilCalendar.isLeapYear(year) && n >= 60 ? 1 : 0)
    case .zeroBased(let n):
      return january1 + n
    case .monthWeekDay(let month, let week, let weekday):
      let first = CivilCalendar.days(year: year, month: month, day: 1)
      let firstWeekday = floorMod(first + 4, 7)  // 1970-01-01 was a Thursday (4)
      var day = first + floorMod(weekday - firstWeekday, 7) + (week - 1) * 7
      let last = first + CivilCalendar.daysInMonth(month, year: year) - 1
      while day > last { day -= 7 }
      return day
    }
  }
}

/// Division rounding toward −∞.
@inline(__always)
func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
  let q = a / b
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

/// The remainder of `floorDiv`, in 0..<b for b > 0.
@inline(__always)
func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }

/// A recursive-descent scanner for POSIX TZ strings.
struct POSIXTZScanner {
  let bytes: [UInt8]
  var i = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  var atEnd: Bool { i == bytes.count }

  func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }

  mutating func eat(_ c: Character) -> Bool {
    guard peek() == c.asciiValue else { return false }
    i += 1
    return true
  }

  mutating func rule() -> POSIXTZRule? {
    guard name(), let std = offset(maxHours: 24) else { return nil }
    guard !atEnd else { return POSIXTZRule(standardOffset: -std, daylight: nil) }
    guard name() else { return nil }
    var dst = std - 3_600
    if let c = peek(), c != UInt8(ascii: ",") {
      guard let value = offset(maxHours: 24) else { return nil }
      dst = value
    }
    // A daylight name without dates: tzdata never writes one; POSIX leaves it to the system.
    guard eat(","), let start = change(), eat(","), let end = change() else { return nil }
    return POSIXTZRule(standardOffset: -std, daylight: .init(utcOffset: -dst, start: start, end: end))
  }

  mutating func name() -> Bool {
    let start = i
    if eat("<") {
      while let c = peek(), isAlphanumeric(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { i += 1 }
      let length = i - start - 1
      return eat(">") && length >= 3
    }
    while let c = peek(), isLetter(c) { i += 1 }
    return i - start >= 3
  }

  /// [+|-]hh[:mm[:ss]] in seconds.
  mutating func offset(maxHours: Int64) -> Int64? {
    let sign: Int64 = eat("-") ? -1 : (eat("+") ? 1 : 1)
    guard let h = number(maxDigits: 3), h <= maxHours else { return nil }
    var seconds = h * 3_600
    if eat(":") {
      guard let m = number(maxDigits: 2), m < 60 else { return nil }
      seconds += m * 60
      if eat(":") {
        guard let s = number(maxDigits: 2), s < 60 else { return nil }
        seconds += s
      }
    }
    return sign * seconds
  }

  mutating func change() -> POSIXTZRule.Change? {
    guard let day = day() else { return nil }
    guard eat("/") else { return .init(day: day, time: 7_200) }
    guard let time = offset(maxHours: 167) else { return nil }
    return .init(day: day, time: time)
  }

  mutating func day() -> POSIXTZRule.Day? {
    if eat("J") {
      guard let n = number(maxDigits: 3), (1...365).contains(n) else { return nil }
      return .julianNoLeap(n)
    }
    if eat("M") {
      guard let m = number(maxDigits: 2), (1...12).contains(m), eat("."),
        let w = number(maxDigits: 1), (1...5).contains(w), eat("."),
        let d = number(maxDigits: 1), (0...6).contains(d)
      else { return nil }
      return .monthWeekDay(month: m, week: w, weekday: d)
    }
    guard let n = number(maxDigits: 3), n <= 365 else { return nil }
    return .zeroBased(n)
  }

  mutating func number(maxDigits: Int) -> Int64? {
    let start = i
    var value: Int64 = 0
    while let c = peek(), c >= 0x30, c <= 0x39, i - start < maxDigits {
      value = value * 10 + Int64(c - 0x30)
      i += 1
    }
    return i > start ? value : nil
  }

  func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
  func isAlphanumeric(_ c: UInt8) -> Bool { isLetter(c) || (c >= 0x30 && c <= 0x39) }
}
