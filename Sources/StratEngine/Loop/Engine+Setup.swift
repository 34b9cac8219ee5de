import Foundation
import StratABI
import StratMarket
import StratRuntime

extension Engine {
  /// The feed the setup names: a recorded day read by the backtest's own loader, or ITCH over
  /// UDP, bound once its directory has named every symbol in `wanted`.
  /// `recording` (a live feed journaling its events): what the journal already recorded.
  static func loadFeed(
    _ feed: EngineSetup.Feed, wanted: Set<String>, log: EngineLog, recording: RecordedMarket?
  ) throws(EngineError) -> EngineFeed {
    switch feed {
    case .itchUDP(let listen, let request, let date):
      let live = try LiveITCHFeed(listen: listen, request: request, date: date)
      if let recording { live.startRecording(resuming: recording.items.isEmpty ? nil : recording) }
      log.info("feed.listening", ["address": .string(live.listenAddress), "request": request.map(JSONValue.string) ?? .null])
      try live.bind(wanted, timeoutSeconds: 60)
      return EngineFeed(day: nil, live: live)
    case .replay(let path, let date, let symbol):
      do throws(MarketDataError) {
        return EngineFeed(day: try BookFeed.load(path: path, date: date, symbol: symbol), live: nil)
      } catch {
        guard let d = error.diagnostics.first else { throw EngineError(id: "engine.feed", message: "\(path) cannot be read") }
        throw EngineError(d)
      }
    }
  }

  /// The session settings of a strategy on this feed: its instruments bound by symbol.
  static func config(
    for built: BuiltStrategy, feed: EngineFeed, venue: VenueConfig, path: String
  ) throws(EngineError) -> BookBacktestConfig {
    let interface = built.executor.interface
    switch FeedBinding.numbers(interface, symbols: feed.symbols) {
    case .success(let numbers):
      return BookBacktestConfig(
        venue: venue, feedInstrumentForInstrument: numbers, symbols: interface.instruments.map(\.symbol),
        backend: built.backend, bookSource: feed.bookSource,
        locatesUnknownOrders: feed.day?.locatesUnknownOrders ?? false)
    case .failure(let unbound):
      throw EngineError(
        id: "engine.unknown-symbol", message: "\(path): " + unbound.message(feed: "the feed"), notes: unbound.notes)
    }
  }

  /// The journal's first record: what this run is (the strategies as configured — their
  /// bytes follow as `version` records —, the data, the settings). A restart must be the same run.
  static func runRecord(_ setup: EngineSetup) -> [UInt8] {
    let strategies = setup.strategies.map { s in
      let params = s.params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
      let bindings = s.instruments.map { "\($0.0)=\($0.1)" }.joined(separator: ",")
      return "{\"file\":\(JSONValue.string(s.path).text),\"params\":\(JSONValue.string(params).text),\"instruments\":\(JSONValue.string(bindings).text)}"
    }
    let venue = setup.venue
    let settings = "\(venue.orderLatency)|\(venue.feedLatency)|\(venue.queueModel)|\(venue.tradeThrough)|\(venue.fees.maker)|\(venue.fees.taker)|\(venue.seed)|\(setup.limits)|cancel-on-exit=\(setup.cancelOnExit)|state=\(setup.hotload.policy)"
    let text = "{\"strategies\":[\(strategies.joined(separator: ","))],\"feed\":\(JSONValue.string("\(setup.feed)").text),\"settings\":\(JSONValue.string(settings).text)}"
    return Array(text.utf8)
  }
}

/// Where the engine's events come from: a recorded day in memory, or a live feed.
package struct EngineFeed {
  package let day: BookFeed?
  package let live: LiveITCHFeed?

  var symbols: [UInt32: String] { day?.symbols ?? live?.symbols ?? [:] }
  var snapshots: BookSnapshots? { day?.snapshots }
  var bookSource: String { day?.bookSource ?? "ITCH 5.0 over MoldUDP64, the book built from its messages" }
  /// Events in the day (0 for a live feed: not known ahead).
  var eventCount: Int { day?.events.count ?? 0 }
}

extension Engine {
  /// The feed turned stale (a gap declared lost) or fresh: no new order on any of its
  /// instruments while it is stale (denied as `stale_feed`).
  func markStale(_ stale: Bool) {
    for s in strategies {
      for i in s.runner.session.router.guards.stale.indices { s.runner.session.router.guards.stale[i] = stale }
    }
    metrics.feedStale.set(Int64(stale ? 1 : 0))
    if stale { metrics.feedGaps.add() }
    log.warning(stale ? "feed.stale" : "feed.fresh", ["events": .int(Int(delivered))])
  }
}
