import Foundation
import StratABI
import StratMarket
import StratRuntime

extension Engine {
  /// The recorded day a replay feed names, read by the backtest's own loader.
  static func loadFeed(_ feed: EngineSetup.Feed) throws(EngineError) -> BookFeed {
    switch feed {
    case .itchUDP:
      throw EngineError(id: "engine.feed-udp", message: "the engine does not read ITCH over UDP yet (feed.kind = \"itch-udp\")")
    case .replay(let path, let date, let symbol):
      do throws(MarketDataError) {
        return try BookFeed.load(path: path, date: date, symbol: symbol)
      } catch {
        let d = error.diagnostics.first
        throw EngineError(id: d?.id ?? "engine.feed", message: d?.message ?? "\(path) cannot be read", notes: d?.notes ?? [])
      }
    }
  }

  /// The session settings of a strategy on this feed: its instruments bound by symbol.
  static func config(
    for built: BuiltStrategy, feed: BookFeed, venue: VenueConfig, path: String
  ) throws(EngineError) -> BookBacktestConfig {
    let interface = built.executor.interface
    switch FeedBinding.numbers(interface, symbols: feed.symbols) {
    case .success(let numbers):
      return BookBacktestConfig(
        venue: venue, feedInstrumentForInstrument: numbers, symbols: interface.instruments.map(\.symbol),
        backend: built.backend, bookSource: feed.bookSource)
    case .failure(let unbound):
      throw EngineError(
        id: "engine.unknown-symbol",
        message: "\(path): instrument `\(unbound.instrument.name)` is bound to `\(unbound.instrument.symbol)`, which the feed does not carry",
        notes: ["the feed's symbols: " + unbound.available.joined(separator: ", ")])
    }
  }

  /// The journal's first record: what this run is (the strategies as configured — their
  /// bytes follow as `version` records —, the data, the settings). A restart must be the same run.
  static func runRecord(_ setup: EngineSetup, _ feed: BookFeed) -> [UInt8] {
    let strategies = setup.strategies.map { s in
      let params = s.params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
      let bindings = s.instruments.map { "\($0.0)=\($0.1)" }.joined(separator: ",")
      return "{\"file\":\(JSONValue.string(s.path).text),\"params\":\(JSONValue.string(params).text),\"instruments\":\(JSONValue.string(bindings).text)}"
    }
    let venue = setup.venue
    let settings = "\(venue.orderLatency)|\(venue.feedLatency)|\(venue.queueModel)|\(venue.tradeThrough)|\(venue.fees.maker)|\(venue.fees.taker)|\(venue.seed)|\(setup.limits)|cancel-on-exit=\(setup.cancelOnExit)|state=\(setup.hotload.policy)"
    let text = "{\"strategies\":[\(strategies.joined(separator: ","))],\"feed\":\(JSONValue.string(feed.description).text),\"events\":\(feed.events.count),\"settings\":\(JSONValue.string(settings).text)}"
    return Array(text.utf8)
  }
}
