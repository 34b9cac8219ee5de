import Foundation
import StratFIX
import StratMarket
import StratMoldUDP64
import StratNet

/// strat-venue in one process: the FIX acceptor for the configured clients, the venue thread
/// with its matching engine, the ITCH feed, the seed day if any, and the metrics endpoint.
///
///   clients ─FIX─▶ FIXAcceptor (a thread per connection) ─▶ VenueCore (one thread) ─▶ reports
///                                                              ├─▶ VenueFeed ─MoldUDP64─▶ ITCH readers
///                                          seed day (paced) ──┘
///   Prometheus ─HTTP─▶ HTTPServer (its own threads) ─▶ VenueMetrics.render (atomics)
public final class VenueServer {
  public let settings: VenueSettings
  public let core: VenueCore
  public let acceptor: FIXAcceptor
  public let metrics: VenueMetrics
  /// `GET /metrics` and `GET /health`, when settings.metrics asks for them.
  public let metricsServer: HTTPServer?

  public init(_ settings: VenueSettings, log: @escaping @Sendable (String) -> Void) throws(FIXError) {
    self.settings = settings
    let feed: VenueFeed?
    do {
      feed = try settings.itch.map { (address) throws(NetError) in
        VenueFeed(sender: try MoldUDP64Sender(session: settings.itchSession, destination: address, requestPort: settings.requestPort))
      }
    } catch {
      throw FIXError(id: "venue.itch", message: "cannot open the ITCH feed to \(settings.itch.map { "\($0)" } ?? ""): \(error)")
    }
    (metrics, metricsServer) = try Self.metricsEndpoint(settings)
    do {
      core = try VenueCore(instruments: settings.instruments, feed: feed, metrics: metrics, log: log)
    } catch {
      throw FIXError(id: error.id, message: error.description)
    }
    if let seed = settings.seed { try Self.seed(core, seed, instruments: settings.instruments) }
    let dictionary = try FIXDictionary.bundled(.fix44)
    let sessions = settings.clients.map {
      FIXSessionSettings(
        senderCompID: settings.compID, targetCompID: $0, isInitiator: false, applicationTypes: VenueOrderEntry.messageTypes,
        schedule: settings.schedule)
    }
    let core = self.core
    acceptor = try FIXAcceptor(
      address: settings.fixAddress, dictionary: dictionary, sessions: sessions, storeFolder: settings.store, log: log
    ) { VenueOrderEntry(core: core, session: $0, log: log) }
  }

  /// The registry, and the HTTP server that renders it (bound now, served from `start`). No
  /// token: Prometheus scrapes without one, as it does the engine's /metrics.
  static func metricsEndpoint(_ settings: VenueSettings) throws(FIXError) -> (VenueMetrics, HTTPServer?) {
    do throws(StratNetError) {
      let metrics = try VenueMetrics(sessionKeys: settings.sessionKeys)
      guard let address = settings.metrics else { return (metrics, nil) }
      guard settings.isMetricsAddressAllowed else {
        throw StratNetError(id: "venue.metrics.remote", message: "\(address) is not a loopback address and allow_remote is not set")
      }
      let health = HTTPRoute("GET", "/health", requiresToken: false, isSerialized: false) { _ in .text(200, "ok\n") }
      let server = try HTTPServer(address: address, routes: [metrics.registry.route(), health], token: nil)
      return (metrics, server)
    } catch {
      throw FIXError(id: error.id, message: "the metrics endpoint: \(error.message)")
    }
  }

  /// Loads the seed day with the backtest's own loader and binds its symbols to our instruments.
  static func seed(_ core: VenueCore, _ seed: VenueSettings.Seed, instruments: [MatchingInstrument]) throws(FIXError) {
    let day: BookFeed
    do { day = try BookFeed.load(path: seed.path, date: seed.date, symbol: seed.symbol) } catch {
      throw FIXError(id: "venue.seed", message: error.diagnostics.first?.message ?? "cannot read \(seed.path)")
    }
    var locates: [UInt32: UInt16] = [:]
    for (number, symbol) in day.symbols {
      if let instrument = instruments.first(where: { $0.symbol == symbol }) { locates[number] = instrument.locate }
    }
    guard !locates.isEmpty else {
      throw FIXError(id: "venue.seed", message: "\(seed.path) has none of the venue's instruments (it has \(day.symbols.values.sorted().joined(separator: ", ")))")
    }
    core.seed(day: day.events, locates: locates, snapshots: day.snapshots, speed: seed.speed)
  }

  public func start() {
    core.start()
    acceptor.start()
    metricsServer?.start()
  }

  public func stop() {
    metricsServer?.stop()
    acceptor.stop()
    core.drain()
    core.stop()
    core.endDay()
  }
}
