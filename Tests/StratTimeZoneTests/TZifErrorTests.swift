import Foundation
import StratDiagnostics
import StratTimeZone
import Testing

/// Hostile zone files and names end in a located diagnostic, never a trap.
@Suite struct TZifErrorTests {
  static let newYork: [UInt8] = [UInt8](FileManager.default.contents(atPath: ZoneDatabase.directory + "/America/New_York") ?? Data())

  func error(_ bytes: [UInt8]) -> Diagnostic? {
    do {
      _ = try ZoneDatabase.rules(bytes: bytes, name: "X", path: "zone/X")
      return nil
    } catch {
      return error
    }
  }

  @Test func everyTruncationIsALocatedError() {
    #expect(Self.newYork.count > 1_000)
    for length in stride(from: 0, to: Self.newYork.count - 1, by: 7) {
      let found = error(Array(Self.newYork.prefix(length)))
      #expect(found?.id == "tz.bad-file", "length \(length)")
      #expect(found?.location?.path == "zone/X")
    }
  }

  @Test func randomByteFlipsNeverTrap() {
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<2_000 {
      var bytes = Self.newYork
      for _ in 0..<3 {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        bytes[Int(seed >> 33) % bytes.count] = UInt8(truncatingIfNeeded: seed >> 17)
      }
      if let found = error(bytes) { #expect(found.id == "tz.bad-file") } else {
        // A flip that still parses must still answer every question.
        let rules = try? ZoneDatabase.rules(bytes: bytes, name: "X", path: "zone/X")
        _ = rules?.utcSeconds(fromLocal: 1_340_271_000)
        _ = rules?.offset(atUTC: -1 << 62)
      }
    }
  }

  @Test func badHeaderNamesItsOffset() {
    var bytes = Self.newYork
    bytes[4] = UInt8(ascii: "9")
    let found = error(bytes)
    #expect(found?.message == "not a valid TZif zone file: unknown TZif version byte 57 (expected 0, '2', '3' or '4')")
    #expect(found?.location?.byteOffset == 4)
    #expect(error(Array("not a zone".utf8))?.location?.byteOffset == 0)
  }

  @Test func badFooterIsAnError() {
    var bytes = Self.newYork
    let footer = Array("EST5EDT,M3.2.0,M11.1.0\n".utf8)
    bytes.removeLast(footer.count)
    bytes += Array("EST5EDT,M13.2.0,M11.1.0\n".utf8)
    #expect(error(bytes)?.message == "not a valid TZif zone file: the footer \"EST5EDT,M13.2.0,M11.1.0\" is not a POSIX TZ rule")
  }

  @Test func unknownZoneSuggestsNames() {
    do {
      _ = try ZoneDatabase.rules(named: "America/New_Yrok")
      Issue.record("expected an error")
    } catch {
      #expect(error.diagnostic.id == "tz.unknown-zone")
      #expect(error.diagnostic.notes.last == "did you mean \"America/New_York\"?")
    }
    for name in ["../etc/passwd", "/etc/passwd", "", "America", "America//New_York"] {
      #expect(throws: ZoneDatabase.LookupError.self) { try ZoneDatabase.rules(named: name) }
    }
  }

  @Test(arguments: [
    ("EST5EDT,M3.2.0,M11.1.0", -18_000 as Int64, true),
    ("<+0530>-5:30", 19_800, false),
    ("AEST-10AEDT,M10.1.0,M4.1.0/3", 36_000, true),
    ("IST-1GMT0,M10.5.0,M3.5.0/1", 3_600, true),
    ("<-03>3<-02>,M3.5.0/-2,M10.5.0/-1", -10_800, true),
    ("EST5EDT4,0/0,J365/25", -18_000, true),
  ])
  func parsesPOSIXRules(text: String, standard: Int64, hasDaylight: Bool) {
    let rule = POSIXTZRule(text)
    #expect(rule?.standardOffset == standard)
    #expect((rule?.daylight != nil) == hasDaylight)
  }

  @Test(arguments: ["", "EST", "E5", "EST5EDT,M3.2.0", "EST5EDT,M3.6.0,M11.1.0", "EST25", "EST5EDT,J366,J1", "<AB>5"])
  func rejectsBadPOSIXRules(text: String) {
    #expect(POSIXTZRule(text) == nil)
  }
}
