import Foundation
import Testing

@testable import StratEngine

/// `[venue] kind = "routed"` and its `[[route]]` tables: the smart order router's venues.
@Suite struct ConfigRoutesTests {
  static func route(_ name: String, port: Int, extra: String = "") -> String {
    """
    [[route]]
    name = "\(name)"
    fix = "127.0.0.1:\(port)"
    sender_comp_id = "CLIENT1"
    target_comp_id = "VENUE"
    itch = "127.0.0.1:\(port + 30000)"
    request = "127.0.0.1:\(port + 30001)"
    taker_fee = "per-share:0.003"
    maker_fee = "per-share:-0.002"
    latency = "40us"
    \(extra)

    """
  }

  static let routed = ConfigSchemaErrorTests.base + """
    [venue]
    kind = "routed"
    router = "lowest-latency"

    """ + route("A", port: 9878) + route("B", port: 9879, extra: "fix_store = \"b-store\"")

  @Test func routesDecode() throws {
    let venue = try ConfigTesting.decode(Self.routed).venue
    #expect(venue.kind == .routed && venue.router == .lowestLatency && venue.fix == nil)
    #expect(venue.routes.map(\.name) == ["A", "B"])
    let b = venue.routes[1]
    #expect(b.fix.address.port == 9879 && b.itch.port == 39879 && b.request?.port == 39880)
    #expect(b.fix.store == "/cfg/b-store" && b.latencyNanos == 40_000)
    #expect(b.takerFee != .none && b.makerFee != .none)
  }

  @Test func theRouterDefaultsToBestPriceAndFixPortLeavesRoutesAlone() throws {
    var overrides = EngineConfig.Overrides()
    overrides.fixPort = 7000
    let venue = try ConfigTesting.decode(Self.routed.replacingOccurrences(of: "router = \"lowest-latency\"\n", with: ""), overrides: overrides).venue
    #expect(venue.router == .bestPrice && venue.routes.map(\.fix.address.port) == [9878, 9879])
  }

  @Test func aRoutedVenueNeedsRoutesAndEachRouteItsKeys() {
    let none = ConfigTesting.schemaErrors(ConfigSchemaErrorTests.base + "[venue]\nkind = \"routed\"\n")
    #expect(none.contains("engine.config.missing-key") && none.contains("[[route]]"), "\(none)")
    let noItch = ConfigTesting.schemaErrors(Self.routed.replacingOccurrences(of: "itch = \"127.0.0.1:39878\"\n", with: ""))
    #expect(noItch.contains("[[route]] #1 needs `itch`"), "\(noItch)")
    let twice = ConfigTesting.schemaErrors(Self.routed.replacingOccurrences(of: "name = \"B\"", with: "name = \"A\""))
    #expect(twice.contains("engine.config.duplicate-route"), "\(twice)")
    let badFee = ConfigTesting.schemaErrors(Self.routed.replacingOccurrences(of: "per-share:0.003", with: "0.003"))
    #expect(badFee.contains("route[1].taker_fee") && badFee.contains("route[2].taker_fee"), "\(badFee)")
    let badRouter = ConfigTesting.schemaErrors(Self.routed.replacingOccurrences(of: "lowest-latency", with: "fastest"))
    #expect(badRouter.contains("venue.router"), "\(badRouter)")
  }

  @Test func routesAndTheRouterApplyOnlyToARoutedVenue() {
    let paper = ConfigTesting.schemaErrors(
      ConfigSchemaErrorTests.base + "[venue]\nkind = \"paper\"\nrouter = \"best-price\"\n\n" + Self.route("A", port: 9878))
    #expect(paper.contains("`venue.router`") && paper.contains("`route`"), "\(paper)")
  }

  @Test func nineRoutesAreTooMany() {
    let nine = Self.routed + (3...9).map { Self.route("V\($0)", port: 9880 + $0 * 2) }.joined()
    #expect(ConfigTesting.schemaErrors(nine).contains("engine.config.too-many-routes"))
  }
}

/// Examples/fix/routed.toml validates and names the two venues Examples/fix/venues.sh starts.
@Suite struct RoutedExampleTests {
  @Test func theRoutedExampleNamesBothVenuesOfVenuesSh() throws {
    let config = try EngineConfig.load(path: ConfigTesting.root.appendingPathComponent("Examples/fix/routed.toml").path)
    let venue = config.venue
    #expect(venue.kind == .routed && venue.router == .bestPrice)
    #expect(venue.routes.map(\.name) == ["A", "B"])
    #expect(venue.routes.map(\.fix.address.port) == [9878, 9879])
    #expect(venue.routes.map(\.itch.port) == [39401, 39411] && venue.routes.map { $0.request?.port } == [39402, 39412])
    let script = try String(contentsOfFile: ConfigTesting.root.appendingPathComponent("Examples/fix/venues.sh").path, encoding: .utf8)
    #expect(script.contains("--fix-port 9879 --itch 127.0.0.1:39411 --request-port 39412"))
    #expect(config.strategies.map { ($0.file as NSString).lastPathComponent } == ["imbalance_taker.strat"])
  }
}
