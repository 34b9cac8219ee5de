import Foundation
import StratFIX
import StratMarket
import StratNet
import StratRuntime
import StratVenue

@testable import StratEngine

/// Two strat-venues in this process for the router's tests, each seeded from the LOBSTER GOOG
/// day (A with its first `seedA` events, B with `seedB`, so their books differ), each
/// publishing its book as ITCH over MoldUDP64 on loopback to a port the engine's quote book
/// listens on, with a re-request server.
final class RoutedVenues {
  let servers: [VenueServer]
  let itchPorts: [UInt16]
  let requestPorts: [UInt16]
  let names = ["A", "B"]

  init(seed: [Int], day: BookFeed) throws {
    var servers: [VenueServer] = []
    var itch: [UInt16] = []
    var requests: [UInt16] = []
    for (k, count) in seed.enumerated() {
      let port = try Self.freeUDPPort()
      let request = try Self.freeUDPPort()
      var settings = VenueSettings()
      settings.compID = "VENUE"
      settings.clients = ["CLIENT1", "CLIENT2"]
      settings.fixAddress = .loopback(port: 0)
      settings.instruments = [MatchingInstrument(symbol: "GOOG", locate: 1)]
      settings.itch = SocketAddress(ipv4: SocketAddress.loopback().ipv4, port: port)
      settings.requestPort = request
      settings.itchSession = "VENUE0000\(k + 1)"
      let server = try VenueServer(settings) { _ in }
      var locates: [UInt32: UInt16] = [:]
      for (number, symbol) in day.symbols where symbol == "GOOG" { locates[number] = 1 }
      server.core.seed(day: Array(day.events.prefix(count)), locates: locates, snapshots: day.snapshots, speed: 1e6)
      server.start()
      servers.append(server)
      itch.append(port)
      requests.append(request)
    }
    self.servers = servers
    itchPorts = itch
    requestPorts = requests
  }

  func stop() { servers.forEach { $0.stop() } }

  /// The engine's routes to both venues.
  func routes(takerFees: [Int64] = [0, 0], latencies: [Int64] = [0, 0]) throws -> [EngineConfig.Route] {
    try servers.indices.map { k in
      EngineConfig.Route(
        name: names[k],
        fix: EngineConfig.FIXVenue(
          address: try EngineConfig.Address.parse("127.0.0.1:\(servers[k].acceptor.address.port)").get(),
          senderCompID: "CLIENT1", targetCompID: "VENUE", heartbeatSeconds: 30, store: nil),
        itch: try EngineConfig.Address.parse("127.0.0.1:\(itchPorts[k])").get(),
        request: try EngineConfig.Address.parse("127.0.0.1:\(requestPorts[k])").get(),
        makerFee: .none, takerFee: takerFees[k] == 0 ? .none : .perShare(Money(raw: takerFees[k])), latencyNanos: latencies[k])
    }
  }

  /// Each venue's orders from CLIENT1, and the position they add up to.
  func orders(_ k: Int) -> [VenueCore.ClientOrder] { servers[k].core.clientOrders(session: "VENUE-CLIENT1") }
  func position(_ k: Int) -> Int64 { orders(k).reduce(0) { $0 + ($1.isBuy ? $1.filled : -$1.filled) } }

  /// A UDP port the kernel has free now (bound and released: the venue then sends to it).
  static func freeUDPPort() throws -> UInt16 {
    let feed = try MoldUDP64Feed(MoldUDP64FeedConfig(name: "port", listen: .loopback()))
    return feed.listenAddress.port
  }
}
