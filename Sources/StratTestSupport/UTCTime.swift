/// UTC timestamps in the form the run cases use, `2024-01-02T09:30:00Z` (optionally with a
/// fraction of a second), converted to and from nanoseconds since the epoch.
public enum UTCTime {
  /// Parses `YYYY-MM-DDTHH:MM:SS[.fffffffff]Z`; nil when malformed.
  public static func nanoseconds(_ text: String) -> Int64? {
    let bytes = Array(text.utf8)
    guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"), bytes[4] == UInt8(ascii: "-"),
      bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
      bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
      let year = number(bytes[0..<4]), let month = number(bytes[5..<7]),
      let day = number(bytes[8..<10]), let hour = number(bytes[11..<13]),
      let minute = number(bytes[14..<16]), let second = number(bytes[17..<19]),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
    else { return nil }
    var fraction: Int64 = 0
    let rest = bytes[19..<(bytes.count - 1)]
    if !rest.isEmpty {
      guard rest.first == UInt8(ascii: "."), rest.count >= 2, rest.count <= 10,
        let digits = number(rest.dropFirst())
      else { return nil }
      fraction = digits
      for _ in 0..<(9 - (rest.count - 1)) { fraction *= 10 }
    }
    let days = daysFromCivil(year: year, month: month, day: day)
    return ((days * 24 + hour) * 60 + minute) * 60_000_000_000 + second * 1_000_000_000 + fraction
  }

  /// Formats nanoseconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ`, with a trimmed fraction
  /// when the time is not a whole second.
  public static func text(_ nanoseconds: Int64) -> String {
    let perDay: Int64 = 86_400_000_000_000
    var days = nanoseconds / perDay
    var rest = nanoseconds % perDay
    if rest < 0 {
      days -= 1
      rest += perDay
    }
    let (year, month, day) = civilFromDays(days)
    let seconds = rest / 1_000_000_000
    let fraction = rest % 1_000_000_000
    var out = "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))T"
    out += "\(padded(seconds / 3600, 2)):\(padded(seconds / 60 % 60, 2)):\(padded(seconds % 60, 2))"
    if fraction != 0 {
      var digits = padded(fraction, 9)
      while digits.hasSuffix("0") { digits.removeLast() }
      out += "." + digits
    }
    return out + "Z"
  }

  static func number<C: Collection>(_ digits: C) -> Int64? where C.Element == UInt8 {
    var value: Int64 = 0
    for byte in digits {
      guard byte >= 0x30, byte <= 0x39 else { return nil }
      value = value * 10 + Int64(byte - 0x30)
    }
    return digits.isEmpty ? nil : value
  }

  static func padded(_ value: Int64, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
  static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  static func civilFromDays(_ days: Int64) -> (Int64, Int64, Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}
