import StratMarket
import Testing

/// Exchange-local times of day (LOBSTER, ITCH) become true UTC instants, with New York's
/// daylight-saving rules from the system's zone files.
@Suite struct SessionClockTests {
  static let hour: Int64 = 3_600_000_000_000

  static func clock(_ date: String) throws -> SessionClock {
    try LOBSTERFileName.sessionClock(path: "x.csv", date: date)
  }

  @Test func lobsterSampleFirstMessageIsInDaylightTime() throws {
    let first = try LOBSTERMessageReader(path: LOBSTERSample.messages(1)).next()
    // 34200.015105074 s after midnight on 2012-06-21 EDT (UTC−4) is 13:30:00.015105074Z.
    #expect(first?.timeNanos == LOBSTERSample.midnight + 13 * Self.hour + Self.hour / 2 + 15_105_074)
    #expect(first.map { Timestamp.iso8601($0.timeNanos) } == "2012-06-21T13:30:00.015105074Z")
  }

  @Test(arguments: [("2012-06-21", -4 as Int64), ("2012-12-21", -5), ("2024-03-08", -5), ("2024-03-11", -4)])
  func openingBellFollowsDaylightSaving(date: String, offsetHours: Int64) throws {
    let clock = try Self.clock(date)
    let open = clock.utcNanos(nanosOfDay: 9 * Self.hour + Self.hour / 2)
    #expect(open == clock.localMidnightNanos + 9 * Self.hour + Self.hour / 2 - offsetHours * Self.hour)
    #expect(clock.nanosOfDay(utcNanos: open) == 9 * Self.hour + Self.hour / 2)
  }

  @Test func springForwardDayChangesOffsetAtTwo() throws {
    let clock = try Self.clock("2024-03-10")
    let midnight = clock.localMidnightNanos
    #expect(clock.utcNanos(nanosOfDay: Self.hour) == midnight + 6 * Self.hour)  // 01:00 EST
    #expect(clock.utcNanos(nanosOfDay: 2 * Self.hour + Self.hour / 2) == midnight + 7 * Self.hour + Self.hour / 2)  // skipped: read as EST
    #expect(clock.utcNanos(nanosOfDay: 3 * Self.hour) == midnight + 7 * Self.hour)  // 03:00 EDT
    #expect(clock.utcNanos(nanosOfDay: 9 * Self.hour + Self.hour / 2) == midnight + 13 * Self.hour + Self.hour / 2)
    #expect(clock.nanosOfDay(utcNanos: midnight + 13 * Self.hour + Self.hour / 2) == 9 * Self.hour + Self.hour / 2)
  }

  @Test func fallBackDayReadsTheRepeatedHourOnce() throws {
    let clock = try Self.clock("2024-11-03")
    let midnight = clock.localMidnightNanos
    #expect(clock.utcNanos(nanosOfDay: Self.hour + Self.hour / 2) == midnight + 5 * Self.hour + Self.hour / 2)  // first 01:30, EDT
    #expect(clock.utcNanos(nanosOfDay: 2 * Self.hour) == midnight + 7 * Self.hour)  // 02:00 EST
    #expect(clock.utcNanos(nanosOfDay: 9 * Self.hour + Self.hour / 2) == midnight + 14 * Self.hour + Self.hour / 2)
  }

  @Test func timesPastMidnightStayOnTheLocalClock() throws {
    // ITCH counts up to 2^48 ns from midnight: 2024-03-09 + 30 h is 2024-03-10 06:00 EDT.
    let clock = try Self.clock("2024-03-09")
    #expect(clock.utcNanos(nanosOfDay: 30 * Self.hour) == clock.localMidnightNanos + 34 * Self.hour)
  }

  @Test func unknownExchangeZoneIsAnError() {
    #expect(throws: MarketDataError.self) {
      try LOBSTERFileName.sessionClock(path: "x.csv", date: "2012-06-21", zone: "America/Nowhere")
    }
  }
}
