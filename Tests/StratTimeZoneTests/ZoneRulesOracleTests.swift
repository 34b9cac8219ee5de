import Foundation
import StratTimeZone
import Testing

/// The system's zone files, read by our TZif reader, against Python's zoneinfo reading the same
/// tzdata (zoneinfo-oracle.txt, written by make-oracle.py): offsets one second around every
/// transition 1965–2100 and local → UTC (fold = 0) in and around every skipped and repeated hour.
@Suite struct ZoneRulesOracleTests {
  struct Case: CustomStringConvertible, Sendable {
    var kind: String
    var zone: String
    var input: Int64
    var expected: Int64
    var description: String { "\(kind) \(zone) \(input)" }
  }

  static let cases: [Case] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("zoneinfo-oracle.txt")
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").map { line in
      let f = line.split(separator: " ")
      return Case(kind: String(f[0]), zone: String(f[1]), input: Int64(f[2])!, expected: Int64(f[3])!)
    }
  }()

  @Test func oracleCoversEveryZone() {
    let zones = Set(Self.cases.map(\.zone))
    #expect(zones == ["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "UTC"])
    #expect(Self.cases.count > 7_000)
  }

  @Test(arguments: ["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "UTC"])
  func agreesWithZoneinfo(zone: String) throws {
    let rules = try ZoneDatabase.rules(named: zone)
    var failures: [String] = []
    for c in Self.cases where c.zone == zone {
      let got = c.kind == "offset" ? rules.offset(atUTC: c.input) : rules.utcSeconds(fromLocal: c.input)
      if got != c.expected { failures.append("\(c): expected \(c.expected), found \(got)") }
    }
    #expect(failures.isEmpty, "\(failures.prefix(5))")
  }

  @Test func newYorkFallBackReadsTheRepeatedHourAsDaylightTime() throws {
    let rules = try ZoneDatabase.rules(named: "America/New_York")
    // 2024-11-03 01:30 local happens twice; fold = 0 is the first, EDT (UTC−4): 05:30Z.
    let local: Int64 = 1_730_597_400  // 2024-11-03T01:30:00 on the local clock
    #expect(rules.utcSeconds(fromLocal: local) == local + 4 * 3_600)
    // 2024-03-10 02:30 does not exist; it is read on the old clock (EST): 07:30Z.
    let skipped: Int64 = 1_710_037_800  // 2024-03-10T02:30:00 on the local clock
    #expect(rules.utcSeconds(fromLocal: skipped) == skipped + 5 * 3_600)
  }

  @Test func nanosecondsKeepTheirFraction() throws {
    let rules = try ZoneDatabase.rules(named: "America/New_York")
    // 2012-06-21 09:30:00.000000001 EDT.
    let local = (1_340_271_000 as Int64) * 1_000_000_000 + 1
    #expect(rules.utcNanos(fromLocal: local) == local + 4 * 3_600 * 1_000_000_000)
  }

  @Test func footerRuleGivesTransitionsAfterTheFile() throws {
    let rules = try ZoneDatabase.rules(named: "America/New_York")
    let year2100 = rules.transitions(from: 4_102_444_800, to: 4_133_980_800)  // 2100
    // 2100-03-14 07:00Z and 2100-11-07 06:00Z.
    #expect(year2100.map(\.utc) == [4_108_690_800, 4_129_250_400])
    #expect(year2100.map(\.after) == [-14_400, -18_000])
  }
}
