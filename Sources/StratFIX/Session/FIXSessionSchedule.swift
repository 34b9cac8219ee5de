import StratTimeZone

/// When a FIX session may be logged on, and when its sequence numbers start over: QuickFIX's
/// StartTime/EndTime (a daily session), StartDay/EndDay (a weekly one) and TimeZone, or
/// "always" (QuickFIX's NonStopSession).
///
/// A *period* is one run of the session, from a start time to the next end time on the zone's
/// clock. An end at or before the start crosses midnight (17:00 to 16:00 the next day, as
/// many FX venues); an end equal to the start makes a 24-hour session whose period still turns
/// over at the start (the daily reset). Periods are half-open, `[start, end)`: at the end time
/// the session is out. Local times are converted with the zone's rules, so a period over a
/// DST change is 23 or 25 hours long; a start in a skipped hour is read on the old clock.
///
///   local day d:      start ──────── period ────────▶ end (d, d+1, or d+n for a week)
///   utc instant t:    in session ⇔ some period [start, end) holds t
public struct FIXSessionSchedule: Sendable, Equatable {
  /// A day of the week, as StartDay/EndDay name it.
  public enum Weekday: Int, Sendable, Equatable, CaseIterable {
    case sunday, monday, tuesday, wednesday, thursday, friday, saturday
  }

  /// The hours of a scheduled session.
  public struct Window: Sendable, Equatable {
    /// Seconds after local midnight, 0..<86400.
    public var startSeconds: Int
    public var endSeconds: Int
    /// Both set for a weekly session; both nil for a daily one.
    public var startDay: Weekday?
    public var endDay: Weekday?
    /// The zone whose clock the times are read on; nil is UTC.
    public var zone: ZoneRules?

    public init(
      startSeconds: Int, endSeconds: Int, startDay: Weekday? = nil, endDay: Weekday? = nil, zone: ZoneRules? = nil
    ) {
      self.startSeconds = startSeconds
      self.endSeconds = endSeconds
      self.startDay = startDay
      self.endDay = endDay
      self.zone = zone
    }
  }

  /// The window; nil for a session that is always in.
  public var window: Window?

  /// A session that is always in, and whose sequence numbers never start over by themselves.
  public static let always = FIXSessionSchedule(window: nil)

  public init(window: Window?) { self.window = window }

  public var isAlways: Bool { window == nil }

  /// True when `utcNanos` lies in one of the schedule's periods (always, for `always`).
  public func isInSession(_ utcNanos: Int64) -> Bool { isAlways || period(containing: utcNanos) != nil }

  /// The UTC start of the period `utcNanos` belongs to; nil outside every period (and for
  /// `always`, which has no periods to tell apart).
  public func sessionStart(containing utcNanos: Int64) -> Int64? { period(containing: utcNanos)?.start }

  /// The period holding `utcNanos`, as UTC ns `[start, end)`; nil outside (and for `always`).
  public func period(containing utcNanos: Int64) -> (start: Int64, end: Int64)? {
    guard let window else { return nil }
    let second: Int64 = 1_000_000_000
    let offset = window.zone?.offset(atUTC: floorDiv(utcNanos, second)) ?? 0
    let today = CivilCalendar.dayIndex(nanos: utcNanos + offset * second)
    // The period that holds t started on a local day no later than t's, and at most a week
    // (a day, for a daily session) before it; the latest candidate that holds t wins.
    for day in candidateStartDays(today, window) {
      let start = window.utc(day: day, seconds: window.startSeconds)
      let end = window.utc(day: day + window.lengthInDays, seconds: window.endSeconds)
      if start <= utcNanos && utcNanos < end { return (start, end) }
    }
    return nil
  }

  /// Local days on which a period holding a time on local day `today` may have started,
  /// latest first.
  private func candidateStartDays(_ today: Int64, _ window: Window) -> [Int64] {
    guard let startDay = window.startDay else { return [today, today - 1] }
    let back = (Self.weekday(ofDay: today).rawValue - startDay.rawValue + 7) % 7
    return [today - Int64(back), today - Int64(back) - 7]
  }

  /// The weekday of a day index (1970-01-01 was a Thursday).
  static func weekday(ofDay day: Int64) -> Weekday {
    Weekday(rawValue: Int((day % 7 + 7 + 4) % 7))!
  }
}

extension FIXSessionSchedule.Window {
  /// Whole local days from a period's start day to its end day: 0 or 1 for a daily session
  /// (1 when it crosses midnight), up to 7 for a weekly one (7 when it ends on its start day
  /// at or before its start time, a week-long session).
  var lengthInDays: Int64 {
    if let startDay, let endDay {
      let days = (endDay.rawValue - startDay.rawValue + 7) % 7
      return Int64(days == 0 && endSeconds <= startSeconds ? 7 : days)
    }
    return endSeconds <= startSeconds ? 1 : 0
  }

  /// The UTC ns of `seconds` after midnight of local day `day` on the zone's clock.
  func utc(day: Int64, seconds: Int) -> Int64 {
    let local = day * CivilCalendar.nanosPerDay + Int64(seconds) * 1_000_000_000
    return zone?.utcNanos(fromLocal: local) ?? local
  }
}

private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
  let q = a / b
  return a % b < 0 ? q - 1 : q
}
