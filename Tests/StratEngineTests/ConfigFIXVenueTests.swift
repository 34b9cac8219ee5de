import Foundation
import Testing

@testable import StratEngine

/// `[venue] kind = "fix"`: its keys, the --fix-port override, and the keys of the other kind.
@Suite struct ConfigFIXVenueTests {
  static let fix = ConfigSchemaErrorTests.base + """
    [venue]
    kind = "fix"
    fix = "127.0.0.1:9878"
    sender_comp_id = "CLIENT1"
    target_comp_id = "VENUE"
    heartbeat = 10
    fix_store = "store"

    """

  @Test func aFIXVenueDecodes() throws {
    let venue = try #require(try ConfigTesting.decode(Self.fix).venue.fix)
    #expect(venue.address.description == "127.0.0.1:9878")
    #expect(venue.senderCompID == "CLIENT1" && venue.targetCompID == "VENUE")
    #expect(venue.heartbeatSeconds == 10 && venue.store == "/cfg/store")
  }

  @Test func fixPortReplacesThePort() throws {
    var overrides = EngineConfig.Overrides()
    overrides.fixPort = 9999
    #expect(try ConfigTesting.decode(Self.fix, overrides: overrides).venue.fix?.address.port == 9999)
  }

  @Test func missingAndInapplicableKeysAreLocatedErrors() {
    let missing = ConfigTesting.schemaErrors(Self.fix.replacingOccurrences(of: "sender_comp_id = \"CLIENT1\"\n", with: ""))
    #expect(missing.contains("sender_comp_id"), "\(missing)")
    let paper = ConfigTesting.schemaErrors(ConfigSchemaErrorTests.base + "[venue]\nkind = \"paper\"\nfix = \"127.0.0.1:9878\"\n")
    #expect(paper.contains("engine.config.not-applicable"), "\(paper)")
  }

  static let hours = """
    session_start = "17:00:00"
    session_end = "17:00:00"
    session_start_day = "sun"
    session_end_day = "fri"
    session_time_zone = "America/New_York"

    """

  @Test func sessionHoursDecodeAndDefaultToAlways() throws {
    #expect(try ConfigTesting.decode(Self.fix).venue.fix?.schedule == .always)
    let venue = try #require(try ConfigTesting.decode(Self.fix + Self.hours).venue.fix)
    #expect(venue.schedule.description == "sun 17:00:00 to fri 17:00:00 America/New_York")
  }

  /// The rendered errors of the FIX venue with `replace` applied to its hours, and the line of
  /// the key `key` in that text.
  func errors(_ replace: (String, String), at key: String) -> (String, Int) {
    let text = Self.fix + Self.hours.replacingOccurrences(of: replace.0, with: replace.1)
    let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(key + " ") }
    return (ConfigTesting.schemaErrors(text), (line ?? -1) + 1)
  }

  @Test(arguments: [
    ("\"17:00:00\"\nsession_end", "\"5pm\"\nsession_end", "session_start", "engine.config.time"),
    ("\"fri\"", "\"friyay\"", "session_end_day", "engine.config.weekday"),
    ("America/New_York", "America/New_Yrok", "session_time_zone", "engine.config.time-zone"),
    ("session_end_day = \"fri\"\n", "", "session_start_day", "engine.config.missing-key"),
  ])
  func badHoursAreLocatedErrors(_ from: String, _ to: String, _ key: String, _ id: String) {
    let (rendered, line) = errors((from, to), at: key)
    #expect(rendered.contains("error[\(id)]") && rendered.contains("engine.toml:\(line):"), "\(rendered)")
    #expect(rendered.contains("venue.\(key)"), "\(rendered)")
  }

  @Test func sessionHoursDoNotApplyToAPaperVenue() {
    let paper = ConfigTesting.schemaErrors(ConfigSchemaErrorTests.base + "[venue]\nkind = \"paper\"\nsession_start = \"08:00:00\"\n")
    #expect(paper.contains("engine.config.not-applicable") && paper.contains("session_start"), "\(paper)")
  }
}
