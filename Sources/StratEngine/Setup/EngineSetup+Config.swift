import StratMarket
import StratRuntime

extension EngineSetup {
  /// The setup a checked config file asks for. Feeds the engine cannot run yet are refused here
  /// with the key that asked for them.
  package init(_ config: EngineConfig) throws(EngineError) {
    let feed: Feed
    switch config.feed.source {
    case .lobster(let messages, _, let symbol, let date): feed = .replay(path: messages, date: date, symbol: symbol)
    case .itch(let file, let date): feed = .replay(path: file, date: date, symbol: nil)
    case .tick(let file): feed = .replay(path: file, date: nil, symbol: nil)
    case .itchUDP(let listen, let request, let date):
      guard let date else {
        throw EngineError(id: "engine.feed-date", message: "feed.date is required for an itch-udp feed (ITCH times count from the session's midnight)")
      }
      feed = .itchUDP(listen: listen.description, request: request?.description, date: date)
    }
    self.init(
      strategies: config.strategies.map { s in
        Strategy(
          path: s.file, params: Dictionary(s.params.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 }),
          instruments: s.instruments.map { ($0.name, $0.value) })
      },
      feed: feed, venue: Self.venue(config.venue), limits: Self.limits(config.risk),
      journal: config.engine.journal, out: config.engine.out,
      speed: config.feed.speed > 0 ? config.feed.speed : nil, cancelOnExit: config.engine.onExit == .cancel)
    cpu = config.engine.cpu
    fixVenue = config.venue.fix
    routes = config.venue.routes
    routingPolicy = RoutingPolicy(rawValue: config.venue.router.rawValue) ?? .bestPrice
    recordMarket = config.recording.recordMarket
    writeTicks = config.recording.writeTicks
    hotload = Hotload(folder: config.engine.strategies, policy: HotLoader.Policy(rawValue: config.hotload.state.rawValue) ?? .carry)
    hotload.shadow = config.hotload.shadow
    hotload.warmupRecords = config.hotload.warmupRecords
  }

  static func venue(_ v: EngineConfig.Venue) -> VenueConfig {
    var venue = VenueConfig()
    venue.orderLatency = latency(v.orderLatency)
    venue.feedLatency = latency(v.feedLatency)
    venue.fees.maker = fee(v.makerFee)
    venue.fees.taker = fee(v.takerFee)
    // The config checked these against the same names; the runtime's reader is the one owner.
    venue.queueModel = (try? VenueSettings.queue(v.queue, name: "venue.queue")) ?? venue.queueModel
    venue.tradeThrough = (try? VenueSettings.tradeThrough(v.tradeThrough, name: "venue.trade_through")) ?? venue.tradeThrough
    venue.seed = v.seed
    return venue
  }

  static func latency(_ l: EngineConfig.Latency) -> LatencyModel {
    switch l {
    case .constant(let n): .constant(nanos: n)
    case .uniform(let lo, let hi): .uniform(lowNanos: lo, highNanos: hi)
    case .logNormal(let m, let s): .logNormal(medianNanos: m, sigma: s)
    }
  }

  static func fee(_ f: EngineConfig.Fee) -> VenueFeeRate {
    switch f {
    case .none: .none
    case .perShare(let m): .perShare(m)
    case .perNotional(let r): .perNotional(r)
    }
  }

  static func limits(_ r: EngineConfig.RiskLimits) -> GlobalLimits {
    var g = GlobalLimits()
    g.maxOrderQuantity = r.maxOrderQuantity?.units
    g.maxPosition = r.maxPosition?.units
    g.maxOrderNotional = r.maxNotional
    g.priceBand = r.priceBand
    g.maxOrdersPerSecond = r.maxOrdersPerSecond.map { Int(clamping: $0) }
    g.maxOpenOrders = r.maxOpenOrders.map { Int(clamping: $0) }
    g.maxDailyLoss = r.maxDailyLoss
    g.duplicateWindowNanos = r.duplicateWindowNanos
    g.killOnBreach = r.onBreach == .kill
    g.flattenOnKill = r.flattenOnKill
    return g
  }
}
