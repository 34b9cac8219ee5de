import StratTimeZone
import StratDiagnostics

// The schedule from text: the five settings as both configuration files spell them (the
// engine's [venue] kind = "fix", strat-venue's [venue]), each problem reported against the
// setting it belongs to.

extension FIXSessionSchedule {
  /// One setting of a schedule, by its configuration key.
  public enum Setting: String, Sendable, CaseIterable {
    case start = "session_start", end = "session_end"
    case startDay = "session_start_day", endDay = "session_end_day"
    case timeZone = "session_time_zone"
  }

  /// The configuration files' id for a schedule error (`fix.schedule.bad-time` is
  /// `engine.config.time`), in the style of their other keys' ids.
  public static func configID(for error: FIXError) -> String {
    switch error.id {
    case "fix.schedule.bad-time": "engine.config.time"
    case "fix.schedule.bad-day": "engine.config.weekday"
    case "fix.schedule.unknown-zone": "engine.config.time-zone"
    case "fix.schedule.incomplete": "engine.config.missing-key"
    default: "engine.config.value"
    }
  }

  /// Builds a schedule from the settings' text (`text` answers nil for an absent one). None
  /// given: `always`. A problem goes to `report` with its setting, and the result is nil.
  public static func parse(_ text: (Setting) -> String?, report: (Setting, FIXError) -> Void) -> FIXSessionSchedule? {
    let given = Dictionary(uniqueKeysWithValues: Setting.allCases.compactMap { s in text(s).map { (s, $0) } })
    if given.isEmpty { return .always }
    var failed = false
    func read<T>(_ setting: Setting, _ parse: (String) -> Result<T, FIXError>) -> T? {
      guard let value = given[setting] else { return nil }
      switch parse(value) {
      case .success(let parsed): return parsed
      case .failure(let error):
        failed = true
        report(setting, error)
        return nil
      }
    }
    let start = read(.start, timeOfDay(parsing:))
    let end = read(.end, timeOfDay(parsing:))
    let startDay = read(.startDay, weekday(parsing:))
    let endDay = read(.endDay, weekday(parsing:))
    let zone = read(.timeZone, zone(named:)) ?? nil
    for (present, absent) in [(Setting.start, Setting.end), (.end, .start), (.startDay, .endDay), (.endDay, .startDay)]
    where given[present] != nil && given[absent] == nil {
      failed = true
      report(present, incomplete(present, needs: absent))
    }
    if given[.start] == nil && given[.end] == nil {
      for setting in [Setting.startDay, .endDay, .timeZone] where given[setting] != nil {
        failed = true
        report(setting, incomplete(setting, needs: .start))
      }
    }
    guard !failed, let start, let end else { return nil }
    return FIXSessionSchedule(
      window: Window(startSeconds: start, endSeconds: end, startDay: startDay, endDay: endDay, zone: zone))
  }

  private static func incomplete(_ setting: Setting, needs other: Setting) -> FIXError {
    FIXError(
      id: "fix.schedule.incomplete",
      message: "\(setting.rawValue) needs \(other.rawValue) too"
        + " (a schedule has a start and an end time, and a weekly one both days)")
  }

  /// `HH:MM:SS`, 00:00:00 to 23:59:59, as seconds after midnight (FIX's UTCTimeOnly without
  /// a fraction or a leap second).
  public static func timeOfDay(parsing text: String) -> Result<Int, FIXError> {
    let bytes = Array(text.utf8)
    let nanos = bytes.count == 8 ? bytes.withUnsafeBytes { FIXTime.parseTimeOfDay($0) } : nil
    if let nanos, nanos < CivilCalendar.nanosPerDay { return .success(Int(nanos / 1_000_000_000)) }
    return .failure(
      FIXError(
        id: "fix.schedule.bad-time",
        message: "expected a time of day HH:MM:SS, 00:00:00 to 23:59:59, such as \"08:00:00\"; found \"\(text)\""))
  }

  /// `mon` … `sun` (or the day's whole English name), any case.
  public static func weekday(parsing text: String) -> Result<Weekday, FIXError> {
    let names = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
    let full = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
    let lower = text.lowercased()
    if let index = names.firstIndex(of: lower) ?? full.firstIndex(of: lower) { return .success(Weekday(rawValue: index)!) }
    let hint = Suggestions.closest(to: lower, among: names).first.map { "; did you mean \"\($0)\"?" } ?? ""
    return .failure(
      FIXError(
        id: "fix.schedule.bad-day", message: "expected a day of the week, \"mon\" to \"sun\"; found \"\(text)\"\(hint)"))
  }

  /// A zone of the system's database such as `America/New_York`; `UTC` needs no file (nil).
  public static func zone(named name: String) -> Result<ZoneRules?, FIXError> {
    if name == "UTC" { return .success(nil) }
    do throws(ZoneDatabase.LookupError) {
      return .success(try ZoneDatabase.rules(named: name))
    } catch {
      let diagnostic = error.diagnostic
      return .failure(
        FIXError(
          id: "fix.schedule.unknown-zone",
          message: ([diagnostic.message] + diagnostic.notes).joined(separator: "; ")))
    }
  }
}
