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
}
