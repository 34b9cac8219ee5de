import Testing

@testable import StratFIX

/// UTC ns of a FIX UTCTimestamp such as `20261202-17:00:00`.
func utc(_ text: String) -> Int64 {
  Array(text.utf8).withUnsafeBytes { FIXTime.parseTimestamp($0) }!
}

/// A schedule from configuration text (start, end, optional days and zone); it must parse.
func schedule(_ start: String, _ end: String, days: (String, String)? = nil, zone: String? = nil) -> FIXSessionSchedule {
  let text: [FIXSessionSchedule.Setting: String] = [
    .start: start, .end: end, .startDay: days?.0, .endDay: days?.1, .timeZone: zone,
  ].compactMapValues { $0 }
  return FIXSessionSchedule.parse({ text[$0] }, report: { Issue.record("\($0): \($1)") })!
}

/// The pure schedule: which instants are in, where each period starts, and the parse.
@Suite struct FIXSessionScheduleTests {
  @Test func aDailyWindowIsHalfOpen() {
    let hours = schedule("08:00:00", "16:00:00")
    #expect(!hours.isInSession(utc("20261202-07:59:59")))
    #expect(hours.sessionStart(containing: utc("20261202-08:00:00")) == utc("20261202-08:00:00"))
    #expect(hours.sessionStart(containing: utc("20261202-15:59:59")) == utc("20261202-08:00:00"))
    #expect(hours.sessionStart(containing: utc("20261202-16:00:00")) == nil)
    #expect(hours.sessionStart(containing: utc("20261203-12:00:00")) == utc("20261203-08:00:00"))
  }

  @Test func aWindowCrossingMidnightBelongsToTheDayItStarted() {
    let fx = schedule("17:00:00", "16:00:00")
    #expect(fx.sessionStart(containing: utc("20261202-23:00:00")) == utc("20261202-17:00:00"))
    #expect(fx.sessionStart(containing: utc("20261203-03:00:00")) == utc("20261202-17:00:00"))
    #expect(fx.sessionStart(containing: utc("20261203-15:59:59")) == utc("20261202-17:00:00"))
    #expect(!fx.isInSession(utc("20261203-16:30:00")))
    #expect(fx.sessionStart(containing: utc("20261203-17:00:00")) == utc("20261203-17:00:00"))
  }

  @Test func newYorkHoursFollowDaylightSavingTime() {
    let fx = schedule("17:00:00", "16:00:00", zone: "America/New_York")
    // Spring forward on Sunday 2026-03-08: 17:00 EST Saturday (22:00Z) to 16:00 EDT (20:00Z), 22 h.
    #expect(fx.period(containing: utc("20260308-12:00:00"))! == (utc("20260307-22:00:00"), utc("20260308-20:00:00")))
    #expect(!fx.isInSession(utc("20260308-20:00:00")))
    #expect(fx.sessionStart(containing: utc("20260308-21:00:00")) == utc("20260308-21:00:00"))
    // Fall back on Sunday 2026-11-01: 17:00 EDT Saturday (21:00Z) to 16:00 EST (21:00Z), 24 h.
    #expect(fx.period(containing: utc("20261101-20:30:00"))! == (utc("20261031-21:00:00"), utc("20261101-21:00:00")))
    #expect(fx.sessionStart(containing: utc("20261101-22:00:00")) == utc("20261101-22:00:00"))
    // A winter day: 17:00 EST is 22:00Z.
    #expect(fx.sessionStart(containing: utc("20261202-23:00:00")) == utc("20261202-22:00:00"))
  }

  @Test func aWeeklySessionRunsFromItsStartDayToItsEndDay() {
    // The FX week: Sunday 17:00 to Friday 17:00 in New York (2026-12-06 is a Sunday).
    let week = schedule("17:00:00", "17:00:00", days: ("sun", "fri"), zone: "America/New_York")
    #expect(!week.isInSession(utc("20261205-12:00:00")))
    #expect(!week.isInSession(utc("20261206-21:59:59")))
    #expect(week.sessionStart(containing: utc("20261206-22:00:00")) == utc("20261206-22:00:00"))
    #expect(week.sessionStart(containing: utc("20261209-10:00:00")) == utc("20261206-22:00:00"))
    #expect(week.sessionStart(containing: utc("20261211-21:59:59")) == utc("20261206-22:00:00"))
    #expect(!week.isInSession(utc("20261211-22:00:00")))
    // Ending on its start day at or before its start time: a week-long session.
    let whole = schedule("06:00:00", "05:00:00", days: ("mon", "mon"))
    #expect(whole.sessionStart(containing: utc("20261207-05:30:00")) == nil)
    #expect(whole.sessionStart(containing: utc("20261213-23:00:00")) == utc("20261207-06:00:00"))
  }

  @Test func equalStartAndEndIsAlwaysInButTurnsOverDaily() {
    let day = schedule("00:00:00", "00:00:00")
    #expect(day.sessionStart(containing: utc("20261202-13:00:00")) == utc("20261202-00:00:00"))
    #expect(day.sessionStart(containing: utc("20261203-00:00:00")) == utc("20261203-00:00:00"))
    #expect(FIXSessionSchedule.always.isInSession(0) && FIXSessionSchedule.always.sessionStart(containing: 0) == nil)
  }

  func failure<T>(_ result: Result<T, FIXError>) -> FIXError? {
    if case .failure(let error) = result { error } else { nil }
  }

  @Test(arguments: ["8:00:00", "24:00:00", "08:60:00", "23:59:60", "08:00:00.000", "", "08-00-00"])
  func aBadTimeIsRefused(_ text: String) throws {
    let error = try #require(failure(FIXSessionSchedule.timeOfDay(parsing: text)))
    #expect(error.id == "fix.schedule.bad-time" && error.message.contains("\"\(text)\""))
  }

  @Test func timesDaysAndZonesParse() throws {
    #expect(try FIXSessionSchedule.timeOfDay(parsing: "23:59:59").get() == 86_399)
    #expect(try FIXSessionSchedule.weekday(parsing: "Friday").get() == .friday)
    #expect(try FIXSessionSchedule.weekday(parsing: "SUN").get() == .sunday)
    let day = try #require(failure(FIXSessionSchedule.weekday(parsing: "mom")))
    #expect(day.id == "fix.schedule.bad-day" && day.message.contains("did you mean \"mon\"?"))
    #expect(try FIXSessionSchedule.zone(named: "UTC").get() == nil)
    #expect(try FIXSessionSchedule.zone(named: "America/New_York").get()?.name == "America/New_York")
    let zone = try #require(failure(FIXSessionSchedule.zone(named: "America/New_Yrok")))
    #expect(zone.id == "fix.schedule.unknown-zone" && zone.message.contains("America/New_York"))
  }

  @Test func theSettingsMustComeInPairs() {
    func problems(_ text: [FIXSessionSchedule.Setting: String]) -> [String] {
      var found: [String] = []
      let parsed = FIXSessionSchedule.parse({ text[$0] }, report: { found.append("\($0.rawValue) \($1.id)") })
      #expect((parsed == nil) == !found.isEmpty)
      return found
    }
    #expect(problems([:]).isEmpty && FIXSessionSchedule.parse({ _ in nil }, report: { _, _ in }) == .always)
    #expect(problems([.start: "08:00:00"]) == ["session_start fix.schedule.incomplete"])
    #expect(problems([.start: "08:00:00", .end: "16:00:00", .startDay: "mon"]) == ["session_start_day fix.schedule.incomplete"])
    #expect(problems([.timeZone: "UTC"]) == ["session_time_zone fix.schedule.incomplete"])
    #expect(problems([.start: "08:00", .end: "16:00:00", .timeZone: "Mars/Base"]) == [
      "session_start fix.schedule.bad-time", "session_time_zone fix.schedule.unknown-zone",
    ])
    #expect(FIXSessionSchedule.configID(for: FIXError(id: "fix.schedule.bad-time", message: "")) == "engine.config.time")
    #expect(schedule("17:00:00", "17:00:00", days: ("sun", "fri"), zone: "America/New_York").description
      == "sun 17:00:00 to fri 17:00:00 America/New_York")
  }
}
