/// Proleptic Gregorian calendar arithmetic on plain integers (H. Hinnant's days-from-civil),
/// so that parsing and printing times never touch Foundation's slow date formatters.
public enum CivilCalendar {
  /// Nanoseconds in one day.
  public static let nanosPerDay: Int64 = 86_400_000_000_000

  /// Returns the number of days from 1970-01-01 to the given date (negative before it).
  @inlinable @inline(__always)
  public static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// Returns the date of a day count from 1970-01-01.
  @inlinable @inline(__always)
  public static func date(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
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

  /// True when `year` has a 29 February.
  @inlinable @inline(__always)
  public static func isLeapYear(_ year: Int64) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  /// Returns the number of days in a month (1–12) of a year.
  @inlinable @inline(__always)
  public static func daysInMonth(_ month: Int64, year: Int64) -> Int64 {
    switch month {
    case 2: return isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Returns the UTC day index (days since 1970-01-01) of a time in nanoseconds.
  @inlinable @inline(__always)
  public static func dayIndex(nanos: Int64) -> Int64 {
    let q = nanos / nanosPerDay
    return nanos % nanosPerDay < 0 ? q - 1 : q
  }
}
