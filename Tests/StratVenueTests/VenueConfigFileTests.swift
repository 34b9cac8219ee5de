import Foundation
import StratDiagnostics
import Testing

@testable import StratVenue

/// `strat-venue run --config`: Examples/fix/venue.toml decodes, and mistakes are located errors.
@Suite struct VenueConfigFileTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  @Test func theExampleDecodes() throws {
    let settings = try VenueConfigFile.load(path: Self.root.appendingPathComponent("Examples/fix/venue.toml").path)
    #expect(settings.compID == "VENUE" && settings.clients == ["CLIENT1", "CLIENT2"])
    #expect(settings.fixAddress.port == 9878)
    #expect(settings.itch.map { "\($0)" } == "127.0.0.1:39401" && settings.requestPort == 39402)
    #expect(settings.instruments.map(\.symbol) == ["GOOG"] && settings.instruments[0].tickSize.raw == 1_000_000)
    #expect(settings.seed?.speed == 10 && settings.seed?.path.hasSuffix("message_10.csv.gz") == true)
    #expect(settings.store?.hasSuffix("out/fix/venue-a") == true)
    #expect(settings.metrics.map { "\($0)" } == "127.0.0.1:9201" && !settings.metricsAllowRemote)
  }

  func errors(_ text: String) -> String {
    do {
      _ = try VenueConfigFile.parse(SourceFile(path: "venue.toml", text: text), folder: "/cfg")
      return ""
    } catch {
      return error.description
    }
  }

  @Test func mistakesAreLocated() {
    let base = "[venue]\nclients = [\"C1\"]\n\n[[instrument]]\nsymbol = \"GOOG\"\n"
    #expect(errors(base) == "")
    #expect(errors(base + "[venu]\n").contains("venu"))
    #expect(errors(base.replacingOccurrences(of: "[\"C1\"]", with: "\"C1\"")).contains("clients"))
    #expect(errors("[venue]\nclients = [\"C1\"]\n").contains("venue.config.no-instruments"))
    #expect(errors(base + "tick = -1.0\n").contains("tick"))
    #expect(errors(base + "[itch]\nudp = \"nowhere\"\n").contains("venue.toml:7"))
    #expect(errors(base + "[seed]\nspeed = 2.0\n").contains("file"))
  }

  @Test func metricsListenIsLoopbackUnlessAllowed() throws {
    let base = "[venue]\nclients = [\"C1\"]\n\n[[instrument]]\nsymbol = \"GOOG\"\n"
    let local = try VenueConfigFile.parse(SourceFile(path: "venue.toml", text: base + "[metrics]\nlisten = \"127.0.0.1:9201\"\n"), folder: "/cfg")
    #expect(local.metrics.map { "\($0)" } == "127.0.0.1:9201")
    let none = try VenueConfigFile.parse(SourceFile(path: "venue.toml", text: base), folder: "/cfg")
    #expect(none.metrics == nil)
    let remote = errors(base + "[metrics]\nlisten = \"0.0.0.0:9201\"\n")
    #expect(remote.contains("venue.toml:7:") && remote.contains("error[venue.config.remote]") && remote.contains("allow_remote"), "\(remote)")
    let allowed = try VenueConfigFile.parse(
      SourceFile(path: "venue.toml", text: base + "[metrics]\nlisten = \"0.0.0.0:9201\"\nallow_remote = true\n"), folder: "/cfg")
    #expect(allowed.metrics?.port == 9201 && allowed.isMetricsAddressAllowed)
    #expect(errors(base + "[metrics]\nlisten = \"here\"\n").contains("venue.toml:7:"))
    #expect(errors(base + "[metrics]\nlisten = \"127.0.0.1:9201\"\nport = 1\n").contains("port"))
  }

  @Test func sessionHoursDecodeAndMistakesAreLocated() throws {
    let base = "[venue]\nclients = [\"C1\"]\n"
    let instrument = "\n[[instrument]]\nsymbol = \"GOOG\"\n"
    let hours = base + "session_start = \"17:00:00\"\nsession_end = \"16:00:00\"\nsession_time_zone = \"America/New_York\"\n"
    let settings = try VenueConfigFile.parse(SourceFile(path: "venue.toml", text: hours + instrument), folder: "/cfg")
    #expect(settings.schedule.description == "17:00:00 to 16:00:00 America/New_York")
    let plain = try VenueConfigFile.parse(SourceFile(path: "venue.toml", text: base + instrument), folder: "/cfg")
    #expect(plain.schedule == .always)
    let badTime = errors(hours.replacingOccurrences(of: "\"16:00:00\"", with: "\"16:00\"") + instrument)
    #expect(badTime.contains("venue.toml:4:") && badTime.contains("error[engine.config.time]"), "\(badTime)")
    let badDay = errors(hours + "session_start_day = \"mo\"\nsession_end_day = \"fri\"\n" + instrument)
    #expect(badDay.contains("venue.toml:6:") && badDay.contains("error[engine.config.weekday]"), "\(badDay)")
    let alone = errors(base + "session_end = \"16:00:00\"\n" + instrument)
    #expect(alone.contains("venue.toml:3:") && alone.contains("error[engine.config.missing-key]"), "\(alone)")
  }
}
