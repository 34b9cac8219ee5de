import StratTimeZone

/// FIX's UTC times (Volume 1, "Data Types"): UTCTimestamp `YYYYMMDD-HH:MM:SS[.sss[sss[sss]]]`,
/// UTCTimeOnly `HH:MM:SS[.sss]`, UTCDateOnly `YYYYMMDD`. Times are ns since the Unix epoch.
public enum FIXTime {
  /// Writes `nanos` as a UTCTimestamp with milliseconds (21 bytes) into `output`, which must
  /// have room; returns the count written. Milliseconds are what FIX 4.2 allows and what
  /// counterparties expect unless told otherwise.
  @discardableResult
  public static func writeTimestamp(_ nanos: Int64, to output: UnsafeMutableRawPointer) -> Int {
    let days = nanos >= 0 ? nanos / 86_400_000_000_000 : (nanos + 1) / 86_400_000_000_000 - 1
    let (year, month, day) = CivilCalendar.date(days: days)
    let inDay = nanos - days * 86_400_000_000_000
    let millis = inDay / 1_000_000
    var at = 0
    func put(_ value: Int64, _ width: Int) {
      var rest = value
      for offset in stride(from: width - 1, through: 0, by: -1) {
        output.storeBytes(of: UInt8(0x30 + rest % 10), toByteOffset: at + offset, as: UInt8.self)
        rest /= 10
      }
      at += width
    }
    func mark(_ byte: Character) {
      output.storeBytes(of: byte.asciiValue!, toByteOffset: at, as: UInt8.self)
      at += 1
    }
    put(year, 4); put(month, 2); put(day, 2); mark("-")
    put(millis / 3_600_000, 2); mark(":"); put(millis / 60_000 % 60, 2); mark(":")
    put(millis / 1000 % 60, 2); mark("."); put(millis % 1000, 3)
    return at
  }

  /// The timestamp as text (for logs and tests).
  public static func timestamp(_ nanos: Int64) -> String {
    var bytes = [UInt8](repeating: 0, count: 21)
    bytes.withUnsafeMutableBytes { _ = writeTimestamp(nanos, to: $0.baseAddress!) }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Parses a UTCTimestamp; nil when it is malformed or names an impossible date or time.
  public static func parseTimestamp(_ text: UnsafeRawBufferPointer) -> Int64? {
    guard text.count >= 17, text[8] == UInt8(ascii: "-"),
      let days = parseDate(UnsafeRawBufferPointer(rebasing: text[0..<8])),
      let time = parseTimeOfDay(UnsafeRawBufferPointer(rebasing: text[9...]))
    else { return nil }
    return days + time
  }

  /// Parses YYYYMMDD to ns since the epoch at its midnight; nil when malformed, impossible, or
  /// outside what ns since 1970 in 64 bits hold (1678–2261; `isDate` still accepts those).
  public static func parseDate(_ text: UnsafeRawBufferPointer) -> Int64? {
    guard let (year, month, day) = civilDate(text), (1678...2261).contains(year) else { return nil }
    return CivilCalendar.days(year: year, month: month, day: day) * 86_400_000_000_000
  }

  /// Whether `text` is a possible YYYYMMDD date (years 0000–9999).
  public static func isDate(_ text: UnsafeRawBufferPointer) -> Bool { civilDate(text) != nil }

  /// Whether `text` is a well-formed UTCTimestamp, whatever its year.
  public static func isTimestamp(_ text: UnsafeRawBufferPointer) -> Bool {
    text.count >= 17 && text[8] == UInt8(ascii: "-") && isDate(UnsafeRawBufferPointer(rebasing: text[0..<8]))
      && parseTimeOfDay(UnsafeRawBufferPointer(rebasing: text[9...])) != nil
  }

  private static func civilDate(_ text: UnsafeRawBufferPointer) -> (Int64, Int64, Int64)? {
    guard text.count == 8, let year = digits(text, 0, 4), let month = digits(text, 4, 2),
      let day = digits(text, 6, 2), (1...12).contains(month), day >= 1,
      day <= CivilCalendar.daysInMonth(month, year: year)
    else { return nil }
    return (year, month, day)
  }

  /// Parses HH:MM:SS[.fraction of 3, 6 or 9 digits] to ns since midnight. A leap second (60)
  /// is accepted, as FIX allows.
  public static func parseTimeOfDay(_ text: UnsafeRawBufferPointer) -> Int64? {
    guard text.count >= 8, text[2] == UInt8(ascii: ":"), text[5] == UInt8(ascii: ":"),
      let hour = digits(text, 0, 2), let minute = digits(text, 3, 2), let second = digits(text, 6, 2),
      hour < 24, minute < 60, second <= 60
    else { return nil }
    var nanos = ((hour * 60 + minute) * 60 + second) * 1_000_000_000
    if text.count > 8 {
      let width = text.count - 9
      guard text[8] == UInt8(ascii: "."), [3, 6, 9].contains(width), let fraction = digits(text, 9, width) else {
        return nil
      }
      var scale: Int64 = 1
      for _ in width..<9 { scale *= 10 }
      nanos += fraction * scale
    }
    return nanos
  }

  private static func digits(_ text: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> Int64? {
    var value: Int64 = 0
    for index in start..<start + count {
      let byte = text[index]
      guard byte >= 0x30 && byte <= 0x39 else { return nil }
      value = value * 10 + Int64(byte - 0x30)
    }
    return value
  }
}
