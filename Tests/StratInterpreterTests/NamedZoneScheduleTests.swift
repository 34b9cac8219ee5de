import StratABI
import StratDiagnostics
import StratInterpreter
import StratSema
import StratTimeZone
import Testing

/// The step's offset arithmetic for a named zone (ZoneOffsetPlan) against the zone's rules read
/// by StratTimeZone (themselves checked against Python's zoneinfo): on every day from 2000 to
/// 2100 the session opens exactly at 09:30:00 local and closes exactly at 16:00:00 local.
@Suite struct NamedZoneScheduleTests {
  static func interpreter(zone: String) throws -> Interpreter {
    let source = """
      strategy t
      instrument a = "A"
      when a.close > 0 { target a = 1 }
      schedule { hours 09:30 to 16:00 timezone "\(zone)" }
      """
    let result = Compiler.compile(SourceFile(path: "t.strat", bytes: Array(source.utf8)))
    let module = try #require(result.module, "\(result.diagnostics.map(\.message))")
    let interpreter = try Interpreter(module: module)
    interpreter.setBar(instrument: 0, bar: Bar(open: 1, high: 1, low: 1, close: 1, volume: 1))
    return interpreter
  }

  @Test(arguments: ["America/New_York", "Europe/London", "Australia/Sydney"])
  func sessionFollowsLocalTimeOnEveryDay(zone: String) throws {
    let rules = try ZoneDatabase.rules(named: zone)
    let interpreter = try Self.interpreter(zone: zone)
    let second: Int64 = 1_000_000_000
    var wrong: [String] = []
    for day in CivilCalendar.days(year: 2000, month: 1, day: 2)...CivilCalendar.days(year: 2100, month: 12, day: 31) {
      let midnight = day * 86_400 * second
      for (localSeconds, trades) in [(34_200 as Int64, true), (57_600, false)] {
        let at = rules.utcNanos(fromLocal: midnight + localSeconds * second)
        if (interpreter.step(timeNanos: at) == 1) != trades { wrong.append("day \(day) +\(localSeconds) s") }
        if (interpreter.step(timeNanos: at - 1) == 1) == trades { wrong.append("day \(day) +\(localSeconds) s − 1 ns") }
      }
    }
    #expect(wrong.isEmpty, "\(wrong.count) wrong, first \(wrong.prefix(4))")
  }

  @Test func fixedZoneLowersAsItsOffset() throws {
    let named = Compiler.compile(SourceFile(path: "t.strat", bytes: Array("""
      strategy t
      instrument a = "A"
      when a.close > 0 { target a = 1 }
      schedule { hours 09:30 to 16:00 timezone "Asia/Kolkata" }
      """.utf8)))
    let fixed = Compiler.compile(SourceFile(path: "t.strat", bytes: Array("""
      strategy t
      instrument a = "A"
      when a.close > 0 { target a = 1 }
      schedule { hours 09:30 to 16:00 timezone "+05:30" }
      """.utf8)))
    #expect(named.module != nil && named.module == fixed.module)
  }
}
